import { GENESIS_HASH } from '@gongkai/contracts';
import type { UnsealedEnvelope } from './hash-chain';

/**
 * Two events of one stream whose hashes and stored text were computed by the store before its
 * serialisation was sped up (hash-chain.ts and sqlite-event-store.ts as of commit 28aefbc). Stored
 * chains are verified against exactly these bytes, so they must never change: a different value
 * here means the chain format drifted and every stored event would stop verifying.
 */
export const RECORDED_AT = '2026-03-02T01:00:00.123Z';

export const pinnedFirst: UnsealedEnvelope = {
  eventId: '0190f1e2-7c3a-7b4d-9e5f-0a1b2c3d4e5f',
  type: 'requests.RequestReceived',
  schemaVersion: 1,
  streamId: 'requests.request-YSQ-2026-000001',
  streamRevision: 0,
  recordedAt: RECORDED_AT,
  occurredAt: '2026-03-02T01:00:00.000Z',
  actor: { userId: 'u-1', unitId: 'TEZ-GOV', role: 'clerk' },
  correlationId: 'corr-1',
  causationId: null,
  data: {
    requestNo: 'YSQ-2026-000001',
    applicant: { name: '张伟', kind: 'citizen' },
    subject: '关于城关街道财政预算执行情况的政府信息公开申请',
    pages: 12,
    feeWaiver: false,
    items: ['会议纪要', { b: 2, a: 1 }],
    note: '引号"反斜杠\\换行\n\u2028😀',
    empty: {},
    missing: null,
  },
  prevHash: GENESIS_HASH,
};

export const PINNED_FIRST_HASH = 'd48d789b1711cf68c3d3961617a50cf4030d56a32e4ed3a096ddaab508583028';

export const PINNED_FIRST_TEXT =
  '{"actor":{"role":"clerk","unitId":"TEZ-GOV","userId":"u-1"},"causationId":null,"correlationId":"corr-1",' +
  '"data":{"applicant":{"kind":"citizen","name":"张伟"},"empty":{},"feeWaiver":false,"items":["会议纪要",{"a":1,"b":2}],' +
  '"missing":null,"note":"引号\\"反斜杠\\\\换行\\n\u2028😀","pages":12,"requestNo":"YSQ-2026-000001",' +
  '"subject":"关于城关街道财政预算执行情况的政府信息公开申请"},"eventId":"0190f1e2-7c3a-7b4d-9e5f-0a1b2c3d4e5f",' +
  '"occurredAt":"2026-03-02T01:00:00.000Z","prevHash":"0000000000000000000000000000000000000000000000000000000000000000",' +
  '"recordedAt":"2026-03-02T01:00:00.123Z","schemaVersion":1,"streamId":"requests.request-YSQ-2026-000001",' +
  '"streamRevision":0,"type":"requests.RequestReceived","hash":"d48d789b1711cf68c3d3961617a50cf4030d56a32e4ed3a096ddaab508583028"}';

export const pinnedSecond: UnsealedEnvelope = {
  ...pinnedFirst,
  eventId: '0190f1e2-7c3a-7b4d-9e5f-0a1b2c3d4e60',
  type: 'requests.RequestAccepted',
  streamRevision: 1,
  causationId: 'cmd-2',
  data: { acceptedOn: '2026-03-03', dueOn: '2026-03-24' },
  prevHash: PINNED_FIRST_HASH,
};

export const PINNED_SECOND_HASH = 'a4d2c024b7083095a8199de14d0e42081fc1211ef7b75734d168a4ea2b45d221';

export const PINNED_SECOND_TEXT =
  '{"actor":{"role":"clerk","unitId":"TEZ-GOV","userId":"u-1"},"causationId":"cmd-2","correlationId":"corr-1",' +
  '"data":{"acceptedOn":"2026-03-03","dueOn":"2026-03-24"},"eventId":"0190f1e2-7c3a-7b4d-9e5f-0a1b2c3d4e60",' +
  '"occurredAt":"2026-03-02T01:00:00.000Z","prevHash":"d48d789b1711cf68c3d3961617a50cf4030d56a32e4ed3a096ddaab508583028",' +
  '"recordedAt":"2026-03-02T01:00:00.123Z","schemaVersion":1,"streamId":"requests.request-YSQ-2026-000001",' +
  '"streamRevision":1,"type":"requests.RequestAccepted","hash":"a4d2c024b7083095a8199de14d0e42081fc1211ef7b75734d168a4ea2b45d221"}';
