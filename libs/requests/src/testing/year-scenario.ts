import { createHash } from 'node:crypto';
import { APPLICANT_TYPES, REPLY_CATEGORIES, REPLY_CATEGORY_CODES, type ApplicantType, type ReplyCategory } from '@gongkai/contracts';
import type { CommandContext, CommandHandler } from '@gongkai/platform';
import { defaultWorkingDayCalendar, type LocalDate } from '@gongkai/working-days';
import { requestStreamId } from '../domain/request';
import { requestDecider, type RequestCommand } from '../domain/request.decide';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const at = (day: string, role: CommandContext['actor']['role'], unitId: string): CommandContext => ({
  actor: { userId: `${role}-${unitId}`, unitId, role },
  correlationId: `scenario-${day}`,
  now: `${day}T02:00:00.000Z`, // 10:00 in Shanghai
});

/**
 * What each demo applicant asked, written as people write to a town or a department: one per reply
 * category, so the category shows in how the request was answered, never in its wording.
 */
export const SCENARIO_DESCRIPTIONS: Record<ReplyCategory, string> = {
  disclose: '请提供本镇2025年农村低保资金的发放明细，到村一级就可以。',
  partial: '申请公开张山子至涧头集道路改造工程的招标文件和中标合同。',
  'withhold.state_secret': '想了解咱们区防汛抗旱物资储备库都设在哪里、各存了多少物资。',
  'withhold.law_forbids': '申请查看我们村在第七次人口普查时填报的每户登记表。',
  'withhold.three_security': '请公开本区危险化学品仓库的具体位置、储量和夜间安保布置。',
  'withhold.third_party': '申请提供邻居家宅基地审批时交的全部材料，包括他家的身份证复印件。',
  'withhold.internal_affairs': '请提供镇政府机关食堂2025年的采购清单和工作人员排班表。',
  'withhold.process_info': '申请公开镇里开会讨论拆迁补偿方案时的会议记录，以及每个人的发言。',
  'withhold.enforcement_file': '我家超市去年被罚过一次款，想把那次执法的全部案卷复印一份。',
  'withhold.query_matter': '帮我查一下我名下登记了几处房产，出具一份查询结果。',
  'unable.not_held': '请提供1958年修运河大堤时的施工图纸和参加施工的人员名单。',
  'unable.needs_creation': '请把全镇近十年每个村的人口变化情况整理成一张表格给我。',
  'unable.still_unclear': '我要那个文件，就是去年开会说的关于补贴的那个。',
  'reject.petition': '我家的承包地被人占了两年一直没人管，请政府出面处理并赔偿损失。',
  'reject.repeat': '再次申请公开本镇2025年农村低保资金发放明细（上个月申请过，还想再要一份）。',
  'reject.publication': '请给我一本《台儿庄区统计年鉴（2024）》。',
  'reject.mass_repeat': '申请公开全镇各村2015年以来每一笔村级财务支出的原始凭证和审批单。',
  'reject.reconfirm': '上次你们给我的答复书请再书面确认一下是真的，并重新盖章出具一份。',
  'other.no_correction': '要那个关于拆迁的文件。',
  'other.unpaid': '请提供本镇2020年以来全部党委会会议纪要的复印件，大概三百多页。',
  'other.other': '申请公开本镇2025年为民办实事项目的进展和资金使用情况。',
};

const PEOPLE = ['王秀英', '李建国', '张桂兰', '刘洪涛', '陈玉梅', '杨志强', '赵淑珍', '孙立军', '周海燕', '吴德福', '郑丽娟'];
const ORGANISATIONS: Record<Exclude<ApplicantType, '自然人'>, string[]> = {
  商业企业: ['台儿庄区顺河建材有限公司', '枣庄市运河物流有限公司', '台儿庄古城餐饮管理有限公司'],
  科研机构: ['枣庄学院乡村振兴研究中心', '山东省农业科学院枣庄试验站'],
  社会公益组织: ['台儿庄区爱心助学志愿者协会', '枣庄市环保公益服务中心'],
  法律服务机构: ['山东运河律师事务所', '台儿庄区法律援助中心'],
  其他: ['张山子镇北洛村村民委员会', '台儿庄区个体劳动者协会'],
};
/** A name as applicants have them: a person's, or an organisation's of its type. */
const applicantName = (type: ApplicantType, i: number) =>
  type === '自然人' ? PEOPLE[i % PEOPLE.length] : ORGANISATIONS[type][i % ORGANISATIONS[type].length];

export interface ScenarioExpectation {
  /** Per unit: how many requests of each applicant type were received in the year, closed by category, carried forward. */
  units: Record<
    string,
    {
      newByType: Record<ApplicantType, number>;
      closedByCategory: Record<ReplyCategory, number>;
      carriedForward: number;
      carriedForwardType: ApplicantType;
    }
  >;
  replied: { unitId: string; requestId: string; category: ReplyCategory }[];
}

/**
 * A year of requests for two units through the real command handler, dated by the command
 * context (deciders read no clock): every reply category once per unit (the two abandonment
 * categories through their own paths), one reconsideration, and one case received in late
 * December that stays open into the next year.
 */
