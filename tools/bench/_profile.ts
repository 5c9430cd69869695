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
function canon2(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('x');
    if (value === undefined) throw new TypeError('y');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canon2(value[i]);
    return out + ']';
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(k) + ':' + canon2(v);
    first = false;
  }
  return out + '}';
}
function collect(value: unknown, keys: Set<string>): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string': case 'boolean': return true;
    case 'number': return Number.isFinite(value);
    case 'object': {
      if (Array.isArray(value)) { for (const v of value) if (v === undefined || !collect(v, keys)) return false; return true; }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      const own = Object.keys(value);
      if (Object.getOwnPropertyNames(value).length !== own.length) return false;
      for (const k of own) { const v = (value as Record<string, unknown>)[k]; if (v === undefined) continue; keys.add(k); if (!collect(v, keys)) return false; }
      return true;
    }
    default: return false;
  }
}
function canon3(value: unknown): string {
  const keys = new Set<string>();
  if (!collect(value, keys) || keys.has('__proto__')) return canonicalJson(value);
  return JSON.stringify(value, [...keys].sort());
}
const envNoHash = env;
console.log(canon2(envNoHash) === canonicalJson(envNoHash), canon3(envNoHash) === canonicalJson(envNoHash));
bench('canon2(env)', () => canon2(env));
bench('canon2(data)', () => canon2(data));
bench('canon3(env)', () => canon3(env));
bench('canon3(data)', () => canon3(data));
const { hash } = require('node:crypto');
bench('crypto.hash', () => hash('sha256', env.prevHash + s, 'hex'));
const keysD = Object.keys(data);
bench('keys', () => Object.keys(data));
bench('keys+sort', () => Object.keys(data).sort());
bench('keys+sortcmp', () => Object.keys(data).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
bench('stringify keys', () => { let o = ''; for (const k of keysD) o += JSON.stringify(k); return o; });
bench('stringify vals', () => { let o = ''; for (const k of keysD) { const v = (data as any)[k]; if (typeof v !== 'object') o += JSON.stringify(v); } return o; });
bench('stringify data', () => JSON.stringify(data));
const quoted = new Map<string, string>();
function canon4(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('x');
    if (value === undefined) throw new TypeError('y');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canon4(value[i]);
    return out + ']';
  }
  const keys = Object.keys(value);
  if (keys.length > 1) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    let q = quoted.get(k);
    if (q === undefined) { q = JSON.stringify(k) + ':'; if (quoted.size < 10000) quoted.set(k, q); }
    out += (first ? q : ',' + q) + canon4(v);
    first = false;
  }
  return out + '}';
}
console.log(canon4(env) === canonicalJson(env));
bench('canon4(env)', () => canon4(env));
bench('canon4(data)', () => canon4(data));
