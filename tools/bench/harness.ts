/**
 * The tiny shared part of `npm run bench`: a bench module, timing and table printing.
 * A bench only measures and prints; nothing here asserts on a time.
 */

export interface Table {
  columns: string[];
  rows: string[][];
  /** Columns whose cells are right-aligned (numbers). */
  alignRight?: number[];
}

export interface BenchOutput {
  tables: Table[];
  /** Lines printed after the tables: verdicts, caveats. */
  notes: string[];
}

/** One file `tools/bench/<name>.bench.ts` exporting `bench: Bench`; `run.ts` finds and runs it. */
export interface Bench {
  title: string;
  run(): Promise<BenchOutput>;
}

/** Wall time of `fn` in nanoseconds. */
export async function timeNs(fn: () => Promise<void> | void): Promise<bigint> {
  const start = process.hrtime.bigint();
  await fn();
  return process.hrtime.bigint() - start;
}

export const perSecond = (count: number, ns: bigint): number => (count * 1e9) / Number(ns);

/** A full collection between measurements, when node runs with --expose-gc. */
export function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function formatRate(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  return Math.round(value).toLocaleString('en-US');
}

export function formatRatio(numerator: number | null, denominator: number | null): string {
  if (numerator === null || denominator === null || !(denominator > 0)) return 'n/a';
  return `${(numerator / denominator).toFixed(2)}x`;
}

/** Progress goes to stderr so that stdout holds only the tables. */
export function progress(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}

export function formatTable(table: Table): string {
  const right = new Set(table.alignRight ?? []);
  const widths = table.columns.map((column, i) => Math.max(displayWidth(column), ...table.rows.map((row) => displayWidth(row[i] ?? ''))));
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i] - displayWidth(cell));
        return right.has(i) ? pad + cell : cell + pad;
      })
      .join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(table.columns), rule, ...table.rows.map(line)].join('\n');
}

/** Terminal columns: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

/** The q-quantile (nearest rank) of ascending latencies. */
export const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A `kB` field of /proc/<pid>/status (VmHWM: peak RSS; VmRSS: RSS now). */
export const kilobytes = (status: string, field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
