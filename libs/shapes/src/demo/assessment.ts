import type { INestApplication } from '@nestjs/common';
import {
  evaluationDecider,
  evaluationStreamId,
  SAMPLE_INDICATORS,
  SAMPLE_RULES,
  schemeDecider,
  schemeRefOf,
  schemeStreamId,
  trainingDecider,
  trainingStreamId,
} from '@gongkai/assessment';
import { CommandHandler, type CommandContext } from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';

/**
 * Assessment demo data, through the command handler like every real use: this year's scheme
 * (openness weight 5%), one concentrated training, and one manual score. Scores then come from
 * whatever the other services' demo data recorded. Loading twice changes nothing.
 */
export async function loadAssessmentDemo(app: INestApplication): Promise<void> {
  const commands = app.get(CommandHandler);
  const now = new Date();
  const today = toShanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const schemeId = `KH-${year}`;
  const context: CommandContext = {
    actor: { userId: 'demo-loader', unitId: 'TEZ-GOV-OFFICE', role: 'district_office' },
    correlationId: 'demo-data',
    now: now.toISOString(),
  };
  const { state } = await commands.load(schemeDecider, schemeStreamId(schemeId));
  if (state.status === 'published') return;
  const published = await commands.handle(
    schemeDecider,
    schemeStreamId(schemeId),
    {
      type: 'PublishScheme',
      schemeId,
      year,
      title: `${year}年度政务公开工作考核方案`,
      opennessWeightPercent: 5,
      indicators: SAMPLE_INDICATORS,
      rules: SAMPLE_RULES,
      scoresFrozen: false,
    },
    context,
  );
  await commands.handle(
    trainingDecider,
    trainingStreamId(`TR-${year}-1`),
    {
      type: 'RecordTraining',
      trainingId: `TR-${year}-1`,
      title: `${year}年度全区政务公开集中学习培训`,
      heldOn: `${year}-04-10` <= today ? `${year}-04-10` : today,
      concentrated: true,
      organiserUnitId: 'TEZ-GOV-OFFICE',
      participants: [
        { unitId: 'TEZ-ZSZ', count: 2 },
        { unitId: 'TEZ-YHJD', count: 2 },
        { unitId: 'TEZ-EDU', count: 1 },
        { unitId: 'TEZ-CIVIL', count: 1 },
      ],
    },
    context,
  );
  await commands.handle(
    evaluationDecider,
    evaluationStreamId(schemeId),
    {
      type: 'RecordManualScore',
      scheme: schemeRefOf(published.state),
      unitAssessed: true,
      unitId: 'TEZ-ZSZ',
      indicatorId: 'quality',
      points: 9,
      reason: '日常检查栏目更新及时，群众评议满意',
      evidence: ['第三季度政务公开检查记录'],
    },
    context,
  );
}
