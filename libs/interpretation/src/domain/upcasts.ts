import type {
  CommentSubmitted,
  CommentSubmittedV1,
  CommentSubmittedV2,
  OpenDayRegistrationAccepted,
  OpenDayRegistrationAcceptedV1,
  OpenDayRegistrationAcceptedV2,
} from '@gongkai/contracts';
import { maskName, maskPersonalData } from './personal-data';

/**
 * v1 → v2 of the two events that carried personal data. Keyless on purpose: the name is masked and
 * the contact dropped (contactDigest null), never HMAC'd. Upcasting runs in every process that
 * reads these events (this service, the standalone shape, the audit CLI's history, replay and
 * rebuild), registered by application/upcasters.ts before any Nest module starts; a keyed upcaster
 * would need the key in all of them, and a process without it would upcast the same stored event
 * differently. The price: a new registration cannot be matched against a v1 registration of the
 * same open day by contact (only open days still taking registrations when v2 is deployed).
 */
export const upcastCommentSubmittedV1 = (data: Record<string, unknown>): Record<string, unknown> => {
  const v1 = data as CommentSubmittedV1;
  const v2: CommentSubmittedV2 = {
    consultationId: v1.consultationId,
    commentId: v1.commentId,
    content: maskPersonalData(v1.content),
    displayName: maskName(v1.commenterName),
    contactDigest: null,
    personalDataRef: null,
    submittedOn: v1.submittedOn,
  };
  return v2;
};

export const upcastOpenDayRegistrationAcceptedV1 = (data: Record<string, unknown>): Record<string, unknown> => {
  const v1 = data as OpenDayRegistrationAcceptedV1;
  const v2: OpenDayRegistrationAcceptedV2 = {
    openDayId: v1.openDayId,
    registrationId: v1.registrationId,
    displayName: maskName(v1.name),
    contactDigest: null,
    personalDataRef: null,
    registeredOn: v1.registeredOn,
  };
  return v2;
};

/**
 * v2 → v3 (issue 19): v3 carries the person's data sealed in the event; a v2 event carried none (its
 * person, if any, is in the legacy `personal_data` document under `personalDataRef`), so the sealed
 * fields are null and the unit is absent. Keyless and pure, like the v1 upcasters.
 */
export const upcastCommentSubmittedV2 = (data: Record<string, unknown>): Record<string, unknown> => {
  const v3: CommentSubmitted = { ...(data as CommentSubmittedV2), commenterName: null, contact: null, originalContent: null };
  return v3;
};

export const upcastOpenDayRegistrationAcceptedV2 = (data: Record<string, unknown>): Record<string, unknown> => {
  const v3: OpenDayRegistrationAccepted = { ...(data as OpenDayRegistrationAcceptedV2), name: null, contact: null };
  return v3;
};
