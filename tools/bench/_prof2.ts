import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 } from 'uuid';
import { SqliteEventStore } from '../../libs/platform/src/event-sourcing/sqlite-event-store';
const data = {requestNo:'YSQ-2026-000001',applicant:{kind:'citizen',name:'张伟',contact:'138****1234'},subject:'关于城关街道财政预算执行情况的政府信息公开申请',description:'申请公开城关街道2025年度财政预算执行情况的相关信息，包括会议纪要、批复文件。',channel:'online',deliveryMethod:'email',unitId:'TEZ-GOV',receivedOn:'2026-03-02',pages:12,feeWaiver:true};
const ev = () => ({eventId: v7(), type:'requests.RequestReceived',schemaVersion:1,occurredAt:'2026-03-02T01:00:00.000Z',actor:{userId:'u-1',unitId:'TEZ-GOV',role:'clerk'},correlationId:'corr-1',causationId:null,data});
async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'prof-'));
  const store = new SqliteEventStore(join(dir, 'e.db'));
  const calls = Array.from({length: 1000}, (_, i) => ({ s: `request-${i % 1000}`, events: Array.from({length: 100}, ev) }));
  const single = Array.from({length: 10000}, (_, i) => ({ s: `single-${i % 1000}`, e: ev(), exp: Math.floor(i / 1000) - 1 }));
  let t = process.hrtime.bigint();
  for (const c of single) await store.append(c.s, [c.e], c.exp);
  console.log('single/s', 10000 / (Number(process.hrtime.bigint() - t) / 1e9));
  t = process.hrtime.bigint();
  for (const c of calls) await store.append(c.s, c.events, -1);
  console.log('batched/s', 100000 / (Number(process.hrtime.bigint() - t) / 1e9));
  t = process.hrtime.bigint();
  let after = 0, n = 0;
  for (;;) { const b = await store.readAll({ after, limit: 1000 }); if (!b.length) break; n += b.length; after = b[b.length - 1].globalPosition; }
  console.log('read/s', n / (Number(process.hrtime.bigint() - t) / 1e9));
  await store.close();
  rmSync(dir, { recursive: true });
}
void main();
