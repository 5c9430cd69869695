import { WITHHELD_PLACEHOLDER, type EventEnvelope } from '@gongkai/contracts';
import { describeEvent, InMemoryPersonalDataKeys, NO_PERSONAL_DATA_ACCESS, revealPersonalData, sealedForOwner } from '@gongkai/platform';
import './application/upcasters';

/** A v1 event as recorded before v2: the name and contact in clear, never rewritten (the hash chain covers them). */
const v1 = (type: string, data: Record<string, unknown>): EventEnvelope => ({
  eventId: `${type}-1`,
  type,
  schemaVersion: 1,
  streamId: 'interpretation.open-day-OD-1',
  streamRevision: 1,
  recordedAt: '2026-03-02T02:00:00.000Z',
  occurredAt: '2026-03-02T02:00:00.000Z',
  actor: { userId: 'anonymous', unitId: null, role: 'public' },
  correlationId: 'c1',
  causationId: null,
  data,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});

const registration = v1('interpretation.OpenDayRegistrationAccepted', {
  openDayId: 'OD-1',
  registrationId: 'R-1',
  name: '赵老六',
  contact: '13700001111',
  registeredOn: '2026-03-02',
});
const comment = v1('interpretation.CommentSubmitted', {
  consultationId: 'K-1',
  commentId: 'C-1',
  content: '建议延长公示时间',
  commenterName: '赵老六',
  contact: '13700001111',
  submittedOn: '2026-03-02',
});

/**
 * Interpretation's v1 events hold names and contacts in clear (ADR 0010): the contracts mark those
 * fields, so a reader without the right (another service, an auditor's timeline) reads 已脱敏, while
 * the service's own projections receive them as stored and mask them in the v1→v2 upcasters.
 */
describe('interpretation v1 events with personal data in clear', () => {
  it('read 已脱敏 for a reader without the right (another service); the audit timeline shows the masked v2 form', async () => {
    for (const event of [registration, comment]) {
      const withheld = await revealPersonalData(event, NO_PERSONAL_DATA_ACCESS);
      expect(JSON.stringify(withheld.data)).not.toMatch(/赵老六|13700001111/);
      // The timeline upcasts to v2 (a masked name, no contact) after withholding.
      expect(JSON.stringify(describeEvent(event))).not.toMatch(/赵老六|13700001111/);
    }
    expect((await revealPersonalData(registration, NO_PERSONAL_DATA_ACCESS)).data).toMatchObject({
      name: WITHHELD_PLACEHOLDER,
      contact: WITHHELD_PLACEHOLDER,
      registrationId: 'R-1',
    });
  });

  it('reach the service’s own projections as stored, and a reader with the right in clear', async () => {
    expect(await revealPersonalData(comment, sealedForOwner('interpretation'))).toBe(comment);
    const holder = { keys: new InMemoryPersonalDataKeys() };
    expect((await revealPersonalData(comment, holder)).data).toMatchObject({ commenterName: '赵老六', contact: '13700001111' });
  });
});
