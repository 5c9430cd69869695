import { z } from 'zod';
import { UNIT_LEVELS, UNIT_KINDS, UNIT_KIND_LABELS, type UnitLevel, type UnitKind } from './vocabulary/units';

export { UNIT_LEVELS, UNIT_KINDS, UNIT_KIND_LABELS, type UnitLevel, type UnitKind };

/** Unit codes are stable identifiers chosen by the district office, e.g. `TEZ-GOV` or `370405-001`. */
export const unitIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/);

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/*
 * Text hygiene: the rules every text a person sends must satisfy, whatever the field. A stored text
 * ends up in Word documents (XML), spreadsheets, HTML and logs; characters that are not text there
 * are refused at the edge with a zh-CN message and a stable code (the validation pipe reports them).
 */

/** C0 controls except tab, line feed and carriage return; DEL; the C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Line breaks and tab: allowed in multi-line text only. */
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;
/** Bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069): they make text display other than it reads. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Code units XML 1.0 cannot carry: unpaired surrogates, U+FFFE and U+FFFF. */
const NOT_A_CHARACTER = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/;
/** The start of an HTML tag, comment or declaration. */
const MARKUP = /<\s*\/?\s*[a-z!?]/i;

export type TextKind = 'single_line' | 'multi_line';
export interface TextProblem {
  /** Stable English code, as the validation pipe's field errors carry it. */
  code: 'control_character' | 'line_break' | 'bidi_control' | 'invalid_character' | 'markup';
  message: string;
}

/** What is wrong with a text of this kind, or null. Names and titles (single line) also refuse markup. */
export function textProblem(value: string, kind: TextKind): TextProblem | null {
  if (CONTROL_CHARACTER.test(value)) return { code: 'control_character', message: '不能包含控制字符' };
  if (NOT_A_CHARACTER.test(value)) return { code: 'invalid_character', message: '包含无法识别的字符' };
  if (BIDI_CONTROL.test(value)) return { code: 'bidi_control', message: '不能包含文字方向控制符' };
  if (kind === 'single_line' && LINE_BREAK_OR_TAB.test(value))
    return { code: 'line_break', message: '只能填写一行文字，不能包含换行或制表符' };
  if (kind === 'single_line' && MARKUP.test(value)) return { code: 'markup', message: '不能包含 HTML 标签或脚本' };
  return null;
}

const hygienic = (kind: TextKind) => (value: string, context: z.core.$RefinementCtx<string>) => {
  const problem = textProblem(value, kind);
  if (problem) context.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code }, input: value });
};

/** A name, title or short label: one line, trimmed, `min`–`max` characters, no control or direction characters, no markup. */
export const singleLineText = (max: number, min = 1) => z.string().trim().min(min).max(max).superRefine(hygienic('single_line'));

/** Free text (reasons, descriptions, replies): line feed and tab allowed, trimmed, `min`–`max` characters, no other control or direction characters. */
export const multiLineText = (max: number, min = 1) => z.string().trim().min(min).max(max).superRefine(hygienic('multi_line'));

/** A web address people may follow: http or https only (no `javascript:`, `data:`, `file:` …), at most `max` characters. */
export const httpUrl = (max = 500) =>
  z
    .string()
    .trim()
    .max(max)
    .superRefine((value, context) => {
      const problem = textProblem(value, 'single_line');
      if (problem && problem.code !== 'markup') {
        context.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code }, input: value });
        return;
      }
      let url: URL | null = null;
      try {
        url = new URL(value);
      } catch {
        url = null;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
        context.addIssue({ code: 'custom', message: '网址应以 http:// 或 https:// 开头', params: { code: 'url_scheme' }, input: value });
      }
    });
