import { createHash } from 'node:crypto';
import { APPLICANT_TYPES, REPLY_CATEGORY_CODES, type ApplicantType, type ReplyCategory } from '@gongkai/contracts';
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

const DESCRIPTIONS: Record<string, string> = {
  disclose: '2025年农村低保资金发放明细',
  partial: '某道路改造工程招标文件及中标合同',
  'reject.publication': '本区2024年统计年鉴',
};

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
        applicant: { type, name: type === '自然人' ? `申请人${i}` : `某${type}${i}`, phone: `1380000${String(i).padStart(4, '0')}` },
        applicantKey: hex(`applicant-${u}-${i}`),
        description: DESCRIPTIONS[category] ?? `关于${category}情形的政府信息公开申请（第${i}件）`,
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
        content: `拟按“${category}”答复。`,
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
