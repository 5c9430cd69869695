import type { PersonalDataMarking, PersonalDataMarkings } from '../personal-data';

/**
 * The commenter of a public consultation since v3 of `CommentSubmitted`: one data subject per comment
 * (`interpretation.commenter/<personalDataRef>`), the same subject ids the v2 `personal_data` documents
 * were sealed under, so one erasure (key deletion) covers either form.
 */
export const COMMENTER_MARKING: PersonalDataMarking = {
  scope: 'interpretation.commenter',
  subject: 'personalDataRef',
  fields: ['commenterName', 'contact', 'originalContent'],
};

/** The registrant of an open day since v3 of `OpenDayRegistrationAccepted`: one data subject per registration. */
export const REGISTRANT_MARKING: PersonalDataMarking = {
  scope: 'interpretation.registrant',
  subject: 'personalDataRef',
  fields: ['name', 'contact'],
};

/**
 * The personal data in the interpretation service's events (issue 19, ADR 0010).
 *
 * - v3 (current): the name, contact (and a comment's text as written) are in the event, sealed by the
 *   command handler with the subject's key, like the requests service's applicants.
 * - v2 carried none (a masked name, a contact digest and the reference of a `personal_data` document,
 *   itself sealed with the same key store): nothing to mark.
 * - v1 was recorded with the name and contact in clear and can never be rewritten (the hash chain
 *   covers it): marked so that every reader without the right (another service's consumer) reads
 *   `已脱敏`; the upcasters mask the name and drop the contact for everyone else; only a store
 *   migration could remove the bytes (ADR 0010).
 */
/**
 * The attendees of a government meeting (列席: stakeholders, citizen representatives, experts, media):
 * their names, one data subject per meeting (`interpretation.attendee/<meetingId>`), erased together
 * when the retention period ends. Marked on v1: events recorded before the marking keep the names in
 * clear (readable to key holders, `已脱敏` for the others, ADR 0010); no read model projects them.
 */
export const ATTENDEE_MARKING: PersonalDataMarking = {
  scope: 'interpretation.attendee',
  subject: 'meetingId',
  fields: ['attendees[].name'],
};

export const interpretationPersonalData: PersonalDataMarkings = {
  'interpretation.MeetingAttendanceRecorded': { 1: ATTENDEE_MARKING },
  'interpretation.CommentSubmitted': {
    1: { scope: 'interpretation.commenter', subject: 'commentId', fields: ['commenterName', 'contact'] },
    3: COMMENTER_MARKING,
  },
  'interpretation.OpenDayRegistrationAccepted': {
    1: { scope: 'interpretation.registrant', subject: 'registrationId', fields: ['name', 'contact'] },
    3: REGISTRANT_MARKING,
  },
};
