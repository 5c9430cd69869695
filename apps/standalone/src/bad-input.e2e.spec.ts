import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, EVENT_STORE, type EventStore } from '@gongkai/platform';
import { isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { standaloneApp } from '@gongkai/shapes';

/** Every refusal answers problem+json with a stable code and a Chinese detail, and writes nothing. */
describe('bad input at the HTTP edge', () => {
  let app: INestApplication;
  let store: EventStore;
  let district: string;

  beforeAll(async () => {
    ({ app } = await createApp(standaloneApp, isolatedEnv()));
    await app.init();
    store = app.get(EVENT_STORE);
    district = await tokenFor('district_office');
    await request(app.getHttpServer())
      .post('/api/catalogue/units')
      .set('Authorization', `Bearer ${district}`)
      .send({ unitId: 'TEZ-YQ', name: '运河街道', level: '乡级', kind: 'subdistrict' })
      .expect(201);
  });
  afterAll(() => app.close());

  const expectProblem = (response: request.Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, code, detail: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  };

  async function expectNothingWritten(send: () => Promise<request.Response>, status: number, code: string) {
    const before = await store.headPosition();
    const response = await send();
    expectProblem(response, status, code);
    expect(await store.headPosition()).toBe(before);
    return response;
  }

  const post = (path: string, token: string | null) => {
    const call = request(app.getHttpServer()).post(path);
    return token ? call.set('Authorization', `Bearer ${token}`) : call;
  };

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    await expectNothingWritten(
      () => post('/api/catalogue/units', district).set('Content-Type', 'application/json').send('{"unitId": "TEZ-A", "name": '),
      400,
      'MALFORMED_JSON',
    );
  });

  it('a wrong type → 400 VALIDATION_FAILED naming the field', async () => {
    const response = await expectNothingWritten(
      () => post('/api/catalogue/units', district).send({ unitId: 'TEZ-B', name: 42, level: '乡级', kind: 'town' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'name', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })]);
  });

  it('a missing field → 400 naming it as required', async () => {
    const response = await expectNothingWritten(
      () => post('/api/catalogue/units', district).send({ unitId: 'TEZ-C', name: '某镇', kind: 'town' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(response.body.errors).toEqual([{ field: 'level', code: 'required', message: '必填项，不能为空' }]);
  });

  it('an unknown unit → 404 UNIT_NOT_FOUND', async () => {
    await expectNothingWritten(
      () =>
        request(app.getHttpServer())
          .put('/api/catalogue/units/TEZ-NOWHERE/openness-office')
          .set('Authorization', `Bearer ${district}`)
          .send({ office: '办公室', officerName: '张三' }),
      404,
      'UNIT_NOT_FOUND',
    );
  });

  it('an expired token → 401 TOKEN_EXPIRED', async () => {
    const expired = await tokenFor('district_office', null, '-1m');
    await expectNothingWritten(
      () => post('/api/catalogue/units', expired).send({ unitId: 'TEZ-D', name: '某镇', level: '乡级', kind: 'town' }),
      401,
      'TOKEN_EXPIRED',
    );
  });

  it('no token on a staff route → 401', async () => {
    await expectNothingWritten(() => post('/api/catalogue/units', null).send({}), 401, 'UNAUTHENTICATED');
  });

  it('a clerk acting for another unit → 403 OTHER_UNIT', async () => {
    const clerkOfAnotherTown = await tokenFor('clerk', 'TEZ-JTJ');
    await expectNothingWritten(
      () =>
        request(app.getHttpServer())
          .put('/api/catalogue/units/TEZ-YQ/openness-office')
          .set('Authorization', `Bearer ${clerkOfAnotherTown}`)
          .send({ office: '党政办', officerName: '李四' }),
      403,
      'OTHER_UNIT',
    );
  });

  it('a clerk registering units (a district-office task) → 403 ROLE_NOT_ALLOWED', async () => {
    const clerk = await tokenFor('clerk', 'TEZ-YQ');
    await expectNothingWritten(
      () => post('/api/catalogue/units', clerk).send({ unitId: 'TEZ-E', name: '某镇', level: '乡级', kind: 'town' }),
      403,
      'ROLE_NOT_ALLOWED',
    );
  });

  it('an auditor cannot write anything → 403 READ_ONLY_ROLE', async () => {
    const auditor = await tokenFor('auditor');
    await expectNothingWritten(
      () => post('/api/catalogue/units', auditor).send({ unitId: 'TEZ-F', name: '某镇', level: '乡级', kind: 'town' }),
      403,
      'READ_ONLY_ROLE',
    );
  });

  it('a duplicate registration → 409, and a stale If-Match → 409', async () => {
    await expectNothingWritten(
      () => post('/api/catalogue/units', district).send({ unitId: 'TEZ-YQ', name: '运河街道', level: '乡级', kind: 'subdistrict' }),
      409,
      'UNIT_ALREADY_REGISTERED',
    );
    await expectNothingWritten(
      () =>
        request(app.getHttpServer())
          .put('/api/catalogue/units/TEZ-YQ/openness-office')
          .set('Authorization', `Bearer ${district}`)
          .set('If-Match', '"7"')
          .send({ office: '党政办', officerName: '李四' }),
      409,
      'WRONG_EXPECTED_REVISION',
    );
  });

  it('the own unit clerk succeeds with the right If-Match and gets the next ETag', async () => {
    const clerk = await tokenFor('clerk', 'TEZ-YQ');
    const response = await request(app.getHttpServer())
      .put('/api/catalogue/units/TEZ-YQ/openness-office')
      .set('Authorization', `Bearer ${clerk}`)
      .set('If-Match', '"0"')
      .send({ office: '党政办', officerName: '李四' })
      .expect(200);
    expect(response.headers.etag).toBe('"1"');
  });
});