export async function runYearScenario(commands: CommandHandler, unitIds: readonly string[], year = 2025): Promise<ScenarioExpectation> {
  const cal = defaultWorkingDayCalendar();
  const expectation: ScenarioExpectation = { units: {}, replied: [] };
  for (const [u, unitId] of unitIds.entries()) {
    const newByType = Object.fromEntries(APPLICANT_TYPES.map((t) => [t, 0])) as Record<ApplicantType, number>;
    const closedByCategory = Object.fromEntries(REPLY_CATEGORY_CODES.map((c) => [c, 0])) as Record<ReplyCategory, number>;
    const send = async (requestId: string, day: string, command: RequestCommand, role: CommandContext['actor']['role'] = 'clerk') =>
      commands.handle(requestDecider(cal), requestStreamId(requestId), command, at(day, role, unitId));
    for (const [i, category] of REPLY_CATEGORY_CODES.entries()) {
      const requestId = `Y${year}-${unitId}-${String(i).padStart(2, '0')}`;
      const type = APPLICANT_TYPES[(i + u) % APPLICANT_TYPES.length];
      const received = cal.addWorkingDays(`${year}-02-03` as LocalDate, i * 10 + u);
      const plus = (n: number) => cal.addWorkingDays(received, n);
      newByType[type] += 1;
      closedByCategory[category] += 1;
      await send(requestId, received, {
        type: 'ReceiveRequest',
        today: received,
        requestId,
        unitId,
        channel: i % 2 ? 'registered_post' : 'online',
        receivedOn: received,
        receiptBasis: i % 2 ? '本机关签收之日' : '双方确认之日',
        applicant: { type, name: applicantName(type, i), phone: `1380000${String(i).padStart(4, '0')}` },
        applicantKey: hex(`applicant-${u}-${i}`),
        description: SCENARIO_DESCRIPTIONS[category],
        preferredForm: '电子',
        delivery: '电子邮件',
        trackingCodeHash: hex(`code-${u}-${i}`),
        possibleRepeatOf: [],
      });
      if (category === 'other.no_correction') {
        await send(requestId, plus(2), {
          type: 'RequestCorrection',
          today: plus(2),
          items: ['请明确所需信息的名称、文号或者便于检索的其他特征性描述'],
          periodWorkingDays: 5,
        });
        await send(requestId, plus(9), { type: 'AbandonForNoCorrection', today: plus(9) });
        continue;
      }
      if (category === 'other.unpaid') {
        await send(requestId, plus(2), { type: 'IssueFeeNotice', today: plus(2), method: 'per_page', quantity: 120, pausesClock: false });
        // The period runs from the applicant's receipt of the notice: recorded before the case can end.
        await send(requestId, plus(4), { type: 'RecordFeeNoticeReceipt', today: plus(4), receivedOn: plus(3) });
        await send(requestId, plus(24), { type: 'AbandonForNonPayment', today: plus(24) });
        continue;
      }
      await send(requestId, plus(1), { type: 'AssignRequest', today: plus(1), handlerId: `clerk-${unitId}` });
      if (category === 'reject.mass_repeat') {
        // Art. 35: the applicant is asked for reasons first; the reasons are not accepted.
        await send(requestId, plus(1), { type: 'RequestReasons', today: plus(1), periodWorkingDays: 1 });
        await send(requestId, plus(3), { type: 'RecordReasons', today: plus(3), outcome: 'rejected' });
      }
      if (category === 'unable.still_unclear') {
        // Only after a correction was requested and received.
        const items = ['请明确所需信息的名称、文号或者便于检索的其他特征性描述'];
        await send(requestId, plus(1), { type: 'RequestCorrection', today: plus(1), items, periodWorkingDays: 5 });
        await send(requestId, plus(2), {
          type: 'ReceiveCorrection',
          today: plus(2),
          receivedOn: plus(2),
          by: { userId: `clerk-${unitId}`, unitId, role: 'clerk' },
        });
      }
      const withheld =
        category === 'partial'
          ? [{ item: '中标合同中的报价明细', ground: 'withhold.third_party' as const, reason: '涉及第三方商业秘密，第三方不同意公开' }]
          : [];
      await send(requestId, plus(4), {
        type: 'DraftReply',
        today: plus(4),
        category,
        withheld,
        content: `经审查，拟按“${REPLY_CATEGORIES[category].group}：${REPLY_CATEGORIES[category].label.replace(/（.*）$/, '')}”答复。`,
        by: { userId: `clerk-${unitId}`, unitId, role: 'clerk' },
      });
      await send(
        requestId,
        plus(5),
        { type: 'ReviewReply', today: plus(5), approved: true, by: { userId: `reviewer-${unitId}`, unitId: unitId, role: 'reviewer' } },
        'reviewer',
      );
      await send(requestId, plus(6), { type: 'IssueReply', today: plus(6) });
      expectation.replied.push({ unitId, requestId, category });
      if (category === 'withhold.process_info') {
        await send(requestId, plus(20), {
          type: 'FileChallenge',
          today: plus(20),
          challengeId: 'FY1',
          kind: 'reconsideration',
          filedOn: plus(20),
          body: '枣庄市人民政府',
        });
        await send(requestId, plus(60), {
          type: 'DecideChallenge',
          today: plus(60),
          challengeId: 'FY1',
          outcome: '维持',
          decidedOn: plus(60),
        });
      }
    }
    // Received on the last working days of the year and still open: 结转下年度.
    const lateType: ApplicantType = '科研机构';
    const late = `${year}-12-29` as LocalDate;
    newByType[lateType] += 1;
    await send(`Y${year}-${unitId}-late`, late, {
      type: 'ReceiveRequest',
      today: late,
      requestId: `Y${year}-${unitId}-late`,
      unitId,
      channel: 'in_person',
      receivedOn: late,
      receiptBasis: '申请人当面提交之日',
      applicant: { type: lateType, name: '某大学公共管理学院', phone: '0632-1234567' },
      applicantKey: hex(`late-${u}`),
      description: '本单位近三年政府信息公开申请办理情况统计',
      preferredForm: '电子',
      delivery: '电子邮件',
      trackingCodeHash: hex(`late-code-${u}`),
      possibleRepeatOf: [],
    });
    expectation.units[unitId] = { newByType, closedByCategory, carriedForward: 1, carriedForwardType: lateType };
  }
  return expectation;
}
