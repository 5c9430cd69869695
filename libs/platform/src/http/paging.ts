import { UseInterceptors, applyDecorators, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { z, type ZodType } from 'zod';
import { singleLineText } from '@gongkai/contracts';
import { queryTokens } from '../search/tokenize';
import { expandQuery } from '../search/abbreviations';
import { Returns, type RouteContract } from './openapi-contract';

/**
 * Lists (issue 15): one way every list route of every service takes its page, sort, text box and date
 * ranges from the query string and answers a page. A list route:
 *
 * ```ts
 * @Get()
 * @ReturnsPage(documentStaffViewSchema)
 * list(@Query(new ZodPipe(documentListQuery)) query: z.infer<typeof documentListQuery>) {
 *   return this.reads.list(query); // Page<T>: { rows, total }
 * }
 * const documentListQuery = listQuery({ sorts: ['-issuedOn', 'issuedOn'], dates: ['issued'], filters: { status: ... } });
 * ```
 *
 * `@ReturnsPage` answers the page's rows as the JSON array and the count of every row the filters
 * select as `X-Total-Count` (with `X-Page`, `X-Page-Size`); the OpenAPI document states the array, the
 * `page`/`pageSize` parameters (from the query schema) and the headers. The contract test refuses a
 * GET that answers an array without them (`bounded` routes say why they need none).
 */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** An export (.xlsx) of a list holds at most this many rows; more is refused, asking for narrower filters. */
export const MAX_EXPORT_ROWS = 20_000;

/** One page of a list, how many rows the filters select in all, and which page it is. */
export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The page, sort and text box of a list query, after parsing. */
export interface PageRequest<S extends string = string> {
  page: number;
  pageSize: number;
  sort: S;
  q?: string;
}

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused). */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: '不是有效的日期' },
  );

/** A comma-separated list of values of a vocabulary (`status=draft,published`). */
export const commaListSchema = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values, { message: `${label}只能是 ${values.join('、')}` })).max(values.length));

/** The page of a list's query: `page` from 1, `pageSize` up to MAX_PAGE_SIZE (`defaultPageSize` unless told). */
export const pageFields = (defaultPageSize = DEFAULT_PAGE_SIZE) => ({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(defaultPageSize),
});

type DateFields<D extends string> = { [K in `${D}From` | `${D}To`]: z.ZodOptional<typeof calendarDateSchema> };

/**
 * The query schema of a list: its own filters, `from`/`to` date ranges named by `dates`
 * (`dates: ['issued']` → `issuedFrom`, `issuedTo`), the text box `q`, `sort` (one of `sorts`, the first
 * by default) and the page (`page` from 1, `pageSize` up to MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE unless told).
 */
export function listQuery<S extends readonly [string, ...string[]], F extends z.ZodRawShape, D extends string = never>(options: {
  sorts: S;
  filters: F;
  dates?: readonly D[];
  defaultPageSize?: number;
}) {
  const dates = Object.fromEntries(
    (options.dates ?? []).flatMap((d) => [
      [`${d}From`, calendarDateSchema.optional()],
      [`${d}To`, calendarDateSchema.optional()],
    ]),
  ) as DateFields<D>;
  return z
    .object({
      ...options.filters,
      ...dates,
      q: singleLineText(100, 1).optional(),
      sort: z.enum(options.sorts).default(options.sorts[0] as never),
      ...pageFields(options.defaultPageSize),
    })
    .refine(
      (query) =>
        (options.dates ?? []).every((d) => {
          const record = query as Record<string, unknown>;
          const [from, to] = [record[`${d}From`], record[`${d}To`]] as (string | undefined)[];
          return !from || !to || from <= to;
        }),
      { message: '起始日期不能晚于截止日期' },
    );
}

/** Whether `date` (`YYYY-MM-DD`, or an instant whose first ten characters are its date) lies in [from, to]; no date is outside any bound. */
export function inDateRange(date: string | null | undefined, from: string | undefined, to: string | undefined): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  const day = date.slice(0, 10);
  return (!from || day >= from) && (!to || day <= to);
}

