import type { INestApplication } from '@nestjs/common';
import type { AnnualReportNarrative } from '@gongkai/contracts';
import {
  annualReportDecider,
  annualReportFiguresFromStore,
  annualReportStreamId,
  requestStreamId,
  runYearScenario,
} from '@gongkai/requests';
import { CommandHandler, EVENT_STORE, type CommandContext, type EventStore } from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';

const YEAR = 2025;

/** What each demo unit enters by hand when it finalises its 2025 report: Table 2's counts no service records, and the narrative. */
const ANNUAL_REPORTS: Record<
  string,
  {
    licensing_decisions: number;
    penalty_decisions: number;
    enforcement_decisions: number;
    fees_amount_10k_yuan: number;
    narrative: AnnualReportNarrative;
  }
> = {
  'TEZ-ZSZ': {
    licensing_decisions: 126,
    penalty_decisions: 38,
    enforcement_decisions: 2,
    fees_amount_10k_yuan: 0,
    narrative: {
      overview: [
        '2025年，张山子镇人民政府深入贯彻《中华人民共和国政府信息公开条例》，按照区委、区政府关于全面推进基层政务公开标准化规范化工作的部署，以群众需求为导向，持续完善政务公开标准目录，规范依申请公开办理流程，全年政务公开工作平稳有序开展。',
        '主动公开方面，围绕乡村振兴、社会救助、惠农补贴、村庄规划等重点领域，通过区政府门户网站镇街专栏、政务公开栏和村务公开栏及时发布政府信息；依申请公开方面，严格执行法定答复期限，全年收到的政府信息公开申请均依法登记、按时答复，未发生逾期答复情况。',
      ].join('\n'),
      problemsAndImprovements: [
        '存在的主要问题：一是部分村级公开栏更新不够及时，公开内容的通俗性有待提高；二是工作人员对依申请公开答复文书的规范化把握还不够精准。',
        '改进措施：一是建立村务公开栏季度检查制度，督促各村按时更新；二是组织政务公开专题培训，提升答复文书质量；三是对多次被申请的信息及时转为主动公开。',
      ].join('\n'),
      otherMatters: '本年度未收取信息处理费。本单位政务公开工作机构为党政综合办公室，联系电话：0632-6611001。',
    },
  },
  'TEZ-EDU': {
    licensing_decisions: 214,
    penalty_decisions: 3,
    enforcement_decisions: 0,
    fees_amount_10k_yuan: 12.6,
    narrative: {
      overview: [
        '2025年，区教育和体育局认真落实政府信息公开各项要求，围绕义务教育招生入学、学生资助、教师招聘、校园安全和体育场馆开放等群众关注事项，及时、准确公开政府信息，切实保障公众的知情权、参与权和监督权。',
        '全年依法办理政府信息公开申请，对涉及第三方合法权益的申请依法征求第三方意见，做到程序规范、答复及时；对行政复议案件认真答复，复议机关维持原答复。',
      ].join('\n'),
      problemsAndImprovements: [
        '存在的主要问题：一是政策解读形式较为单一，图解、视频等解读材料偏少；二是部分学校信息公开工作人员变动较大，业务衔接不够顺畅。',
        '改进措施：一是丰富政策解读形式，重要政策同步发布图解和问答；二是加强对局属学校信息公开工作的指导和培训，建立工作人员变动交接制度。',
      ].join('\n'),
      otherMatters: '本年度未收取信息处理费。',
    },
  },
};

/**
 * Demo disclosure requests: a year (2025) of cases for 张山子镇 and 区教育和体育局, through the real
 * command handler with dated command contexts — every reply category, a correction left
 * unanswered, an unpaid fee, a reconsideration, and a late-December case carried into 2026.
 * Loaded once: a store that already holds them is left alone. Then both units finalise their 2025
 * annual report (Table 2's counts entered by hand, the narrative written), so the portal has
 * published reports to show; a report already finalised is left alone.
 */
export async function loadRequestsDemo(app: INestApplication): Promise<void> {
  const store = app.get<EventStore>(EVENT_STORE);
  const commands = app.get(CommandHandler);
  const unitIds = Object.keys(ANNUAL_REPORTS);
  if ((await store.readStream(requestStreamId(`Y${YEAR}-TEZ-ZSZ-00`))).length === 0) await runYearScenario(commands, unitIds, YEAR);
  // Finalised by the unit's office head in January (Art. 49: by 31 January), or now if that is still ahead.
  const finalisedAt = new Date(Math.min(Date.parse(`${YEAR + 1}-01-20T02:00:00.000Z`), Date.now())).toISOString();
  for (const unitId of unitIds) {
    const streamId = annualReportStreamId(unitId, YEAR);
    if ((await commands.load(annualReportDecider, streamId)).state.finalised) continue;
    const { narrative, ...handEntered } = ANNUAL_REPORTS[unitId];
    // Computed from the events (the consumers may still be catching up with the year just recorded).
    const { table2Documents, table3, table4 } = await annualReportFiguresFromStore(store, unitId, YEAR);
    const context: CommandContext = {
      actor: { userId: `office_head-${unitId}`, unitId, role: 'office_head' },
      correlationId: 'demo-data',
      now: finalisedAt,
    };
    await commands.handle(
      annualReportDecider,
      streamId,
      {
        type: 'FinaliseAnnualReport',
        unitId,
        year: YEAR,
        today: toShanghaiDate(finalisedAt),
        table2: { ...table2Documents, ...handEntered },
        table3,
        table4,
        narrative,
      },
      context,
    );
  }
}
