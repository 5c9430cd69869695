import type {
  CommentSubmitted,
  EventEnvelope,
  OpenDayRegistrationAccepted,
  PersonalDataErased,
  PersonalDataKind,
} from '@gongkai/contracts';
import {
  asTyped,
  BatchedProjection,
  documentChange,
  viewOf,
  withoutMeta,
  type DocumentChange,
  type TypedEnvelope,
} from '@gongkai/platform';
import '../application/upcasters';

/**
 * A commenter's or registrant's personal data as the events hold it since v3: sealed (`enc:v1:`
 * tokens; the owning service's projections receive them as stored) and opened only when the owning
 * unit's staff read it (`PersonalDataStore`). `_id` = the personalDataRef, the key subject.
 */
export interface SealedPersonalDataView {
  refId: string;
  kind: PersonalDataKind;
  unitId: string;
  /** consultationId or openDayId. */
  subjectId: string;
  /** commentId or registrationId. */
  recordId: string;
  name: string | null;
  contact: string | null;
  originalContent: string | null;
  createdAt: string;
  /** When the erasure was recorded (PersonalDataErased); the sealed fields are dropped then. */
  erasedOn: string | null;
}

type PersonalDataEnvelope =
  | TypedEnvelope<'interpretation.CommentSubmitted', CommentSubmitted>
  | TypedEnvelope<'interpretation.OpenDayRegistrationAccepted', OpenDayRegistrationAccepted>
  | TypedEnvelope<'interpretation.PersonalDataErased', PersonalDataErased>;

export const SEALED_PERSONAL_DATA = 'sealed-personal-data';

/**
 * The index of the sealed personal data of comments and registrations (issue 19): by reference, for
 * the unit's staff to read one person or an open day's registrants. A read model like any other
 * (rebuilt from the events): it holds only ciphertext, so erasing the subject's key leaves nothing
 * readable in it; the erasure also drops the tokens. Events upcast from v1 or v2 carry nothing sealed
 * and add no row (v2's people are in the legacy `personal_data` collection).
 */
export class PersonalDataProjection extends BatchedProjection {
  readonly name = 'interpretation.personal-data';
  readonly collections = [SEALED_PERSONAL_DATA];
  readonly eventTypes = [
    'interpretation.CommentSubmitted',
    'interpretation.OpenDayRegistrationAccepted',
    'interpretation.PersonalDataErased',
  ];

  private get rows() {
    return this.connection.collection(SEALED_PERSONAL_DATA);
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<PersonalDataEnvelope>(envelope);
    switch (event.type) {
      case 'interpretation.CommentSubmitted': {
        const { consultationId, commentId, unitId, commenterName, contact, originalContent, personalDataRef: ref } = event.data;
        if (!ref || !unitId || (!commenterName && !contact && !originalContent)) return [];
        return [
          this.row(ref, {
            kind: 'comment',
            unitId,
            subjectId: consultationId,
            recordId: commentId,
            name: commenterName,
            contact,
            originalContent,
            createdAt: event.occurredAt,
          }),
        ];
      }
      case 'interpretation.OpenDayRegistrationAccepted': {
        const { openDayId, registrationId, unitId, name, contact, personalDataRef: ref } = event.data;
        if (!ref || !unitId || (!name && !contact)) return [];
        return [
          this.row(ref, {
            kind: 'open_day_registration',
            unitId,
            subjectId: openDayId,
            recordId: registrationId,
            name,
            contact,
            originalContent: null,
            createdAt: event.occurredAt,
          }),
        ];
      }
      case 'interpretation.PersonalDataErased': {
        const { refId, erasedOn } = event.data;
        return [
          documentChange<SealedPersonalDataView>(SEALED_PERSONAL_DATA, refId, (current) => {
            const row = current ? (withoutMeta(current) as SealedPersonalDataView) : null;
            return row && { ...row, name: null, contact: null, originalContent: null, erasedOn };
          }),
        ];
      }
      default:
        return [];
    }
  }

  private row(refId: string, fields: Omit<SealedPersonalDataView, 'refId' | 'erasedOn'>): DocumentChange {
    // A replay after the erasure leaves it erased (the revision guard skips it; this is the belt to its braces).
    return documentChange<SealedPersonalDataView>(SEALED_PERSONAL_DATA, refId, (current) =>
      current ? (withoutMeta(current) as SealedPersonalDataView) : { refId, ...fields, erasedOn: null },
    );
  }

  async get(refId: string): Promise<SealedPersonalDataView | null> {
    const doc = await this.rows.findOne({ _id: refId as never });
    return doc && viewOf<SealedPersonalDataView>(doc);
  }

  async list(query: Partial<Pick<SealedPersonalDataView, 'kind' | 'subjectId' | 'unitId'>> & { erased?: boolean }) {
    const { erased, ...fields } = query;
    const filter: Record<string, unknown> = { ...fields };
    if (erased !== undefined) filter.erasedOn = erased ? { $ne: null } : null;
    return (await this.rows.find(filter).toArray()).map((doc) => viewOf<SealedPersonalDataView>(doc));
  }
}