/**
 * The text box: every word of the query (words are separated by spaces, at most five) is found in
 * the row's text, case-insensitive, as it is typed, as one of its forms in the shared abbreviations
 * (低保 ↔ 最低生活保障), or as all of its jieba words (each in any of its forms): 低保申请 finds
 * "最低生活保障……的申请".
 */
export function textMatcher(q: string | undefined): (text: string) => boolean {
  if (!q) return () => true;
  const formsOf = (word: string) => [...new Set(expandQuery(word, [word]).flat())].map((form) => form.toLowerCase());
  const checks = q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((word) => {
      const forms = formsOf(word);
      const tokens = queryTokens(word).map(formsOf);
      return (text: string) =>
        forms.some((f) => text.includes(f)) ||
        (tokens.length > 1 && tokens.every((alternatives) => alternatives.some((f) => text.includes(f))));
    });
  return (text: string) => {
    const lower = text.toLowerCase();
    return checks.every((check) => check(lower));
  };
}

/**
 * Sorts rows by the field a sort names (`-field`: descending); rows without the value come last
 * either way, ties keep `tieBreak` order (an id, so a page is stable).
 */
export function sortRows<T>(
  rows: T[],
  sort: string,
  valueOf: (row: T, field: string) => string | number | null | undefined,
  tieBreak: (row: T) => string,
): T[] {
  const direction = sort.startsWith('-') ? -1 : 1;
  const field = sort.replace(/^-/, '');
  return rows.sort((a, b) => {
    const [x, y] = [valueOf(a, field) ?? null, valueOf(b, field) ?? null];
    if (x !== y) return x === null ? 1 : y === null ? -1 : x < y ? -direction : direction;
    const [s, t] = [tieBreak(a), tieBreak(b)];
    return s < t ? -1 : s > t ? 1 : 0;
  });
}

/** The page asked for of rows already filtered and sorted. */
export function pageOf<T>(rows: readonly T[], request: Pick<PageRequest, 'page' | 'pageSize'>): Page<T> {
  const { page, pageSize } = request;
  return { rows: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageSize };
}

/** Sets the page headers of a list answer (used by `@ReturnsPage`; an export sends `X-Total-Count` alone). */
export function setPageHeaders(response: Response, total: number, request?: { page?: number; pageSize?: number }) {
  response.setHeader('X-Total-Count', String(total));
  if (request?.page !== undefined) response.setHeader('X-Page', String(request.page));
  if (request?.pageSize !== undefined) response.setHeader('X-Page-Size', String(request.pageSize));
}

class PageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((page: Page<unknown>) => {
        setPageHeaders(response, page.total, page);
        return page.rows;
      }),
    );
  }
}

/**
 * A paged list route: the handler returns a `Page<T>`; the client receives its rows as a JSON array
 * of `item` and the count in `X-Total-Count`. The query schema (a `ZodPipe` of `listQuery(...)`, or
 * `options.query`) gives the document its `page` and `pageSize` parameters.
 */
export const ReturnsPage = (item: ZodType, options: Omit<RouteContract, 'schema' | 'paged' | 'bounded'> = {}) =>
  applyDecorators(Returns(z.array(item), { ...options, paged: true }), UseInterceptors(PageInterceptor));

type DocumentOperation = {
  parameters?: { name: string; in: string }[];
  responses?: Record<string, { content?: Record<string, { schema?: { type?: string } }>; headers?: Record<string, unknown> }>;
  'x-bounded'?: string;
};

/**
 * The GET operations of an OpenAPI document that answer an unbounded list: a JSON array on success
 * without the `page` and `pageSize` query parameters and the `X-Total-Count` header, and without an
 * `x-bounded` reason (`@Returns(..., { bounded })`). The contract test expects none.
 */
export function unpagedLists(document: { paths: Record<string, Record<string, DocumentOperation>> }): string[] {
  const found: string[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    const operation = methods['get'];
    if (!operation || operation['x-bounded']) continue;
    const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
    const array = success.some(([, response]) => response.content?.['application/json']?.schema?.type === 'array');
    if (!array) continue;
    const query = new Set((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
    const counted = success.some(([, response]) => response.headers?.['X-Total-Count']);
    if (!query.has('page') || !query.has('pageSize') || !counted) found.push(`GET ${path}`);
  }
  return found.sort();
}
