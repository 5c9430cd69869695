import { z } from 'zod';
import { UNIT_LEVELS, UNIT_KINDS, UNIT_KIND_LABELS, type UnitLevel, type UnitKind } from './vocabulary/units';

export { UNIT_LEVELS, UNIT_KINDS, UNIT_KIND_LABELS, type UnitLevel, type UnitKind };

/** Unit codes are stable identifiers chosen by the district office, e.g. `TEZ-GOV` or `370405-001`. */
export const unitIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/);

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
