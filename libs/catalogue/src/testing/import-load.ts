import Database from 'better-sqlite3';
import type { CatalogueRow } from '../domain/catalogue-row';
import { XLSX_MIME } from '../application/spreadsheet';
import { largeCatalogueWorkbook } from './large-workbook';

/** A valid standard-layout row of a town's catalogue, numbered `n`. */
export const catalogueRow = (n: number): CatalogueRow => ({
  序号: String(n),
  一级事项: '最低生活保障',
  二级事项: `最低生活保障申请受理及公示${n}`,
  '公开内容（要素）': '申请条件、申请材料、审核结果',
  公开依据: '《社会救助暂行办法》第十一条',
  公开时限: '信息形成或者变更之日起20个工作日内',
  公开主体: '泥沟镇人民政府',
  公开渠道和载体: '政府网站',
  公开对象: '全社会',
  公开方式: '主动',
  公开层级: '乡级',
  所属领域: '社会救助',
});

/**
 * `rows` valid rows of which the last has no 公开依据: the whole file is read and planned, then
 * refused (SPREADSHEET_INVALID naming that row), so a large import records nothing.
 */
export const largeImportWithLastRowBad = (rows: number) =>
  largeCatalogueWorkbook(rows, (n) => (n === rows ? { ...catalogueRow(n), 公开依据: '' } : catalogueRow(n)));

export interface ProbedImport {
  status: number;
  body: { code?: string; detail?: string };
  importMs: number;
  /** Probes answered after the upload was sent and before the import's answer arrived. */
  probesDuring: number;
  /** Their latencies, sorted (ms). */
  latencies: number[];
}

/**
 * Sends `file` to a unit's import endpoint of a running service while the health probe
 * (`/health/live`) is asked again and again, one request at a time, until the import answers.
 * Build `file` before the service has open connections (see import-bounds.e2e.spec.ts).
 */
export async function importWhileProbing(baseUrl: string, unitId: string, token: string, file: Buffer): Promise<ProbedImport> {
  let importing = true;
  const latencies: number[] = [];
  const prober = (async (): Promise<void> => {
    while (importing) {
      const sent = performance.now();
      const response = await fetch(`${baseUrl}/health/live`);
      await response.arrayBuffer();
      if (importing && response.ok) latencies.push(performance.now() - sent);
      await new Promise((wake) => setTimeout(wake, 10));
    }
  })();
  const probing = prober.then(
    () => null,
    (error: unknown) => error,
  );
  const sent = performance.now();
  const answered = fetch(`${baseUrl}/api/catalogue/units/${unitId}/items/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': XLSX_MIME },
    body: file,
  }).then(async (response) => ({ response, body: (await response.json()) as ProbedImport['body'] }));
  const { response, body } = await answered.finally(() => (importing = false));
  const importMs = performance.now() - sent;
  const probeError = await probing;
  if (probeError) throw probeError;
  return { status: response.status, body, importMs, probesDuring: latencies.length, latencies: latencies.sort((a, b) => a - b) };
}

/** The latency at quantile `q` (0..1) of sorted latencies. */
export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

/** Events of catalogue items in a SQLite store (an import that was refused recorded none). */
export function itemEventsIn(eventStoreUrl: string): number {
  const db = new Database(eventStoreUrl.replace(/^sqlite:/, ''), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM events WHERE stream_id LIKE 'catalogue.item-%'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
