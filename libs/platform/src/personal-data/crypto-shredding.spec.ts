import { Kafka } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { ERASED_PLACEHOLDER, WITHHELD_PLACEHOLDER, topicOf, type EventEnvelope, type RequestReceived } from '@gongkai/contracts';
import { describeEvent } from '../audit/timeline';
import { CommandHandler, type CommandContext } from '../event-sourcing/command-handler';
import type { Decider } from '../event-sourcing/decider';
import { SqliteEventStore } from '../event-sourcing/sqlite-event-store';
import { verifyStore } from '../event-sourcing/verify';
import { upcast } from '../event-sourcing/upcasting';
import type { EventBus } from '../messaging/event-bus';
import { EventConsumer, validateMessage } from '../messaging/event-consumer';
import { KafkaEventBus } from '../messaging/kafka-event-bus';
import { Relay } from '../messaging/relay';
import { createLogger } from '../observability/logger';
import { PlatformCollections } from '../read-models/platform-collections';
import { rebuildProjection } from '../read-models/rebuild';
import { eventually, isolatedEnv } from '../testing/infra';
import { sqliteStoreBytes } from '../testing/store-bytes';
import { masterKeyFrom } from './master-key';
import { MongoPersonalDataKeys } from './mongo-personal-data-keys';
import { ownPersonalData, revealEach, revealPersonalData, type PersonalDataAccess } from './personal-data';

// The applicant's marking is the one the contracts register for the requests service (REQUEST_APPLICANT_MARKING).

type Event =
  | { type: 'requests.RequestReceived'; data: RequestReceived }
  | { type: 'requests.RequestAssigned'; data: { requestId: string; unitId: string; handlerId: string; assignedOn: string } };
type State = { requestId: string | null; applicantName: string | null; handlerId: string | null };
type Command = { type: 'Receive'; request: RequestReceived } | { type: 'Assign'; handlerId: string };

/** Just enough of a request to fold: the decider never needs the applicant's personal data to decide. */
const requestDecider: Decider<Command, Event, State> = {
  initialState: { requestId: null, applicantName: null, handlerId: null },
  evolve: (state, event) =>
    event.type === 'requests.RequestReceived'
      ? { ...state, requestId: event.data.requestId, applicantName: event.data.applicant.name }
      : { ...state, handlerId: event.data.handlerId },
  decide: (command, state) =>
    command.type === 'Receive'
      ? [{ type: 'requests.RequestReceived', data: command.request }]
      : [
          {
            type: 'requests.RequestAssigned',
            data: { requestId: state.requestId ?? '', unitId: 'TEZ-GOV', handlerId: command.handlerId, assignedOn: '2026-03-03' },
          },
        ],
};

const applicants = {
  kept: {
    name: '王小明',
    phone: '13800138001',
    email: 'wangxm@example.cn',
    address: '台州市椒江区中山西路 88 号',
    masked: '331002********1234',
    key: 'a',
  },
  erased: {
    name: '陈丽华',
    phone: '13900139002',
    email: 'chenlh@example.cn',
    address: '台州市黄岩区劳动北路 9 号',
    masked: '331003********5678',
    key: 'b',
  },
};
type Applicant = (typeof applicants)['kept'];

const request = (requestId: string, a: Applicant): RequestReceived => ({
  requestId,
  unitId: 'TEZ-GOV',
  channel: 'online',
  receivedOn: '2026-03-02',
  receiptBasis: '网上提交之日',
  applicant: {
    type: '自然人',
    name: a.name,
    phone: a.phone,
    email: a.email,
    address: a.address,
    idDocument: { kind: '居民身份证', masked: a.masked, digest: a.key.repeat(64) },
  },
  applicantKey: a.key.repeat(64),
  description: '某路段改造工程的批复文件',
  preferredForm: '电子',
  delivery: '电子邮件',
  trackingCodeHash: 'f'.repeat(64),
  possibleRepeatOf: [],
  dueOn: '2026-03-23',
});

const context: CommandContext = {
  actor: { userId: 'clerk-1', unitId: 'TEZ-GOV', role: 'clerk' },
  correlationId: 'c1',
  now: '2026-03-02T02:00:00.000Z',
};

const personalValues = (a: Applicant) => [a.name, a.phone, a.email, a.address, a.masked];

