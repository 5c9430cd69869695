import type { Connection } from 'mongoose';
import type { AdoptionPublished, CommentModerated, CommentSubmitted, ConsultationOpened, EventEnvelope } from '@gongkai/contracts';
import { projectDocument, withoutMeta, type Projection } from '@gongkai/platform';

export interface CommentView {
  commentId: string;
  content: string;
  commenterName: string | null;
  contact: string | null;
  submittedOn: string;
  status: 'pending' | 'approved' | 'rejected';
  moderationReason: string | null;
}

export interface ConsultationView extends ConsultationOpened {
  comments: CommentView[];
  adoption: Omit<AdoptionPublished, 'consultationId' | 'unitId' | 'kind'> | null;
}

/** 个人信息保护: mobile numbers and ID-card numbers in a published comment are masked. */
export const maskPersonalData = (text: string): string =>
  text.replace(/\d{17}[\dXx]|\d{15}/g, (id) => `${id.slice(0, 3)}***********${id.slice(-2)}`).replace(/1[3-9]\d{9}/g, (m) => `${m.slice(0, 3)}****${m.slice(-4)}`);

const maskName = (name: string | null) => (name ? `${name.slice(0, 1)}${'*'.repeat(Math.max(1, name.length - 1))}` : '匿名');

/** Consultations with their comments (personal data kept for the unit, never shown on the portal) and adoption summary. */
export class ConsultationsProjection implements Projection {
  readonly name = 'interpretation.consultations';
  readonly collections = ['consultations'];
  readonly eventTypes = ['interpretation.ConsultationOpened', 'interpretation.CommentSubmitted', 'interpretation.CommentModerated', 'interpretation.AdoptionPublished'];

  constructor(private readonly connection: Connection) {}

  private get consultations() {
    return this.connection.collection('consultations');
  }

  async handle(event: EventEnvelope): Promise<void> {
    await projectDocument<ConsultationView>(this.consultations, event.data.consultationId as string, event, (current) => {
      const consultation = current ? (withoutMeta(current) as ConsultationView) : null;
      switch (event.type) {
        case 'interpretation.ConsultationOpened':
          return { ...(event.data as ConsultationOpened), comments: [], adoption: null };
        case 'interpretation.CommentSubmitted': {
          if (!consultation) return null;
          const c = event.data as CommentSubmitted;
          const comment: CommentView = { commentId: c.commentId, content: c.content, commenterName: c.commenterName ?? null, contact: c.contact ?? null, submittedOn: c.submittedOn, status: 'pending', moderationReason: null };
          return { ...consultation, comments: [...consultation.comments, comment] };
        }
        case 'interpretation.CommentModerated': {
          if (!consultation) return null;
          const m = event.data as CommentModerated;
          return { ...consultation, comments: consultation.comments.map((c) => (c.commentId === m.commentId ? { ...c, status: m.decision, moderationReason: m.reason ?? null } : c)) };
        }
        case 'interpretation.AdoptionPublished': {
          if (!consultation) return null;
          const { consultationId: _c, unitId: _u, kind: _k, ...adoption } = event.data as AdoptionPublished;
          return { ...consultation, adoption };
        }
        default:
          return consultation;
      }
    });
  }

  async list(filter: { unitId?: string } = {}): Promise<ConsultationView[]> {
    const docs = await this.consultations.find(filter.unitId ? { unitId: filter.unitId } : {}, { sort: { opensOn: -1 } }).toArray();
    return docs.map(({ _id, ...doc }) => withoutMeta(doc) as unknown as ConsultationView);
  }

  async get(consultationId: string): Promise<ConsultationView | null> {
    const doc = await this.consultations.findOne({ _id: consultationId as never });
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return withoutMeta(rest) as unknown as ConsultationView;
  }
}

/** The portal's view: approved comments only, names masked, no contact details. */
export function publicConsultation(view: ConsultationView) {
  const { comments, ...rest } = view;
  return {
    ...rest,
    commentCount: comments.length,
    comments: comments
      .filter((c) => c.status === 'approved')
      .map((c) => ({ commentId: c.commentId, commenter: maskName(c.commenterName), content: maskPersonalData(c.content), submittedOn: c.submittedOn })),
  };
}
