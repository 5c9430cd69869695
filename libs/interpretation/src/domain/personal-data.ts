/**
 * Masking of personal data (个人信息保护), pure so that deciders, upcasters and projections share it.
 * Events carry only masked names; full names and contacts live in the `personal_data` collection.
 */

/** 王小明 → 王**; no name → 匿名. Keeps the first character (code point) only. */
export function maskName(name: string | null | undefined): string {
  const chars = Array.from((name ?? '').trim());
  if (chars.length === 0) return '匿名';
  return `${chars[0]}${'*'.repeat(Math.max(1, Math.min(chars.length - 1, 29)))}`;
}

/** Mobile numbers and ID-card numbers inside free text are masked (138****5678, 370***********34). */
export const maskPersonalData = (text: string): string =>
  text.replace(/\d{17}[\dXx]|\d{15}/g, (id) => `${id.slice(0, 3)}***********${id.slice(-2)}`).replace(/1[3-9]\d{9}/g, (m) => `${m.slice(0, 3)}****${m.slice(-4)}`);
