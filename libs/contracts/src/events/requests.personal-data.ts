import type { PersonalDataMarking, PersonalDataMarkings } from '../personal-data';

/**
 * The personal data in the requests service's events (issue 19, 个人信息保护法): the applicant of a
 * disclosure request, one data subject per applicant identity key (`applicantKey`, the keyed hash of
 * the ID document, else of name and contact), so erasing an applicant erases every request of theirs.
 *
 * Not marked, because they are the case's facts, not the person: the applicant's type (自然人/法人…,
 * counted in the annual report), the request's description and purpose, dates, categories and legal
 * bases. The ID document's number is never in an event (only its masked form, marked here, and a
 * keyed digest).
 */
export const REQUEST_APPLICANT_MARKING: PersonalDataMarking = {
  scope: 'requests.applicant',
  subject: 'applicantKey',
  fields: [
    'applicant.name',
    'applicant.contactPerson',
    'applicant.phone',
    'applicant.email',
    'applicant.address',
    'applicant.idDocument.masked',
    'jointApplicants[].name',
    // The scanned application's file name is often the person's name (张三申请书.pdf); its bytes are
    // deleted from the file store with the applicant (ApplicantPersonalData.erase).
    'scan.originalName',
  ],
};

export const requestsPersonalData: PersonalDataMarkings = {
  'requests.RequestReceived': { 1: REQUEST_APPLICANT_MARKING },
};
