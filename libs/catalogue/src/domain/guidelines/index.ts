import { PILOT_DOMAINS, type DomainCode, type GuidelineItem } from '@gongkai/contracts';
import type { GuidelineCommand } from '../guideline.decide';
import { SAMPLE_GUIDELINE_ITEMS } from '../sample-guidelines';
import { AGRICULTURAL_SUBSIDIES_GUIDELINE } from './agricultural-subsidies';
import { BUDGET_GUIDELINE } from './budget';
import { COMPULSORY_EDUCATION_GUIDELINE } from './compulsory-education';
import { DISASTER_RELIEF_GUIDELINE } from './disaster-relief';
import { ELDERLY_CARE_GUIDELINE } from './elderly-care';
import { EMPLOYMENT_GUIDELINE } from './employment';
import { HOUSEHOLD_REGISTRATION_GUIDELINE } from './household-registration';
import { MAJOR_PROJECTS_GUIDELINE } from './major-projects';
import { PUBLIC_CULTURE_GUIDELINE } from './public-culture';
import { PUBLIC_LEGAL_SERVICES_GUIDELINE } from './public-legal-services';
import { SOCIAL_ASSISTANCE_GUIDELINE } from './social-assistance';
import { SPATIAL_PLANNING_GUIDELINE } from './spatial-planning';
import { WORK_SAFETY_GUIDELINE } from './work-safety';

/** Guideline rows read from county and city portals' published catalogues, each with its source. */
export const SOURCED_GUIDELINE_ITEMS: GuidelineItem[] = [
  ...COMPULSORY_EDUCATION_GUIDELINE,
  ...SOCIAL_ASSISTANCE_GUIDELINE,
  ...HOUSEHOLD_REGISTRATION_GUIDELINE,
  ...AGRICULTURAL_SUBSIDIES_GUIDELINE,
  ...EMPLOYMENT_GUIDELINE,
  ...ELDERLY_CARE_GUIDELINE,
  ...BUDGET_GUIDELINE,
  ...MAJOR_PROJECTS_GUIDELINE,
  ...SPATIAL_PLANNING_GUIDELINE,
  ...PUBLIC_CULTURE_GUIDELINE,
  ...PUBLIC_LEGAL_SERVICES_GUIDELINE,
  ...WORK_SAFETY_GUIDELINE,
  ...DISASTER_RELIEF_GUIDELINE,
];

/** The pilot domains with sourced rows, in the pilot list's order. */
export const SOURCED_DOMAINS: DomainCode[] = PILOT_DOMAINS.map((d) => d.code).filter((code) =>
  SOURCED_GUIDELINE_ITEMS.some((item) => item.domainCode === code),
);

/**
 * The reference version: the sourced rows, and for every other domain the 示例 rows (marked 示例
 * by having no source, and by `sourcedDomains` leaving their domain out).
 */
export const REFERENCE_GUIDELINE_COMMAND: GuidelineCommand = {
  type: 'LoadGuidelineVersion',
  title: `26个试点领域标准指引（${SOURCED_DOMAINS.length}个领域摘自县级标准目录并注明出处，其余领域为示例数据）`,
  sample: false,
  effectiveFrom: '2020-01-01',
  source: '各行注明出处（县、市政府网站公布的标准目录）；未注明出处的行为示例',
  items: [...SOURCED_GUIDELINE_ITEMS, ...SAMPLE_GUIDELINE_ITEMS.filter((item) => !SOURCED_DOMAINS.includes(item.domainCode))],
  sourcedDomains: SOURCED_DOMAINS,
};
