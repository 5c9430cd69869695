import { z } from 'zod';
import { EVENT_CONTRACTS, EVENT_LABELS, serviceOfEventType } from '@gongkai/contracts';
import { CHECKED_TYPES, checkDecisionCompleteness, gapKey, KNOWN_GAPS, NON_DECISION_EVENT_TYPES, PENDING_SERVICES } from './completeness';

describe('completeness of decision events (who, which unit, when, on what ground, why)', () => {
  it('holds for every decision event type in the contracts registry (services still pending only listed)', () => {
    const findings = checkDecisionCompleteness();
    const pending = findings.filter((f) => PENDING_SERVICES.includes(serviceOfEventType(f.type)) && !CHECKED_TYPES.includes(f.type));
    if (pending.length > 0) {
      process.stdout.write(`completeness: ${pending.length} finding(s) in services still pending:\n${pending.map((f) => `  ${f.type} v${f.version ?? '-'}: ${f.problem} (${f.detail})`).join('\n')}\n`);
    }
    const gaps = findings.filter((f) => !pending.includes(f) && gapKey(f) in KNOWN_GAPS);
    if (gaps.length > 0) process.stdout.write(`completeness: ${gaps.length} known gap(s):\n${gaps.map((f) => `  ${gapKey(f)}: ${KNOWN_GAPS[gapKey(f)]}`).join('\n')}\n`);
    expect(findings.filter((f) => !pending.includes(f) && !gaps.includes(f))).toEqual([]);
    // A known gap that no longer occurs must leave the list.
    expect(Object.keys(KNOWN_GAPS).filter((key) => !gaps.some((f) => gapKey(f) === key))).toEqual([]);
    // Today's registry: the catalogue's unit events are checked for real, the audit events are allow-listed.
    expect(Object.keys(EVENT_CONTRACTS)).toEqual(expect.arrayContaining([...CHECKED_TYPES, 'audit.AnchorRecorded']));
    expect(EVENT_LABELS['catalogue.UnitRenamed'].decision).toEqual({ groundRequired: false, reasonRequired: true });
  });

  it('the allow-list names only registered types, each with a reason', () => {
    for (const [type, why] of Object.entries(NON_DECISION_EVENT_TYPES)) {
      expect(EVENT_CONTRACTS[type]).toBeDefined();
      expect(why.length).toBeGreaterThan(10);
    }
  });

  it('finds what a decision event lacks', () => {
    const contracts = {
      'x.Decided': { 1: z.object({ unitId: z.string(), reason: z.string().optional() }) },
      'x.NoUnit': { 1: z.object({ legalBasis: z.string(), reason: z.string() }) },
      'x.Unlabelled': { 1: z.object({ unitId: z.string() }) },
      'x.Fine': { 1: z.object({ unitId: z.string(), ground: z.string(), reason: z.string() }) },
      'x.Bookkeeping': { 1: z.object({}) },
      'x.DistrictWide': { 1: z.object({ year: z.number(), reason: z.string() }) },
      'x.Aliased': { 1: z.object({ townUnitId: z.string(), legalBasis: z.string(), category: z.enum(['a', 'b']) }) },
      'x.AliasOptional': { 1: z.object({ unitId: z.string(), legalBasis: z.string(), shortPeriodReason: z.string().optional() }) },
    };
    const labels = {
      'x.Decided': { label: '决定', decision: { groundRequired: true, reasonRequired: true } },
      'x.NoUnit': { label: '无单位', decision: { groundRequired: true, reasonRequired: true } },
      'x.Fine': { label: '完整', decision: { groundRequired: true, reasonRequired: true } },
      'x.Bookkeeping': { label: '记账' },
      'x.DistrictWide': { label: '全区决定', decision: { districtWide: true, groundRequired: false, reasonRequired: true } },
      'x.Aliased': { label: '别名', decision: { unitField: 'townUnitId', reasonField: 'category', groundRequired: true, reasonRequired: true } },
      'x.AliasOptional': { label: '可选理由', decision: { reasonField: 'shortPeriodReason', groundRequired: true, reasonRequired: true } },
    };
    const findings = checkDecisionCompleteness(contracts, labels, { 'x.Bookkeeping': 'not a decision, only bookkeeping' });
    expect(findings.map((f) => [f.type, f.problem])).toEqual([
      ['x.Decided', 'ground_not_required'],
      ['x.Decided', 'reason_not_required'],
      ['x.NoUnit', 'no_unit'],
      ['x.Unlabelled', 'no_label'],
      ['x.Unlabelled', 'not_classified'],
      ['x.AliasOptional', 'reason_not_required'],
    ]);
  });
});
