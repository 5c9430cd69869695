import { PILOT_DOMAINS, type DomainCode, type GuidelineItem } from '@gongkai/contracts';
import type { GuidelineCommand } from '../guideline.decide';
import { SAMPLE_GUIDELINE_ITEMS } from '../sample-guidelines';
import { AGRICULTURAL_SUBSIDIES_GUIDELINE } from './agricultural-subsidies';
import { BUDGET_GUIDELINE } from './budget';
import { COMPULSORY_EDUCATION_GUIDELINE } from './compulsory-education';
import { DISASTER_RELIEF_GUIDELINE } from './disaster-relief';
import { ELDERLY_CARE_GUIDELINE } from './elderly-care';
import { EMPLOYMENT_GUIDELINE } from './employment';
import { FOOD_DRUG_GUIDELINE } from './food-drug';
import { HOUSEHOLD_REGISTRATION_GUIDELINE } from './household-registration';
import { MAJOR_PROJECTS_GUIDELINE } from './major-projects';
import { POVERTY_ALLEVIATION_GUIDELINE } from './poverty-alleviation';
import { PUBLIC_CULTURE_GUIDELINE } from './public-culture';
import { PUBLIC_LEGAL_SERVICES_GUIDELINE } from './public-legal-services';
import { PUBLIC_RESOURCE_TRADING_GUIDELINE } from './public-resource-trading';
import { RURAL_HOUSING_RENOVATION_GUIDELINE } from './rural-housing-renovation';
import { SOCIAL_ASSISTANCE_GUIDELINE } from './social-assistance';
import { SOCIAL_INSURANCE_GUIDELINE } from './social-insurance';
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
  ...RURAL_HOUSING_RENOVATION_GUIDELINE,
  ...FOOD_DRUG_GUIDELINE,
  ...SOCIAL_INSURANCE_GUIDELINE,
  ...PUBLIC_RESOURCE_TRADING_GUIDELINE,
  ...POVERTY_ALLEVIATION_GUIDELINE,
];

/** The pilot domains with sourced rows, in the pilot list's order. */
export const SOURCED_DOMAINS: DomainCode[] = PILOT_DOMAINS.map((d) => d.code).filter((code) =>
  SOURCED_GUIDELINE_ITEMS.some((item) => item.domainCode === code),
);

/**
 * The reference version: the sourced rows, and for every other domain the 示例 rows if the 示例
 * data has any (marked 示例 by having no source, and by `sourcedDomains` leaving their domain out).
 * The title says how many domains are sourced, 示例, or without rows.
 */
const SAMPLE_ROWS_LEFT = SAMPLE_GUIDELINE_ITEMS.filter((item) => !SOURCED_DOMAINS.includes(item.domainCode));
const WITH_ROWS = new Set([...SOURCED_DOMAINS, ...SAMPLE_ROWS_LEFT.map((item) => item.domainCode)]).size;

export const REFERENCE_GUIDELINE_COMMAND: GuidelineCommand = {
  type: 'LoadGuidelineVersion',
  title:
    `26个试点领域标准指引（${SOURCED_DOMAINS.length}个领域摘自县、乡级公布的标准目录并注明出处` +
    `${SAMPLE_ROWS_LEFT.length > 0 ? `，${WITH_ROWS - SOURCED_DOMAINS.length}个领域为示例数据` : ''}` +
    `${WITH_ROWS < 26 ? `，其余${26 - WITH_ROWS}个领域尚无指引事项` : ''}）`,
  sample: false,
  effectiveFrom: '2020-01-01',
  source: '各行注明出处（县、市政府网站公布的标准目录）；未注明出处的行为示例',
  items: [...SOURCED_GUIDELINE_ITEMS, ...SAMPLE_ROWS_LEFT],
  sourcedDomains: SOURCED_DOMAINS,
};
