import type { StoredEvent } from '@gongkai/platform';
import { timelineEntry } from '@gongkai/platform';

const stored = (type: string, data: Record<string, unknown>, unitId: string | null = 'TEZ-GOV-OFFICE') =>
  ({
    eventId: '00000000-0000-4000-8000-000000000001',
    type,
    schemaVersion: 1,
    streamId: 'x.thing-1',
    streamRevision: 0,
    globalPosition: 1,
    recordedAt: '2026-03-02T08:00:00.000Z',
    occurredAt: '2026-03-02T08:00:00.000Z',
    actor: { userId: 'u1', unitId, role: 'clerk' },
    correlationId: 'c1',
    causationId: null,
    data,
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  }) as StoredEvent;

describe('timeline entries follow the labels', () => {
  it('shows coded grounds and reasons in Chinese, from the fields the label names', () => {
    const entry = timelineEntry(
      stored('requests.ReplyIssued', {
        requestId: 'R-00000001',
        unitId: 'TEZ-EDU',
        category: 'withhold.state_secret',
        withheld: [],
        legalBasis: '条例第十四条',
        repliedOn: '2026-03-02',
        workingDaysUsed: 3,
        onTime: true,
      }),
    );
    expect(entry).toMatchObject({ typeLabel: '作出答复', unitId: 'TEZ-EDU', ground: '条例第十四条', reason: '不予公开：属于国家秘密' });
    expect(entry.fields.map((f) => f.name)).not.toContain('category');
  });

  it("takes the unit from the label's unitField, and the actor's unit for a district-wide decision", () => {
    const posting = timelineEntry(
      stored('interpretation.VillagePostingRecorded', { committeeId: 'TEZ-V-01', townUnitId: 'TEZ-TOWN', category: 'finances' }),
    );
    expect(posting.unitId).toBe('TEZ-V-01');
    expect(posting.fields).toEqual(expect.arrayContaining([{ name: 'category', label: '类别', value: '财务' }]));
    const cycle = timelineEntry(
      stored('document-attributes.ReviewCycleOpened', { year: 2026, openedOn: '2026-01-05', dueOn: '2026-03-31' }),
    );
    expect(cycle.unitId).toBe('TEZ-GOV-OFFICE');
  });
});
