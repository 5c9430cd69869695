import type { AdoptionPublished, CommentModerated, CommentSubmitted, ConsultationOpened, PersonalDataErased } from '@gongkai/contracts';
import type { DomainEvent } from '@gongkai/platform/domain';

/** A public consultation on a draft (向社会公开征求意见) with its comments and the adoption summary. */
export type ConsultationEvent =
  | DomainEvent<'interpretation.ConsultationOpened', ConsultationOpened>
  | DomainEvent<'interpretation.CommentSubmitted', CommentSubmitted>
  | DomainEvent<'interpretation.CommentModerated', CommentModerated>
  | DomainEvent<'interpretation.AdoptionPublished', AdoptionPublished>
  | DomainEvent<'interpretation.PersonalDataErased', PersonalDataErased>;

export interface CommentState {
  commentId: string;
  status: 'pending' | 'approved' | 'rejected';
  /** The personal-data document (null: nothing personal given, or recorded before v2). */
  personalDataRef: string | null;
  /** When the commenter's personal data was erased (PersonalDataErased); null while kept. */
  erasedOn: string | null;
}

export type ConsultationState =
  { status: 'none' } | { status: 'open' | 'adoption_published'; opened: ConsultationOpened; comments: CommentState[] };

export const initialConsultationState: ConsultationState = { status: 'none' };

export function evolveConsultation(state: ConsultationState, event: ConsultationEvent): ConsultationState {
  if (event.type === 'interpretation.ConsultationOpened') return { status: 'open', opened: event.data, comments: [] };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'interpretation.CommentSubmitted':
      return {
        ...state,
        comments: [
          ...state.comments,
          { commentId: event.data.commentId, status: 'pending', personalDataRef: event.data.personalDataRef, erasedOn: null },
        ],
      };
    case 'interpretation.CommentModerated':
      return {
        ...state,
        comments: state.comments.map((c) => (c.commentId === event.data.commentId ? { ...c, status: event.data.decision } : c)),
      };
    case 'interpretation.AdoptionPublished':
      return { ...state, status: 'adoption_published' };
    case 'interpretation.PersonalDataErased': {
      const { recordId, erasedOn } = event.data;
      return { ...state, comments: state.comments.map((c) => (c.commentId === recordId ? { ...c, erasedOn } : c)) };
    }
  }
}

export const consultationStreamId = (consultationId: string) => `interpretation.consultation-${consultationId}`;
