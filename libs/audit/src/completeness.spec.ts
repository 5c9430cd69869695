import { z } from 'zod';
import { EVENT_CONTRACTS, EVENT_LABELS, serviceOfEventType } from '@gongkai/contracts';
import { CHECKED_TYPES, checkDecisionCompleteness, gapKey, KNOWN_GAPS, NON_DECISION_EVENT_TYPES, PENDING_SERVICES } from './completeness';

describe('completeness of decision events (who, which unit, when, on what ground, why)', () => {
  it('holds for every decision event type in the contracts registry (services still pending only listed)', () => {
    const findings = checkDecisionCompleteness();
    const pending = findings.filter((f) => PENDING_SERVICES.includes(serviceOfEventType(f.type)) && !CHECKED_TYPES.includes(f.type));
    if (pending.length > 0) {
      process.stdout.write(
        `completeness: ${pending.length} finding(s) in services still pending:\n${pending.map((f) => `  ${f.type} v${f.version ?? '-'}: ${f.problem} (${f.detail})`).join('\n')}\n`,
      );
    }
    const gaps = findings.filter((f) => !pending.includes(f) && gapKey(f) in KNOWN_GAPS);
    if (gaps.length > 0)
      process.stdout.write(
        `completeness: ${gaps.length} known gap(s):\n${gaps.map((f) => `  ${gapKey(f)}: ${KNOWN_GAPS[gapKey(f)]}`).join('\n')}\n`,
      );
    expect(findings.filter((f) => !pending.includes(f) && !gaps.includes(f))).toEqual([]);
    // A known gap that no longer occurs must leave the list.
    expect(Object.keys(KNOWN_GAPS).filter((key) => !gaps.some((f) => gapKey(f) === key))).toEqual([]);
    // Today's registry: every service is checked for real (none pending), the audit events are allow-listed.
    expect(PENDING_SERVICES).toEqual([]);
    expect(Object.keys(EVENT_CONTRACTS)).toEqual(
      expect.arrayContaining([...CHECKED_TYPES, 'audit.AnchorRecorded', 'catalogue.ItemWithdrawn']),
    );
    expect(EVENT_LABELS['catalogue.UnitRenamed'].decision).toEqual({ groundRequired: false, reasonRequired: true });
  });

  it('classifies the catalogue decisions as DOMAIN.md §1 requires', () => {
    const decision = (type: string) => EVENT_LABELS[type]?.decision;
    // Every catalogue event type is labelled, and either a decision or allow-listed with a why.
    const catalogueTypes = Object.keys(EVENT_CONTRACTS).filter((t) => serviceOfEventType(t) === 'catalogue');
    expect(catalogueTypes.length).toBeGreaterThanOrEqual(16);
    for (const type of catalogueTypes) {
      expect([type, EVENT_LABELS[type]?.label]).toEqual([type, expect.stringMatching(/[\u4e00-\u9fa5]/)]);
      expect([type, Boolean(decision(type)) !== type in NON_DECISION_EVENT_TYPES]).toEqual([type, true]);
    }
    expect(decision('catalogue.ItemWithdrawn')).toMatchObject({ reasonRequired: true });
    expect(decision('catalogue.ItemRevised')).toMatchObject({ reasonRequired: true });
    expect(decision('catalogue.ItemReturnedForCorrection')).toMatchObject({ reasonField: 'note', reasonRequired: true });
    expect(decision('catalogue.NegativeEntryPublished')).toMatchObject({ unitField: 'ownerUnitId', groundRequired: true });
    expect(decision('catalogue.NegativeEntryWithdrawn')).toMatchObject({ unitField: 'ownerUnitId', reasonRequired: true });
    expect(decision('catalogue.GuidelineVersionLoaded')).toMatchObject({ districtWide: true });
    // A withdrawal without a reason breaks its contract, so it cannot enter the store.
    const withdrawn = {
      itemId: 'item-1',
      unitId: 'TEZ-ZSZ',
      domainCode: 'budget',
      guidelineItemCode: null,
      withdrawnAt: '2026-03-02T01:00:00.000Z',
    };
    expect(EVENT_CONTRACTS['catalogue.ItemWithdrawn'][1].safeParse(withdrawn).success).toBe(false);
    expect(EVENT_CONTRACTS['catalogue.ItemWithdrawn'][1].safeParse({ ...withdrawn, reason: '职能调整，该事项划转区民政局' }).success).toBe(
      true,
    );
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
      'x.Aliased': {
        label: '别名',
        decision: { unitField: 'townUnitId', reasonField: 'category', groundRequired: true, reasonRequired: true },
      },
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
