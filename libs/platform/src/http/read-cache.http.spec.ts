import { Controller, Get, Module, NotFoundException, Param, Query, type INestApplication } from '@nestjs/common';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { z } from 'zod';
import { Public } from '../auth/auth.guard';
import { createApp } from '../nest/bootstrap';
import { ReadModelConnections } from '../read-models/read-model-connections';
import { eventually, isolatedEnv, removeIsolatedEnv, tokenFor } from '../testing/infra';
import { ReturnsPage, pageOf } from './paging';
import { CachedRead } from './read-cache';

/** Read counts per route, to tell a cached answer from a read of the read model. */
const reads = new Map<string, number>();
const counted = (name: string) => reads.set(name, (reads.get(name) ?? 0) + 1);

@Controller('api/test/notes')
class NotesController {
  constructor(private readonly connections: ReadModelConnections) {}

  private notes() {
    return this.connections.get('probe').collection<{ _id: string; text: string }>('notes');
  }

  @Get()
  @Public()
  @CachedRead('probe')
  @ReturnsPage(z.object({ _id: z.string(), text: z.string() }))
  async list(@Query('page') page = '1') {
    counted('list');
    const rows = await this.notes().find({}).sort({ _id: 1 }).toArray();
    return pageOf(rows, { page: Number(page), pageSize: 2 });
  }

