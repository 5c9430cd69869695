import { z } from 'zod';
import { commaListSchema, listQuery, pageFields } from '@gongkai/platform';
import { ITEM_REGISTER_FLAGS, ITEM_REGISTER_SORTS, ITEM_STATUSES } from '../application/item-register';
import {
  AUDIENCES,
  DISCLOSURE_CHANNELS,
  DISCLOSURE_METHODS,
  domainCodeSchema,
  guidelineItemSchema,
  isoDate,
  ITEM_STAGES,
  multiLineText,
  singleLineText,
  UNIT_LEVELS,
  unitIdSchema,
} from '@gongkai/contracts';

/** Names, titles and labels: one line. */
const text = (max: number) => singleLineText(max);
/** Free text: reasons, notes, contents. */
const prose = (max: number) => multiLineText(max);

/** Item content as staff send it; a draft may leave the eight elements out. */
export const itemContentBody = z.object({
  domainCode: domainCodeSchema,
  firstLevel: text(100),
  secondLevel: text(200).optional(),
  content: prose(2000).optional(),
  legalBases: z
    .array(z.object({ law: text(200), article: text(100).optional() }))
    .max(20)
    .default([]),
  timeLimit: z
    .object({
      text: text(200),
      rule: z
        .object({ kind: z.enum(['working_days_after_formation', 'calendar_days_after_formation']), days: z.number().int().min(0).max(365) })
        .nullable(),
    })
    .optional(),
  subject: text(200).optional(),
  method: z.enum(DISCLOSURE_METHODS).optional(),
  channels: z
    .array(z.object({ channel: z.enum(DISCLOSURE_CHANNELS), other: text(100).optional() }))
    .max(DISCLOSURE_CHANNELS.length)
    .default([]),
  audience: z.object({ kind: z.enum(AUDIENCES), detail: text(100).optional() }).optional(),
  level: z.enum(UNIT_LEVELS),
  stage: z.enum(ITEM_STAGES).optional(),
  guidelineItemCode: text(40).optional(),
  post: text(100).optional(),
  authority: text(200).optional(),
  procedure: prose(1000).optional(),
});

/** The layout of an exported catalogue: our standard columns, or the one counties publish. */
export const exportLayout = z.enum(['standard', 'published']).default('standard');
/** An import's query: the domain chosen for tables that name none, the original file's name. */
export const importQuery = z.object({ domain: domainCodeSchema.optional(), name: singleLineText(255, 1).optional() });

/** A unit's items for its staff (`GET items`, `GET items/export`): status, domain, flags, last change, the text box, sort, page. */
export const itemListQuery = listQuery({
  sorts: ITEM_REGISTER_SORTS,
  dates: ['updated'],
  filters: {
    status: commaListSchema(ITEM_STATUSES, '状态').optional(),
    domainCode: domainCodeSchema.optional(),
    flag: commaListSchema(ITEM_REGISTER_FLAGS, 'flag ').optional(),
  },
});
export type ItemListQuery = z.infer<typeof itemListQuery>;

/** The negative list (负面清单) of a unit, or the portal's of the district / a unit: by owner, a page at a time. */
export const negativeListQuery = z.object({ unitId: unitIdSchema.optional(), ...pageFields() });

export const reviseItemBody = z.object({ content: itemContentBody, reason: prose(500) });
export const reasonBody = z.object({ reason: prose(500) });
export const noteBody = z.object({ note: prose(1000) });

export const responsibleDomainsBody = z.object({ domainCodes: z.array(domainCodeSchema).max(26), reason: prose(500).optional() });

export const guidelineBody = z.object({
  title: text(200),
  sample: z.boolean(),
  effectiveFrom: isoDate,
  source: text(200).optional(),
  items: z.array(guidelineItemSchema).min(1).max(5000),
  sourcedDomains: z.array(domainCodeSchema).optional(),
});

/** An officer's decision on a proposed match: the item and the guideline item, a reason optional. */
export const matchDecisionBody = z.object({
  itemId: z.string().min(2).max(64),
  guidelineItemCode: text(40),
  reason: prose(500).optional(),
});

export const obligationBody = z.object({ unitId: z.string().min(2).max(32), itemId: z.string().min(2).max(64), formedOn: isoDate });

export const negativeEntryBody = z.object({
  matter: text(200),
  scope: prose(500),
  regulationArticle: z.union([z.literal(14), z.literal(15), z.literal(16)]),
  specificBasis: z.object({ law: text(200), article: text(100).optional() }).optional(),
  lastReviewedOn: isoDate,
});
export const reviewBody = z.object({ reviewedOn: isoDate, note: prose(500) });
