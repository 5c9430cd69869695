import type {
  AdoptionPublished,
  CommentModerated,
  CommentSubmitted,
  ConsultationOpened,
  EventEnvelope,
  PersonalDataErased,
} from '@gongkai/contracts';
import {
  appliedRevision,
  asTyped,
  BatchedProjection,
  documentChange,
  type DocumentChange,
  withoutMeta,
  type TypedEnvelope,
  viewOf,
} from '@gongkai/platform';
import '../application/upcasters';
import { consultationStreamId } from '../domain/consultation';
import { maskName, maskPersonalData } from '../domain/personal-data';

export interface CommentView {
  commentId: string;
  content: string;
  /** Masked (王**, 匿名): the full name is sealed in the event (read via the personal-data endpoint); ERASED_COMMENTER once erased. */
  commenter: string;
  /** For the unit's staff: GET /api/interpretation/personal-data/:ref (null: nothing given, recorded before v2, or erased). */
  personalDataRef: string | null;
  submittedOn: string;
  status: 'pending' | 'approved' | 'rejected';
  moderationReason: string | null;
}

export interface ConsultationView extends ConsultationOpened {
  comments: CommentView[];
  adoption: Omit<AdoptionPublished, 'consultationId' | 'unitId' | 'kind'> | null;
}

export { maskPersonalData };

/** Shown instead of the masked name once the commenter's personal data is erased (PersonalDataErased). */
export const ERASED_COMMENTER = '（个人信息已删除）';

type ConsultationEnvelope =
  | TypedEnvelope<'interpretation.ConsultationOpened', ConsultationOpened>
  | TypedEnvelope<'interpretation.CommentSubmitted', CommentSubmitted>
  | TypedEnvelope<'interpretation.CommentModerated', CommentModerated>
  | TypedEnvelope<'interpretation.AdoptionPublished', AdoptionPublished>
  | TypedEnvelope<'interpretation.PersonalDataErased', PersonalDataErased>;

/** Consultations with their comments (masked names only: the sealed personal data stays out of this view) and adoption summary. */
export class ConsultationsProjection extends BatchedProjection {
  readonly name = 'interpretation.consultations';
  readonly collections = ['consultations'];
  readonly eventTypes = [
    'interpretation.ConsultationOpened',
    'interpretation.CommentSubmitted',
    'interpretation.CommentModerated',
    'interpretation.AdoptionPublished',
    'interpretation.PersonalDataErased',
  ];

  private get consultations() {
    return this.connection.collection('consultations');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<ConsultationEnvelope>(envelope);
    // PersonalDataErased is also appended to open-day streams: only a commenter's concerns this view.
    if (event.type === 'interpretation.PersonalDataErased' && event.data.kind !== 'comment') return [];
    const consultationId = event.type === 'interpretation.PersonalDataErased' ? event.data.subjectId : event.data.consultationId;
    return [
      documentChange<ConsultationView>('consultations', consultationId, (current) => {
        const consultation = current ? (withoutMeta(current) as ConsultationView) : null;
        switch (event.type) {
          case 'interpretation.ConsultationOpened':
            return { ...event.data, comments: [], adoption: null };
          case 'interpretation.CommentSubmitted': {
            if (!consultation) return null;
            const c = event.data;
            const comment: CommentView = {
              commentId: c.commentId,
              content: c.content,
              commenter: c.displayName,
              personalDataRef: c.personalDataRef,
              submittedOn: c.submittedOn,
              status: 'pending',
              moderationReason: null,
            };
            return { ...consultation, comments: [...consultation.comments, comment] };
          }
          case 'interpretation.CommentModerated': {
            if (!consultation) return null;
            const m = event.data;
            return {
              ...consultation,
              comments: consultation.comments.map((c) =>
                c.commentId === m.commentId ? { ...c, status: m.decision, moderationReason: m.reason ?? null } : c,
              ),
            };
          }
          case 'interpretation.AdoptionPublished': {
            if (!consultation) return null;
            const { consultationId: _c, unitId: _u, kind: _k, ...adoption } = event.data;
            return { ...consultation, adoption };
          }
          case 'interpretation.PersonalDataErased': {
            if (!consultation) return null;
            const { recordId } = event.data;
            return {
              ...consultation,
              comments: consultation.comments.map((c) =>
                c.commentId === recordId ? { ...c, commenter: ERASED_COMMENTER, personalDataRef: null } : c,
              ),
            };
          }
          default:
            return consultation;
        }
      }),
    ];
  }

  async list(filter: { unitId?: string } = {}): Promise<ConsultationView[]> {
    const docs = await this.consultations.find(filter.unitId ? { unitId: filter.unitId } : {}, { sort: { opensOn: -1 } }).toArray();
    return docs.map((doc) => viewOf<ConsultationView>(doc));
  }

  /** The unit's consultations still without adoption that have comments waiting for moderation, with how many (the staff's to-do list). */
  async moderationDue(unitId: string): Promise<{ consultationId: string; title: string; closesOn: string; pending: number }[]> {
    return (await this.list())
      .filter((c) => c.unitId === unitId && !c.adoption)
      .map((c) => ({
        consultationId: c.consultationId,
        title: c.title,
        closesOn: c.closesOn,
        pending: c.comments.filter((x) => x.status === 'pending').length,
      }))
      .filter((c) => c.pending > 0);
  }

  /**
   * The consultation with the revision of its stream it reflects (see `appliedRevision`): every event
   * of this document is of that stream (comments, moderation, adoption, a commenter's erasure).
   */
  async get(consultationId: string): Promise<(ConsultationView & { revision: number }) | null> {
    const doc = await this.consultations.findOne({ _id: consultationId as never });
    return doc && { ...viewOf<ConsultationView>(doc), revision: appliedRevision(doc, consultationStreamId(consultationId)) };
  }
}

type LegacyComment = CommentView & { commenterName?: string | null; contact?: string | null };

/**
 * A comment as staff see it: masked name and the personal-data reference. A document projected
 * before v2 (until `npm run rebuild`) may still hold commenterName/contact: never passed on.
 */
export function staffComment(comment: CommentView) {
  const { commenterName, contact: _contact, ...rest } = comment as LegacyComment;
  return { ...rest, commenter: rest.commenter ?? maskName(commenterName), personalDataRef: rest.personalDataRef ?? null };
}

/** The portal's view: approved comments only, names masked, no contact details. */
export function publicConsultation(view: ConsultationView) {
  const { comments, ...rest } = view;
  return {
    ...rest,
    commentCount: comments.length,
    comments: comments
      .filter((c) => c.status === 'approved')
      .map(staffComment)
      .map((c) => ({ commentId: c.commentId, commenter: c.commenter, content: maskPersonalData(c.content), submittedOn: c.submittedOn })),
  };
}
