import type { PersonalDataMarkings } from '../personal-data';

/**
 * The personal data in the interpretation service's events (issue 19, ADR 0010). Since v2, comments
 * and open-day registrations carry none (a masked name, a contact digest and the reference of the
 * `personal_data` document, which is sealed with the platform's key store). Their v1 events were
 * recorded with the name and contact in clear and can never be rewritten (the hash chain covers
 * them): marked here so that every reader without the right (another service's consumer) reads
 * `已脱敏`; the audit timeline shows their upcast v2 form (a masked name, no contact); only a store
 * migration could remove the bytes (ADR 0010).
 */
export const interpretationPersonalData: PersonalDataMarkings = {
  'interpretation.CommentSubmitted': {
    1: { scope: 'interpretation.commenter', subject: 'commentId', fields: ['commenterName', 'contact'] },
  },
  'interpretation.OpenDayRegistrationAccepted': {
    1: { scope: 'interpretation.registrant', subject: 'registrationId', fields: ['name', 'contact'] },
  },
};