  @Get(':id')
  @Public()
  @CachedRead('probe')
  async get(@Param('id') id: string) {
    counted(`get:${id}`);
    const note = await this.notes().findOne({ _id: id });
    if (!note) throw new NotFoundException();
    return note;
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

/**
 * The portal's read cache (ADR 0018) on a real app over the real FerretDB: an anonymous read is
 * answered from memory until this process writes the owner's read models or the answer's age runs
 * out; credentials always read; concurrent misses share one read; failures are never kept.
 */
describe('read cache of public reads (real app, real FerretDB)', () => {
  const env = isolatedEnv({ READ_CACHE_MAX_AGE_MS: '60000' });
  let app: INestApplication;
  let outside: MongoClient;
  let writes: ReturnType<ReadModelConnections['get']>;
  const db = `${env.MONGODB_DB_PREFIX}-probe`;

  beforeAll(async () => {
    ({ app } = await createApp({ shape: 'standalone', title: 'read cache test', modules: () => [NotesModule] }, env));
    await app.init();
    writes = await app.get(ReadModelConnections).ready('probe');
    await writes.collection('notes').insertMany([
      { _id: 'a', text: '一' },
      { _id: 'b', text: '二' },
      { _id: 'c', text: '三' },
    ] as never[]);
    outside = await new MongoClient(env.MONGODB_URL).connect();
  }, 60000);
  afterAll(async () => {
    await outside?.db(db).dropDatabase();
    await outside?.close();
    await app?.close();
    await removeIsolatedEnv(env);
  });
  beforeEach(() => reads.clear());

  const get = (path: string) => request(app.getHttpServer()).get(path);

  it('answers a repeated anonymous read from memory, with the headers the route set, until this process writes', async () => {
    const first = await get('/api/test/notes?page=1').expect(200);
    expect(first.body).toEqual([
      { _id: 'a', text: '一' },
      { _id: 'b', text: '二' },
    ]);
    expect(first.headers['x-total-count']).toBe('3');
    // A write this process does not see (another process) is not noticed while the answer is young…
    await outside
      .db(db)
      .collection('notes')
      .updateOne({ _id: 'a' as never }, { $set: { text: '外部修改' } });
    const second = await get('/api/test/notes?page=1').expect(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers['x-total-count']).toBe('3');
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect(second.headers['cache-control']).toBe('no-store');
    expect(reads.get('list')).toBe(1);
    // …but any write of this process to the owner's read models invalidates it at once.
    await writes.collection('notes').insertOne({ _id: 'd', text: '四' } as never);
    const third = await get('/api/test/notes?page=1').expect(200);
    expect(third.body[0]).toEqual({ _id: 'a', text: '外部修改' });
    expect(third.headers['x-total-count']).toBe('4');
    expect(reads.get('list')).toBe(2);
    // Another query string is another answer.
    const page2 = await get('/api/test/notes?page=2').expect(200);
    expect(page2.body.map((n: { _id: string }) => n._id)).toEqual(['c', 'd']);
  });

  it('always reads for a request with credentials', async () => {
    await get('/api/test/notes/b').expect(200);
    await outside
      .db(db)
      .collection('notes')
      .updateOne({ _id: 'b' as never }, { $set: { text: '已改' } });
    const token = await tokenFor('clerk', 'ANY-UNIT');
    const staff = await get('/api/test/notes/b').set('authorization', `Bearer ${token}`).expect(200);
    expect(staff.body.text).toBe('已改');
    expect((await get('/api/test/notes/b').expect(200)).body.text).toBe('二'); // the anonymous answer is still the cached one
    expect(reads.get('get:b')).toBe(2);
  });

  it('shares one read among concurrent misses of one URL', async () => {
    await writes.collection('notes').updateOne({ _id: 'c' as never }, { $set: { text: '三（新）' } });
    const answers = await Promise.all(Array.from({ length: 20 }, () => get('/api/test/notes/c')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.body.text))).toEqual(new Set(['三（新）']));
    expect(reads.get('get:c')).toBe(1);
  });

  it('never keeps a failure: each request for a missing note reads again', async () => {
    await get('/api/test/notes/zz').expect(404);
    await get('/api/test/notes/zz').expect(404);
    expect(reads.get('get:zz')).toBe(2);
  });
});

describe('read cache: an answer is trusted only for READ_CACHE_MAX_AGE_MS', () => {
  const env = isolatedEnv({ READ_CACHE_MAX_AGE_MS: '200' });
  let app: INestApplication;
  let outside: MongoClient;

  beforeAll(async () => {
    ({ app } = await createApp({ shape: 'standalone', title: 'read cache age test', modules: () => [NotesModule] }, env));
    await app.init();
    const writes = await app.get(ReadModelConnections).ready('probe');
    await writes.collection('notes').insertOne({ _id: 'a', text: '旧' } as never);
    outside = await new MongoClient(env.MONGODB_URL).connect();
  }, 60000);
  afterAll(async () => {
    await outside?.db(`${env.MONGODB_DB_PREFIX}-probe`).dropDatabase();
    await outside?.close();
    await app?.close();
    await removeIsolatedEnv(env);
  });

  it('shows another process’s write once the answer has aged out', async () => {
    expect((await request(app.getHttpServer()).get('/api/test/notes/a').expect(200)).body.text).toBe('旧');
    await outside
      .db(`${env.MONGODB_DB_PREFIX}-probe`)
      .collection('notes')
      .updateOne({ _id: 'a' as never }, { $set: { text: '新' } });
    await eventually(
      async () => ((await request(app.getHttpServer()).get('/api/test/notes/a')).body.text === '新' ? true : undefined),
      10000,
      'the aged answer to be read again',
    );
  });
});

describe('read cache off (READ_CACHE_MAX_AGE_MS=0)', () => {
  const env = isolatedEnv({ READ_CACHE_MAX_AGE_MS: '0' });
  let app: INestApplication;

  beforeAll(async () => {
    ({ app } = await createApp({ shape: 'standalone', title: 'read cache off test', modules: () => [NotesModule] }, env));
    await app.init();
    await (await app.get(ReadModelConnections).ready('probe')).collection('notes').insertOne({ _id: 'a', text: '一' } as never);
  }, 60000);
  afterAll(async () => {
    await (await app.get(ReadModelConnections).ready('probe')).dropDatabase();
    await app?.close();
    await removeIsolatedEnv(env);
  });

  it('reads the read model for every request', async () => {
    reads.clear();
    for (let i = 0; i < 3; i += 1) await request(app.getHttpServer()).get('/api/test/notes/a').expect(200);
    expect(reads.get('get:a')).toBe(3);
  });
});
