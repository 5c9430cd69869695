/** The views the services send, as the web app reads them (plain types, no zod). */
export * from './assessment';
export * from './audit';
export * from './catalogue';
export * from './documents';
export * from './interpretation';
export * from './requests';
export * from './notices';
