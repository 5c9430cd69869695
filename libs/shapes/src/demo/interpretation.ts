import type { INestApplication } from '@nestjs/common';
import { DEFAULT_INTERPRETATION_LIMITS } from '@gongkai/contracts';
import {
  concernDecider,
  concernStreamId,
  consultationDecider,
  consultationStreamId,
  openDayDecider,
  openDayStreamId,
  participationCatalogueDecider,
  participationCatalogueStreamId,
  villageDecider,
  villageStreamId,
} from '@gongkai/interpretation';
import { CommandHandler, type CommandContext } from '@gongkai/platform';
import { addCalendarDays, defaultWorkingDayCalendar, toShanghaiDate } from '@gongkai/working-days';

/**
 * Interpretation demo data, through the command handler like every real use: a participation
 * catalogue, an open consultation, a hot-issue concern, an open day and a village posting.
 * (Interpretation obligations open from document-attributes' DocumentIssued events.)
 */
export async function loadInterpretationDemo(app: INestApplication): Promise<void> {
  const commands = app.get(CommandHandler);
  const now = new Date();
  const today = toShanghaiDate(now);
  const context = (unitId: string, role: 'clerk' | 'district_office' = 'clerk'): CommandContext => ({
    actor: { userId: 'demo-loader', unitId, role },
    correlationId: 'demo-data',
    now: now.toISOString(),
  });
  const limits = DEFAULT_INTERPRETATION_LIMITS;

  await commands.handle(
    participationCatalogueDecider,
    participationCatalogueStreamId('TEZ-ZSZ'),
    {
      type: 'PublishParticipationCatalogue',
      unitId: 'TEZ-ZSZ',
      items: [
        {
          decisionItem: '镇村道路建设年度计划',
          methods: ['座谈会', '实地走访', '向社会公开征求意见'],
          channels: ['区政府门户网站', '村务公开栏'],
        },
        { decisionItem: '农村人居环境整治实施方案', methods: ['问卷调查', '书面征求意见'], channels: ['政务新媒体', '便民服务站'] },
      ],
    },
    context('TEZ-ZSZ'),
  );

  await commands.handle(
    consultationDecider(defaultWorkingDayCalendar()),
    consultationStreamId('DEMO-PARKS-2026'),
    {
      type: 'OpenConsultation',
      consultationId: 'DEMO-PARKS-2026',
      unitId: 'TEZ-HOUSING',
      title: '台儿庄区城区口袋公园建设实施方案（征求意见稿）',
      draft: '为提升城区人居环境，拟在运河街道等区域新建口袋公园12处……',
      kind: 'major_decision',
      opensOn: today,
      closesOn: addCalendarDays(today, 29),
      today,
      limits,
    },
    context('TEZ-HOUSING'),
  );

  await commands.handle(
    concernDecider,
    concernStreamId('DEMO-HEATING'),
    {
      type: 'RegisterConcern',
      concernId: 'DEMO-HEATING',
      source: '12345热线',
      topic: '部分小区冬季供暖温度不达标',
      summary: '12345热线近三日收到运河街道多个小区反映室温偏低。',
      severity: 'hot_issue',
      registeredAt: now.toISOString(),
      at: now.toISOString(),
      limits,
    },
    context('TEZ-GOV-OFFICE', 'district_office'),
  );
  await commands.handle(
    concernDecider,
    concernStreamId('DEMO-HEATING'),
    { type: 'AssignConcern', unitId: 'TEZ-HOUSING' },
    context('TEZ-GOV-OFFICE', 'district_office'),
  );

  await commands.handle(
    openDayDecider,
    openDayStreamId('DEMO-OPENDAY-EDU'),
    {
      type: 'AnnounceOpenDay',
      openDayId: 'DEMO-OPENDAY-EDU',
      unitId: 'TEZ-EDU',
      title: '“走进教育”政府开放日',
      description: '参观区实验学校，了解义务教育招生政策，与教育局负责同志座谈。',
      heldOn: addCalendarDays(today, 20),
      capacity: 40,
      today,
      minimumNoticeDays: limits.openDayNoticeDays,
    },
    context('TEZ-EDU'),
  );

  await commands.handle(
    villageDecider,
    villageStreamId('V-ZSZ-HOUWA'),
    {
      type: 'RegisterVillageCommittee',
      committeeId: 'V-ZSZ-HOUWA',
      name: '张山子镇后洼村民委员会',
      kind: 'village',
      townUnitId: 'TEZ-ZSZ',
      financesMonthly: true,
    },
    context('TEZ-ZSZ'),
  );
  await commands.handle(
    villageDecider,
    villageStreamId('V-ZSZ-HOUWA'),
    {
      type: 'RecordVillagePosting',
      postingId: 'DEMO-MAJOR-1',
      category: 'major',
      title: '村集体土地流转方案公示',
      period: today,
      today,
      limits,
    },
    context('TEZ-ZSZ'),
  );
}
