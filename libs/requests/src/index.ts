export * from './requests.module';
export { requestDecider, type RequestCommand } from './domain/request.decide';
export { requestStreamId } from './domain/request';
export { trackingCodeHash, newTrackingCode } from './application/settings';
export { runYearScenario } from './testing/year-scenario';
export { annualReportDecider, annualReportStreamId, type FinaliseAnnualReport } from './domain/annual-report.decide';
export { annualReportFiguresFromStore } from './application/annual-report-figures';
export { ApplicantPersonalData, applicantSubjectId, type ApplicantFields, type PersonalDataReader } from './application/personal-data';
export { knownUnits } from './testing/known-units';
