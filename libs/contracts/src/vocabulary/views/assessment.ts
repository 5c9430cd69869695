/**
 * What the assessment service sends (zod-free, for the web app). Read from
 * libs/assessment/src/read-models/schemes.projection.ts (`SchemeSummary`).
 */

/** `GET /api/assessment/schemes`: a scheme with its versions and whether its scores are frozen. */
export interface SchemeSummaryView {
  schemeId: string;
  year: number;
  title: string;
  currentVersion: number;
  opennessWeightPercent: number;
  totalPoints: number;
  versions: { version: number; title: string; publishedAt: string; eventId: string; reason: string | null }[];
  frozen: { asOf: string; schemeVersion: number; inputsHash: string; eventId: string; frozenAt: string } | null;
}
