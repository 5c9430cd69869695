import type { Role } from '@gongkai/contracts';
import { DISTRICT_ROLES } from '@gongkai/platform';

/**
 * Who edits a unit's catalogue and negative list: its clerks and office heads, and the district
 * office. The legal reviewer (审核人员) reviews replies to requests, not the catalogue.
 */
export const CATALOGUE_EDITORS: readonly Role[] = ['clerk', 'office_head', ...DISTRICT_ROLES];