describe('crypto-shredding over the real servers (SQLite store file, FerretDB key store)', () => {
  const env = isolatedEnv();
  const file = env.EVENT_STORE_URL.replace(/^sqlite:/, '');
  const store = new SqliteEventStore(file);
  let connection: Connection;
  let keys: MongoPersonalDataKeys;
  let handler: CommandHandler;
  let holder: PersonalDataAccess;

  beforeAll(async () => {
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-platform` }).asPromise();
    keys = new MongoPersonalDataKeys(connection, masterKeyFrom('master-key-for-the-shredding-test-only'));
    handler = new CommandHandler(store, 3, undefined, keys);
    holder = { keys };
  });
  afterAll(async () => {
    await store.close();
    await connection.dropDatabase();
    await connection.close();
  });

  it('stores ciphertext only, reads plaintext for the kept applicant and 已删除 for the erased one, and verifies before and after', async () => {
    const kept = await handler.handle(
      requestDecider,
      'requests.request-REQ-KEPT-01',
      { type: 'Receive', request: request('REQ-KEPT-01', applicants.kept) },
      context,
    );
    await handler.handle(
      requestDecider,
      'requests.request-REQ-GONE-01',
      { type: 'Receive', request: request('REQ-GONE-01', applicants.erased) },
      context,
    );
    // The caller gets the data as decided; the store holds the sealed form.
    expect(kept.events[0].data).toMatchObject({ applicant: { name: '王小明' } });
    expect(kept.state.applicantName).toBe('王小明');

    let bytes = sqliteStoreBytes(file);
    expect(bytes.includes(Buffer.from('enc:v1:'))).toBe(true);
    for (const value of [...personalValues(applicants.kept), ...personalValues(applicants.erased)]) {
      expect({ value, found: bytes.includes(Buffer.from(value, 'utf8')) }).toEqual({ value, found: false });
    }
    expect(bytes.includes(Buffer.from('某路段改造工程的批复文件', 'utf8'))).toBe(true); // not marked: in clear, as before
    const before = await verifyStore(store);
    expect(before).toMatchObject({ streams: 2, events: 2, firstBreak: null });

    expect(await keys.shred(`requests.applicant/${'b'.repeat(64)}`)).toBe(true);

    expect(await verifyStore(store)).toEqual(before);
    const revealed = await revealEach(await store.readAll(), holder);
    expect(revealed.map((e) => (e.data as RequestReceived).applicant)).toEqual([
      {
        type: '自然人',
        name: '王小明',
        phone: '13800138001',
        email: 'wangxm@example.cn',
        address: '台州市椒江区中山西路 88 号',
        idDocument: { kind: '居民身份证', masked: '331002********1234', digest: 'a'.repeat(64) },
      },
      {
        type: '自然人',
        name: ERASED_PLACEHOLDER,
        phone: ERASED_PLACEHOLDER,
        email: ERASED_PLACEHOLDER,
        address: ERASED_PLACEHOLDER,
        idDocument: { kind: '居民身份证', masked: ERASED_PLACEHOLDER, digest: 'b'.repeat(64) },
      },
    ]);

    // The command handler still folds and decides on both streams.
    const gone = await handler.load(requestDecider, 'requests.request-REQ-GONE-01');
    expect(gone.state).toEqual({ requestId: 'REQ-GONE-01', applicantName: ERASED_PLACEHOLDER, handlerId: null });
    const assigned = await handler.handle(
      requestDecider,
      'requests.request-REQ-GONE-01',
      { type: 'Assign', handlerId: 'clerk-2' },
      context,
    );
    expect(assigned).toMatchObject({ revision: 1, state: { applicantName: ERASED_PLACEHOLDER, handlerId: 'clerk-2' } });
    expect((await handler.load(requestDecider, 'requests.request-REQ-KEPT-01')).state.applicantName).toBe('王小明');

    expect(await verifyStore(store)).toMatchObject({ streams: 2, events: 3, firstBreak: null });

    // The audit timeline: 已脱敏 for a reader without the right, plaintext for one who reveals first.
    const [stored] = await store.readStream('requests.request-REQ-KEPT-01');
    const applicantField = (described: ReturnType<typeof describeEvent>) => described.fields.find((f) => f.name === 'applicant')?.value;
    expect(applicantField(describeEvent(stored))).toMatchObject({
      name: WITHHELD_PLACEHOLDER,
      phone: WITHHELD_PLACEHOLDER,
      type: '自然人',
    });
    expect(applicantField(describeEvent(await revealPersonalData(stored, holder)))).toMatchObject({ name: '王小明', phone: '13800138001' });
    bytes = sqliteStoreBytes(file);
    for (const value of personalValues(applicants.erased)) expect(bytes.includes(Buffer.from(value, 'utf8'))).toBe(false);
  });

  it('hands consumers ciphertext that passes the contract, and their handlers plaintext only with the keys', async () => {
    const events = await store.readAll();
    for (const event of events) expect(validateMessage(JSON.stringify(event))).toMatchObject({ ok: true });

    const platform = new PlatformCollections(connection);
    const noBus = {} as EventBus; // process() is driven directly: what the bus would deliver
    const seen = async (name: string, personalData?: PersonalDataAccess) => {
      const received: EventEnvelope[] = [];
      const consumer = new EventConsumer(noBus, platform, createLogger('shredding-test', 'silent'), {}, { personalData });
      for (const [offset, event] of events.entries()) {
        await consumer.process(
          'shredding-test',
          [{ name, eventTypes: ['requests.RequestReceived', 'requests.RequestAssigned'], handle: async (e) => void received.push(e) }],
          { topic: 't', partition: 0, offset: String(offset), key: event.streamId, value: JSON.stringify(event) },
        );
      }
      return received;
    };
    const names = (received: EventEnvelope[]) =>
      received.filter((e) => e.type === 'requests.RequestReceived').map((e) => (e.data as RequestReceived).applicant.name);

    const own = await seen('requests.own-projection', ownPersonalData(keys, 'requests'));
    expect(names(own)).toEqual(['王小明', ERASED_PLACEHOLDER]);
    // Another service's group: without keys (its own process), or in the standalone's one process with them.
    const other = await seen('interpretation.other-service');
    expect(names(other)).toEqual([WITHHELD_PLACEHOLDER, WITHHELD_PLACEHOLDER]);
    const sameProcess = await seen('interpretation.same-process', ownPersonalData(keys, 'interpretation'));
    expect(names(sameProcess)).toEqual([WITHHELD_PLACEHOLDER, WITHHELD_PLACEHOLDER]);
    // An event without a marking reaches every handler exactly as before.
    const assigned = events.find((e) => e.type === 'requests.RequestAssigned')!;
    expect(other.find((e) => e.type === 'requests.RequestAssigned')).toEqual(upcast(JSON.parse(JSON.stringify(assigned))));
    expect(await platform.parked.countDocuments({})).toBe(0);

    // A rebuild of the service's own projection reads as its live consumer does.
    const replayed: EventEnvelope[] = [];
    const projection = {
      name: 'requests.rebuilt',
      collections: [],
      eventTypes: ['requests.RequestReceived'],
      handle: async (e: EventEnvelope) => void replayed.push(e),
    };
    await rebuildProjection(store, projection, connection, platform, holder);
    expect(names(replayed)).toEqual(['王小明', ERASED_PLACEHOLDER]);
  });

  it('relays ciphertext to Kafka: a dump of the topic holds no personal data, and a key-holding consumer reads it back', async () => {
    const topic = topicOf('requests', env.KAFKA_TOPIC_PREFIX);
    const bus = new KafkaEventBus({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'shredding-test' });
    const platform = new PlatformCollections(connection);
    const logger = createLogger('shredding-test', 'silent');
    const relay = new Relay(store, bus, platform, logger, {
      name: 'shredding-test',
      services: ['requests'],
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
    });
    const raw = new Kafka({ clientId: 'shredding-test-dump', brokers: env.KAFKA_BROKERS.split(','), logLevel: 0 }).consumer({
      groupId: `${env.KAFKA_TOPIC_PREFIX}.dump`,
    });
    try {
      await bus.ensureTopics([topic]);
      await relay.start();
      const dump: Buffer[] = [];
      await raw.connect();
      await raw.subscribe({ topics: [topic], fromBeginning: true });
      await raw.run({ eachMessage: async ({ message }) => void dump.push(message.value ?? Buffer.alloc(0)) });
      await eventually(async () => (dump.length >= 3 ? true : undefined), 30000, 'the three events on the topic');
      const bytes = Buffer.concat(dump);
      expect(bytes.includes(Buffer.from('enc:v1:'))).toBe(true);
      expect(bytes.includes(Buffer.from('某路段改造工程的批复文件', 'utf8'))).toBe(true); // the search does find what is there
      for (const value of [...personalValues(applicants.kept), ...personalValues(applicants.erased)]) {
        expect({ value, found: bytes.includes(Buffer.from(value, 'utf8')) }).toEqual({ value, found: false });
      }

      const received: EventEnvelope[] = [];
      const consumer = new EventConsumer(bus, platform, logger, {}, { personalData: holder });
      await consumer.start(
        `${env.KAFKA_TOPIC_PREFIX}.requests-own`,
        [topic],
        [{ name: 'requests.own-over-kafka', eventTypes: ['requests.RequestReceived'], handle: async (e) => void received.push(e) }],
      );
      await eventually(async () => (received.length === 2 ? true : undefined), 30000, 'the two requests through the consumer');
      expect(received.map((e) => (e.data as RequestReceived).applicant.name).sort()).toEqual(['王小明', ERASED_PLACEHOLDER].sort());
    } finally {
      await raw.disconnect();
      await relay.stop();
      await bus.close();
    }
  }, 60000);
});
