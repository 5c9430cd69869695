/**
 * 信息处理费 (国办函〔2020〕109号, DOMAIN.md §3). Free by default; one method per request.
 *
 * - 按件计收 (per_request): counted per applicant per calendar month. Requests 1–10 are free,
 *   11–30 cost ¥100 each, and from the 31st each further band of 10 costs ¥100 more per request
 *   (31–40 ¥200, 41–50 ¥300, …). The fee of one request is the rate of its position in the month.
 * - 按量计收 (per_page): marginal bands over the pages of one request: 1–30 free, 31–100 ¥10/page,
 *   101–200 ¥20/page, 201 and more ¥40/page.
 */
export function perRequestFee(positionInMonth: number): number {
  if (positionInMonth <= 10) return 0;
  if (positionInMonth <= 30) return 100;
  return 100 + 100 * Math.ceil((positionInMonth - 30) / 10);
}

export function perPageFee(pages: number): number {
  const band = (from: number, to: number, rate: number) => Math.max(0, Math.min(pages, to) - from + 1) * rate;
  return band(31, 100, 10) + band(101, 200, 20) + band(201, Number.MAX_SAFE_INTEGER, 40);
}

/**
 * The fee of one notice. Per request, `quantity` is the position in the month of the request's first
 * item; an application counted as several items (一事一申请) pays for each item at its own position.
 */
export function feeFor(method: 'per_request' | 'per_page', quantity: number, items = 1): number {
  if (method === 'per_page') return perPageFee(quantity);
  let total = 0;
  for (let i = 0; i < items; i += 1) total += perRequestFee(quantity + i);
  return total;
}
