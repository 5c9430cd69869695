import { createHash } from 'node:crypto';
import { seal, hashEnvelope } from '../../libs/platform/src/event-sourcing/hash-chain';
import { canonicalJson } from '../../libs/platform/src/event-sourcing/canonical-json';
const data = {requestNo:'YSQ-2026-000001',applicant:{kind:'citizen',name:'张伟',contact:'138****1234'},subject:'关于城关街道财政预算执行情况的政府信息公开申请',description:'申请公开城关街道2025年度财政预算执行情况的相关信息，包括会议纪要、批复文件。',channel:'online',deliveryMethod:'email',unitId:'TEZ-GOV',receivedOn:'2026-03-02',pages:12,feeWaiver:true};
const env = {eventId:'0192f0e2-7c3a-7cc1-8a1e-3c2f0a9b1c2d',type:'requests.RequestReceived',schemaVersion:1,streamId:'request-000001',streamRevision:5,recordedAt:new Date().toISOString(),occurredAt:'2026-03-02T01:00:00.000Z',actor:{userId:'u-1',unitId:'TEZ-GOV',role:'clerk'},correlationId:'corr-1',causationId:null,data,prevHash:'0'.repeat(64)};
function bench(name: string, fn: () => unknown, n = 200000) {
  for (let i = 0; i < 20000; i++) fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  console.log(name, (Number(process.hrtime.bigint() - t) / n / 1000).toFixed(2), 'µs');
}
bench('seal', () => seal(env as never));
bench('hashEnvelope', () => hashEnvelope(env as never));
bench('canonicalJson(env)', () => canonicalJson(env));
bench('canonicalJson(data)', () => canonicalJson(data));
const s = canonicalJson(env);
bench('sha256', () => createHash('sha256').update(env.prevHash).update(s).digest('hex'));
bench('JSON.stringify(env)', () => JSON.stringify(env));
const str = JSON.stringify({...env, hash: 'x'.repeat(64)});
bench('JSON.parse', () => JSON.parse(str));
bench('parse+spread', () => ({...JSON.parse(str), globalPosition: 5}));
console.log(Buffer.byteLength(str));
