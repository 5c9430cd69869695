import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { topicOf, type EventEnvelope } from '@gongkai/contracts';
import {
  CommandHandler,
  createApp,
  EVENT_BUS,
  EVENT_STORE,
  GONGKAI_CONFIG,
  PublicSubmissionLimiter,
  ReadModelConnections,
  verifyStore,
  type EventBus,
  type EventStore,
  type GongkaiConfig,
} from '@gongkai/platform';
import { eventually, isolatedEnv, newEvent, tokenFor } from '@gongkai/platform/testing';
import { addCalendarDays, defaultWorkingDayCalendar, toShanghaiDate } from '@gongkai/working-days';
import { consultationStreamId } from '../domain/consultation';
import { consultationDecider } from '../domain/consultation.decide';
import { openDayStreamId } from '../domain/open-day';
import { InterpretationModule } from '../interpretation.module';
import { PersonalDataStore } from '../application/personal-data';
import { PersonalDataAccess, RETENTION_REASON } from '../application/personal-data-access';
import { ERASED_COMMENTER } from '../read-models/consultations.projection';
import { SEALED_PERSONAL_DATA } from '../read-models/personal-data.projection';

const NAME = '王小明';
const PHONE = '13812345678';
const REGISTRANT = '欧阳娜娜';
const REGISTRANT_PHONE = '13900009999';
const PERSONAL = new RegExp([NAME, PHONE, REGISTRANT, REGISTRANT_PHONE, '赵老六', '13700001111'].join('|'));

const TOKEN = expect.stringMatching(/^enc:v1:/);

/**
 * 个人信息保护 over HTTP: commenters' and registrants' names and contacts are sealed in the events
 * (crypto-shredding, one key per comment or registration): ciphertext only in the event store, on the
 * Kafka topic and in the read model; readable by the owning unit's staff only; erased by deleting the
 * key, while the events stay valid and the views keep working.
 */
describe('personal data of comments and open-day registrations over HTTP', () => {
  let app: INestApplication;
  let store: EventStore;
  let server: ReturnType<INestApplication['getHttpServer']>;
  let clerk: string;
  let otherClerk: string;
  const kafka: EventEnvelope[] = [];
  const today = toShanghaiDate(new Date());
  const heldOn = addCalendarDays(today, 20);
  let commentId: string;
  let commentRef: string;
  let registrationRef: string;

  beforeAll(async () => {
    const env = isolatedEnv();
    ({ app } = await createApp(
      { shape: 'interpretation', title: 'interpretation personal data test', modules: () => [InterpretationModule] },
      env,
    ));
    await app.init();
    store = app.get(EVENT_STORE);
    server = app.getHttpServer();
    const config = app.get<GongkaiConfig>(GONGKAI_CONFIG);
    // What every service of the cluster receives: the topic, read by a consumer group of our own.
    await app.get<EventBus>(EVENT_BUS).subscribe({
      groupId: `${config.KAFKA_TOPIC_PREFIX}.personal-data-spy`,
      topics: [topicOf('interpretation', config.KAFKA_TOPIC_PREFIX)],
      onMessage: async (message) => {
        kafka.push((typeof message.value === 'string' ? JSON.parse(message.value) : message.value) as EventEnvelope);
      },
    });
    clerk = await tokenFor('clerk', 'TEZ-HOUSING');
    otherClerk = await tokenFor('clerk', 'TEZ-EDU');
    await request(server)
      .post('/api/interpretation/consultations')
      .set('Authorization', `Bearer ${clerk}`)
      .send({
        consultationId: 'K-PD',
        unitId: 'TEZ-HOUSING',
        title: '老旧小区改造方案（草案）',
        draft: '拟改造……',
        kind: 'other',
        opensOn: today,
        closesOn: addCalendarDays(today, 10),
      })
      .expect(201);
    await request(server)
      .post('/api/interpretation/open-days')
      .set('Authorization', `Bearer ${clerk}`)
      .send({ openDayId: 'OD-PD', unitId: 'TEZ-HOUSING', title: '走进住建局', description: '参观政务服务大厅', heldOn, capacity: 5 })
      .expect(201);
    // A v1 comment and a v1 registration, as recorded before v2 (name and contact inside): never rewritten.
    const v1 = (type: string, data: Record<string, unknown>) => ({
      ...newEvent(type, data),
      actor: { userId: 'anonymous', unitId: null, role: 'public' as const },
    });
    const [k, o] = [await store.readStream(consultationStreamId('K-PD')), await store.readStream(openDayStreamId('OD-PD'))];
    await store.append(
      consultationStreamId('K-PD'),
      [
        v1('interpretation.CommentSubmitted', {
          consultationId: 'K-PD',
          commentId: 'legacy-1',
          content: '老意见，电话13700001111',
          commenterName: '赵老六',
          contact: '13700001111',
          submittedOn: today,
        }),
      ],
      k.length - 1,
    );
    await store.append(
      openDayStreamId('OD-PD'),
      [
        v1('interpretation.OpenDayRegistrationAccepted', {
          openDayId: 'OD-PD',
          registrationId: 'legacy-r',
          name: '赵老六',
          contact: '13700001111',
          registeredOn: today,
        }),
      ],
      o.length - 1,
    );
  }, 60000);
  afterAll(() => app.close());
  beforeEach(() => app.get(PublicSubmissionLimiter).reset());

  it('stores a comment with a masked name, a contact digest and the person sealed: no name, no contact, in the store or on Kafka', async () => {
    const response = await request(server)
      .post('/api/interpretation/consultations/K-PD/comments')
      .send({ content: `建议增加路灯，可电话${PHONE}联系`, commenterName: NAME, contact: PHONE })
      .expect(201);
    commentId = response.body.commentId;
    const stored = (await store.readStream(consultationStreamId('K-PD'))).find((e) => e.data.commentId === commentId)!;
    expect(stored).toMatchObject({ type: 'interpretation.CommentSubmitted', schemaVersion: 3 });
    expect(stored.data).toEqual({
      consultationId: 'K-PD',
      unitId: 'TEZ-HOUSING',
      commentId,
      content: '建议增加路灯，可电话138****5678联系',
      displayName: '王**',
      contactDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      personalDataRef: expect.any(String),
      commenterName: TOKEN,
      contact: TOKEN,
      originalContent: TOKEN,
      submittedOn: today,
    });
    expect(JSON.stringify(stored)).not.toMatch(new RegExp(`${NAME}|${PHONE}`));
    commentRef = stored.data.personalDataRef as string;
    const published = await eventually(async () => kafka.find((e) => e.data.commentId === commentId), 30000, 'the comment on Kafka');
    expect(published).toMatchObject({ eventId: stored.eventId, schemaVersion: 3, data: stored.data });
    expect(JSON.stringify(published)).not.toMatch(new RegExp(`${NAME}|${PHONE}`));
  });

  it('stores a registration the same way; the same contact written differently is answered as a first registration, recording nothing', async () => {
    const response = await request(server)
      .post('/api/interpretation/open-days/OD-PD/registrations')
      .send({ name: REGISTRANT, contact: REGISTRANT_PHONE })
      .expect(201);
    const stored = (await store.readStream(openDayStreamId('OD-PD'))).find((e) => e.data.registrationId === response.body.registrationId)!;
    expect(stored).toMatchObject({
      schemaVersion: 3,
      data: {
        displayName: '欧***',
        contactDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
        personalDataRef: expect.any(String),
        name: TOKEN,
        contact: TOKEN,
      },
    });
    expect(JSON.stringify(stored)).not.toMatch(new RegExp(`${REGISTRANT}|${REGISTRANT_PHONE}`));
    registrationRef = stored.data.personalDataRef as string;
    const before = await store.headPosition();
    const duplicate = await request(server)
      .post('/api/interpretation/open-days/OD-PD/registrations')
      .send({ name: '欧阳', contact: '+86 139-0000-9999' });
    // Issue 16.7: the answer does not tell whether this contact signed up (no "already registered").
    const shape = (r: request.Response) => ({
      status: r.status,
      type: r.headers['content-type'],
      etag: r.headers['etag'] === undefined ? 'none' : 'an entity tag of the body', // Express's, of the body
      keys: Object.keys(r.body),
      openDayId: r.body.openDayId,
      registrationId: /^[0-9a-f-]{36}$/.test(r.body.registrationId),
    });
    expect(shape(duplicate)).toEqual(shape(response));
    expect(duplicate.body.registrationId).not.toBe(response.body.registrationId);
    expect(await store.headPosition()).toBe(before);
    const published = await eventually(
      async () => kafka.find((e) => e.data.registrationId === response.body.registrationId),
      30000,
      'the registration on Kafka',
    );
    expect(JSON.stringify(published)).not.toMatch(new RegExp(`${REGISTRANT}|${REGISTRANT_PHONE}`));
    // The duplicate left no personal data behind and is not counted: only the accepted registrant is listed.
    const registrants = await eventually(
      async () => {
        const body = (await request(server).get('/api/interpretation/open-days/OD-PD/registrants').set('Authorization', `Bearer ${clerk}`))
          .body;
        return Array.isArray(body) && body.length > 0 ? body : undefined;
      },
      30000,
      'the registrant in the read model',
    );
    expect(registrants.map((r: { name: string }) => r.name)).toEqual([REGISTRANT]);
  });

  it('lets the owning unit’s staff read the personal data, and nobody else', async () => {
    const read = (token: string | null, ref = commentRef) => {
      const call = request(server).get(`/api/interpretation/personal-data/${ref}`);
      return token ? call.set('Authorization', `Bearer ${token}`) : call;
    };
    await eventually(async () => ((await read(clerk)).status === 200 ? true : undefined), 30000, 'the comment’s person in the read model');
    expect((await read(clerk).expect(200)).body).toMatchObject({
      refId: commentRef,
      kind: 'comment',
      unitId: 'TEZ-HOUSING',
      subjectId: 'K-PD',
      recordId: commentId,
      name: NAME,
      contact: PHONE,
      originalContent: `建议增加路灯，可电话${PHONE}联系`,
    });
    expect((await read(clerk, registrationRef).expect(200)).body).toMatchObject({
      kind: 'open_day_registration',
      name: REGISTRANT,
      contact: REGISTRANT_PHONE,
    });
    const other = await read(otherClerk);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('OTHER_UNIT');
    expect((await read(await tokenFor('district_office'))).status).toBe(403);
    expect((await read(await tokenFor('auditor'))).status).toBe(403);
    await read(null).expect(401);
    expect(
      (await request(server).get('/api/interpretation/open-days/OD-PD/registrants').set('Authorization', `Bearer ${otherClerk}`)).status,
    ).toBe(403);
  });

  it('keeps the names and contacts sealed in the read model too (the event’s ciphertext); a legacy v2 document written in clear is sealed on start', async () => {
    const connections = app.get(ReadModelConnections);
    const sealed = connections.get('interpretation').collection(SEALED_PERSONAL_DATA);
    expect(await sealed.findOne({ _id: commentRef as never })).toMatchObject({
      name: TOKEN,
      contact: TOKEN,
      originalContent: TOKEN,
      kind: 'comment',
      unitId: 'TEZ-HOUSING',
      erasedOn: null,
    });
    expect(JSON.stringify(await sealed.find({}).toArray())).not.toMatch(PERSONAL);
    // Nothing writes the legacy collection any more.
    const documents = connections.get('interpretation').collection('personal_data');
    expect(await documents.countDocuments({})).toBe(0);
    const keys = connections.get('platform').collection('personal_data_keys');
    expect(await keys.findOne({ _id: `interpretation.commenter/${commentRef}` as never })).toMatchObject({ wrapped: expect.any(String) });
    expect(await keys.findOne({ _id: `interpretation.registrant/${registrationRef}` as never })).toMatchObject({
      wrapped: expect.any(String),
    });

    // A v2 document written in clear by the earlier code is sealed by `rekeyPlaintext` (run on every start) and reads as before.
    await documents.insertOne({
      _id: 'legacy-doc' as never,
      kind: 'open_day_registration',
      unitId: 'TEZ-HOUSING',
      subjectId: 'OD-PD',
      recordId: 'legacy-doc-r',
      name: '孙旧旧',
      contact: '13500005555',
      createdAt: new Date().toISOString(),
    });
    expect(await app.get(PersonalDataStore).rekeyPlaintext()).toBe(1);
    expect(await app.get(PersonalDataStore).rekeyPlaintext()).toBe(0);
    expect(JSON.stringify(await documents.findOne({ _id: 'legacy-doc' as never }))).not.toMatch(/孙旧旧|13500005555/);
    const read = await request(server)
      .get('/api/interpretation/personal-data/legacy-doc')
      .set('Authorization', `Bearer ${clerk}`)
      .expect(200);
    expect(read.body).toMatchObject({ name: '孙旧旧', contact: '13500005555' });
    expect(await app.get(PersonalDataStore).erase({ kind: 'open_day_registration', refId: 'legacy-doc' })).toBe(true);
    expect(await documents.countDocuments({})).toBe(0);
    expect(await keys.findOne({ _id: 'interpretation.registrant/legacy-doc' as never })).toMatchObject({ shreddedAt: expect.any(Date) });
    expect(await keys.findOne({ _id: 'interpretation.registrant/legacy-doc' as never })).not.toHaveProperty('wrapped');
  });

  it('shows staff and the portal masked names only, v1 events included (upcast on read)', async () => {
    const comments = await eventually(
      async () => {
        const body = (await request(server).get('/api/interpretation/consultations/K-PD/comments').set('Authorization', `Bearer ${clerk}`))
          .body;
        return Array.isArray(body) && body.length === 2 ? body : undefined;
      },
      30000,
      'both comments',
    );
    expect(comments).toEqual([
      expect.objectContaining({ commentId: 'legacy-1', commenter: '赵**', personalDataRef: null, content: '老意见，电话137****1111' }),
      expect.objectContaining({ commentId, commenter: '王**', personalDataRef: commentRef }),
    ]);
    expect(JSON.stringify(comments)).not.toMatch(PERSONAL);
    // On Kafka the v1 events stay as written (the relay publishes the hash-chained record); consumers upcast them.
    const legacy = await eventually(async () => kafka.find((e) => e.data.commentId === 'legacy-1'), 30000, 'the v1 comment on Kafka');
    expect(legacy.schemaVersion).toBe(1);
  });

  const erase = (ref: string, token: string, body?: object) => {
    const call = request(server).delete(`/api/interpretation/personal-data/${ref}`).set('Authorization', `Bearer ${token}`);
    return body === undefined ? call : call.send(body);
  };
  const erasures = async () => (await store.readAll()).filter((e) => e.type === 'interpretation.PersonalDataErased');

  it('refuses an erasure without a reason (400) or by another unit’s clerk (403): nothing erased, nothing recorded', async () => {
    const before = await store.headPosition();
    for (const body of [undefined, {}, { reason: ' 删 ' }, { reason: 42 }]) {
      const refused = await erase(commentRef, clerk, body);
      expect([JSON.stringify(body), refused.status]).toEqual([JSON.stringify(body), 400]);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ field: 'reason', message: expect.stringMatching(/[\u4e00-\u9fa5]/) }),
      ]);
    }
    const other = await erase(commentRef, otherClerk, { reason: '提出人要求删除' });
    expect(other.status).toBe(403);
    expect((await erase(commentRef, await tokenFor('auditor'), { reason: '提出人要求删除' })).status).toBe(403);
    expect(await store.headPosition()).toBe(before);
    await request(server).get(`/api/interpretation/personal-data/${commentRef}`).set('Authorization', `Bearer ${clerk}`).expect(200);
  });

  it('erases on request of the owning unit or the district office, recorded as an event first; events stay valid and the views keep working', async () => {
    // Answered as every command is: with the revision of the stream written (opened, two comments, erased = 3; announced, two registrations, erased = 3).
    const erased = await erase(commentRef, clerk, { reason: '  提出人来电要求删除其联系方式  ' }).expect(200);
    expect([erased.body, erased.headers.etag]).toEqual([{ refId: commentRef, erasedOn: today, revision: 3 }, '"3"']);
    const office = await tokenFor('district_office');
    expect((await erase(registrationRef, office, { reason: '报名者撤回同意' }).expect(200)).body).toEqual({
      refId: registrationRef,
      erasedOn: today,
      revision: 3,
    });

    // The audit record: who, which unit, when, on what ground, why; no name, no contact.
    const [commentErased] = (await store.readStream(consultationStreamId('K-PD'))).filter(
      (e) => e.type === 'interpretation.PersonalDataErased',
    );
    expect(commentErased).toMatchObject({
      schemaVersion: 1,
      actor: { userId: 'clerk-TEZ-HOUSING', unitId: 'TEZ-HOUSING', role: 'clerk' },
      data: {
        refId: commentRef,
        kind: 'comment',
        unitId: 'TEZ-HOUSING',
        subjectId: 'K-PD',
        recordId: commentId,
        legalBasis: expect.stringContaining('个人信息保护法'),
        reason: '提出人来电要求删除其联系方式',
        erasedOn: today,
      },
    });
    expect(Object.keys(commentErased.data).sort()).toEqual([
      'erasedOn',
      'ground',
      'kind',
      'legalBasis',
      'reason',
      'recordId',
      'refId',
      'subjectId',
      'unitId',
    ]);
    const [registrationErased] = (await store.readStream(openDayStreamId('OD-PD'))).filter(
      (e) => e.type === 'interpretation.PersonalDataErased',
    );
    expect(registrationErased).toMatchObject({
      actor: { role: 'district_office' },
      data: { refId: registrationRef, kind: 'open_day_registration', unitId: 'TEZ-HOUSING', subjectId: 'OD-PD', reason: '报名者撤回同意' },
    });
    expect(JSON.stringify([commentErased, registrationErased])).not.toMatch(PERSONAL);
    const published = await eventually(async () => kafka.find((e) => e.eventId === commentErased.eventId), 30000, 'the erasure on Kafka');
    expect(JSON.stringify(published)).not.toMatch(PERSONAL);

    // Their subjects' keys are gone (the ciphertext in the store, on Kafka and in the read model reads 已删除 for everyone).
    const keys = app.get(ReadModelConnections).get('platform').collection('personal_data_keys');
    for (const subject of [`interpretation.commenter/${commentRef}`, `interpretation.registrant/${registrationRef}`]) {
      const tombstone = await keys.findOne({ _id: subject as never });
      expect([subject, tombstone?.shreddedAt instanceof Date, tombstone && 'wrapped' in tombstone]).toEqual([subject, true, false]);
    }
    // A second erasure finds nothing and records nothing.
    await eventually(
      async () => {
        const body = (await request(server).get(`/api/interpretation/personal-data/${commentRef}`).set('Authorization', `Bearer ${clerk}`))
          .body;
        return body.code === 'PERSONAL_DATA_NOT_FOUND' ? true : undefined;
      },
      30000,
      'the erasure in the read model',
    );
    const row = await app
      .get(ReadModelConnections)
      .get('interpretation')
      .collection(SEALED_PERSONAL_DATA)
      .findOne({ _id: commentRef as never });
    expect(row).toMatchObject({ erasedOn: today, name: null, contact: null, originalContent: null });
    const before = await store.headPosition();
    const again = await erase(commentRef, clerk, { reason: '再次删除' });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('PERSONAL_DATA_NOT_FOUND');
    expect(await store.headPosition()).toBe(before);
    await eventually(
      async () => {
        const body = (await request(server).get('/api/interpretation/open-days/OD-PD/registrants').set('Authorization', `Bearer ${clerk}`))
          .body;
        return Array.isArray(body) && body.length === 0 ? true : undefined;
      },
      30000,
      'no registrant left',
    );

    // The audit record is intact and the views still work, with the erasure shown and masked data only.
    expect((await verifyStore(store)).firstBreak).toBeNull();
    const staff = await eventually(
      async () => {
        const body = (await request(server).get('/api/interpretation/consultations/K-PD/comments').set('Authorization', `Bearer ${clerk}`))
          .body;
        const erasedComment = Array.isArray(body) ? body.find((c: { commentId: string }) => c.commentId === commentId) : undefined;
        return erasedComment?.personalDataRef === null ? erasedComment : undefined;
      },
      30000,
      'the erasure in the staff view',
    );
    expect(staff).toMatchObject({ commenter: ERASED_COMMENTER, personalDataRef: null, content: '建议增加路灯，可电话138****5678联系' });
    // The consultation's view (whose document the staff list is read from) reflects the erasure's revision.
    const consultation = await request(server).get('/api/interpretation/consultations/K-PD').expect(200);
    expect([consultation.body.revision, consultation.headers.etag]).toEqual([3, '"3"']);
    await request(server)
      .post(`/api/interpretation/consultations/K-PD/comments/${commentId}/moderation`)
      .set('Authorization', `Bearer ${clerk}`)
      .send({ decision: 'approved' })
      .expect(200);
    const shown = await eventually(
      async () => {
        const body = (await request(server).get('/api/interpretation/consultations/K-PD')).body;
        return body.comments?.length ? body.comments : undefined;
      },
      30000,
      'the approved comment on the portal',
    );
    expect(shown).toEqual([{ commentId, commenter: ERASED_COMMENTER, content: '建议增加路灯，可电话138****5678联系', submittedOn: today }]);
    const dayResponse = await request(server).get('/api/interpretation/open-days/OD-PD').expect(200);
    const day = dayResponse.body;
    expect(day).toMatchObject({ openDayId: 'OD-PD', registered: 2, remaining: 3 });
    // The stream revision the view reflects, as body and ETag: announced, two registrations = 2 (the erasure,
    // revision 3, is no part of this view). Its status also follows the date: not to be cached.
    expect([day.revision, dayResponse.headers.etag, dayResponse.headers['cache-control']]).toEqual([2, '"2"', 'no-store']);
    expect(JSON.stringify(day)).not.toMatch(PERSONAL);
    // A new registration with the erased registrant's contact is still a duplicate (the digest is in the event):
    // answered as a first registration, recording nothing.
    const head = await store.headPosition();
    expect(
      (
        await request(server)
          .post('/api/interpretation/open-days/OD-PD/registrations')
          .send({ name: REGISTRANT, contact: REGISTRANT_PHONE })
      ).status,
    ).toBe(201);
    expect(await store.headPosition()).toBe(head);
    expect((await request(server).get('/api/interpretation/open-days/OD-PD').expect(200)).body).toMatchObject({ registered: 2 });
  });

  it('finishes an erasure recorded before a crash: the key is deleted, no second event', async () => {
    const response = await request(server)
      .post('/api/interpretation/consultations/K-PD/comments')
      .send({ content: '建议延长公示时间', commenterName: '钱七', contact: '13600006666' })
      .expect(201);
    const ref = (await store.readStream(consultationStreamId('K-PD'))).find((e) => e.data.commentId === response.body.commentId)!.data
      .personalDataRef as string;
    // The event appended, then the process died before deleting the document.
    await app.get(CommandHandler).handle(
      consultationDecider(defaultWorkingDayCalendar()),
      consultationStreamId('K-PD'),
      { type: 'ErasePersonalData', refId: ref, recordId: response.body.commentId, reason: '提出人要求删除', today },
      {
        actor: { userId: 'clerk-TEZ-HOUSING', unitId: 'TEZ-HOUSING', role: 'clerk' },
        correlationId: 'crash-test',
        now: new Date().toISOString(),
      },
    );
    const keys = app.get(ReadModelConnections).get('platform').collection('personal_data_keys');
    expect(await keys.findOne({ _id: `interpretation.commenter/${ref}` as never })).toMatchObject({ wrapped: expect.any(String) });
    const before = (await erasures()).length;
    expect((await erase(ref, clerk, { reason: '完成删除' }).expect(200)).body).toEqual({ refId: ref, erasedOn: today });
    expect((await erasures()).length).toBe(before);
    expect((await erasures()).filter((e) => e.data.refId === ref)).toHaveLength(1);
    expect(await keys.findOne({ _id: `interpretation.commenter/${ref}` as never })).not.toHaveProperty('wrapped');
    await eventually(
      async () =>
        (await request(server).get(`/api/interpretation/personal-data/${ref}`).set('Authorization', `Bearer ${clerk}`)).status === 404
          ? true
          : undefined,
      30000,
      'the erasure in the read model',
    );
  });

  it('retention: with the clock past the period the job erases exactly the expired people, recorded with the ground; a restored key is deleted again', async () => {
    const access = app.get(PersonalDataAccess);
    const comment = await request(server)
      .post('/api/interpretation/consultations/K-PD/comments')
      .send({ content: '建议公开进度', commenterName: '孙八', contact: '13500008888' })
      .expect(201);
    await request(server)
      .post('/api/interpretation/open-days/OD-PD/registrations')
      .send({ name: '周九', contact: '13500009999' })
      .expect(201);
    const refOf = async (stream: string, field: string, id: string) =>
      (await store.readStream(stream)).find((e) => e.data[field] === id)?.data.personalDataRef as string;
    const commentRef = await refOf(consultationStreamId('K-PD'), 'commentId', comment.body.commentId);
    const rows = app.get(ReadModelConnections).get('interpretation').collection(SEALED_PERSONAL_DATA);
    await eventually(
      async () => ((await rows.countDocuments({ erasedOn: null })) === 2 ? true : undefined),
      30000,
      'both people in the read model',
    );
    const days = 365; // INTERPRETATION_PERSONAL_DATA_RETENTION_DAYS's default
    const closesOn = addCalendarDays(today, 10);
    const endsOn = addCalendarDays(closesOn, days); // no adoption published: the period runs from the close
    const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

    // A meeting held today: its attendees' names are sealed in the event (one key per meeting) and erased together.
    await request(server)
      .post('/api/interpretation/meetings')
      .set('Authorization', `Bearer ${clerk}`)
      .send({
        meetingId: 'M-PD',
        unitId: 'TEZ-HOUSING',
        title: '住建局局务会议',
        heldOn: today,
        attendees: [
          { category: '群众代表', name: '吴十' },
          { category: '专家', name: '郑教授', organisation: '某大学' },
        ],
      })
      .expect(201);
    const [meeting] = await store.readStream('interpretation.meeting-M-PD');
    expect(meeting.data.attendees).toEqual([
      { category: '群众代表', name: TOKEN },
      { category: '专家', name: TOKEN, organisation: '某大学' },
    ]);
    // Another meeting's attendees erased on request, by its unit: recorded, then the key deleted; a second time, nothing.
    await request(server)
      .post('/api/interpretation/meetings')
      .set('Authorization', `Bearer ${clerk}`)
      .send({
        meetingId: 'M-REQ',
        unitId: 'TEZ-HOUSING',
        title: '住建局座谈会',
        heldOn: today,
        attendees: [{ category: '利益相关方', name: '冯十一' }],
      })
      .expect(201);
    expect((await erase('M-REQ', otherClerk, { reason: '列席人员要求删除' })).status).toBe(403);
    expect((await erase('M-REQ', clerk, { reason: '列席人员要求删除' }).expect(200)).body).toMatchObject({
      refId: 'M-REQ',
      erasedOn: today,
    });
    expect((await store.readStream('interpretation.meeting-M-REQ')).map((e) => [e.type, e.data.kind, e.data.ground])).toEqual([
      ['interpretation.MeetingAttendanceRecorded', undefined, undefined],
      ['interpretation.PersonalDataErased', 'meeting_attendance', 'request_by_person'],
    ]);
    const attendeeKey = await app
      .get(ReadModelConnections)
      .get('platform')
      .collection('personal_data_keys')
      .findOne({ _id: 'interpretation.attendee/M-REQ' as never });
    expect(attendeeKey).toMatchObject({ shreddedAt: expect.any(Date) });
    expect((await erase('M-REQ', clerk, { reason: '再次删除' })).status).toBe(404);

    const meetingEnds = addCalendarDays(today, days);
    expect(await access.eraseExpired(at(meetingEnds))).toEqual([]);
    expect(await access.eraseExpired(at(addCalendarDays(meetingEnds, 1)))).toEqual([
      { refId: 'M-PD', kind: 'meeting_attendance', erasedOn: addCalendarDays(meetingEnds, 1), retentionEndedOn: meetingEnds },
    ]);
    const keyStore = app.get(ReadModelConnections).get('platform').collection('personal_data_keys');
    expect(await keyStore.findOne({ _id: 'interpretation.attendee/M-PD' as never })).not.toHaveProperty('wrapped');
    expect((await store.readStream('interpretation.meeting-M-PD')).map((e) => [e.type, e.data.ground])).toEqual([
      ['interpretation.MeetingAttendanceRecorded', undefined],
      ['interpretation.PersonalDataErased', 'retention'],
    ]);

    expect(await access.eraseExpired(at(endsOn))).toEqual([]);
    const dayAfter = addCalendarDays(endsOn, 1);
    // The comment's period has run out; the open day's (held ten days after the close) has not.
    expect(await access.eraseExpired(at(dayAfter))).toEqual([
      { refId: commentRef, kind: 'comment', erasedOn: dayAfter, retentionEndedOn: endsOn },
    ]);
    const recorded = (await store.readStream(consultationStreamId('K-PD'))).filter(
      (e) => e.type === 'interpretation.PersonalDataErased' && e.data.refId === commentRef,
    );
    expect(recorded).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ role: 'system', userId: 'interpretation.personal-data-retention' }),
        data: expect.objectContaining({ ground: 'retention', retentionEndedOn: endsOn, erasedOn: dayAfter, reason: RETENTION_REASON }),
      }),
    ]);
    const keys = app.get(ReadModelConnections).get('platform').collection('personal_data_keys');
    expect(await keys.findOne({ _id: `interpretation.commenter/${commentRef}` as never })).not.toHaveProperty('wrapped');
    const registrants = (
      await request(server).get('/api/interpretation/open-days/OD-PD/registrants').set('Authorization', `Bearer ${clerk}`).expect(200)
    ).body;
    expect(registrants.map((r: { name: string }) => r.name)).toEqual(['周九']);
    await eventually(
      async () => ((await rows.countDocuments({ erasedOn: null })) === 1 ? true : undefined),
      30000,
      'the erasure in the read model',
    );
    expect(await access.eraseExpired(at(dayAfter))).toEqual([]);

    // A key-store backup from before the erasure, restored: the recorded erasure deletes the key again.
    const erasedKey = await keys.findOne({ _id: `interpretation.commenter/${commentRef}` as never });
    await keys.replaceOne({ _id: `interpretation.commenter/${commentRef}` as never }, {
      ...erasedKey,
      wrapped: 'restored',
      master: 'x',
    } as never);
    expect(await app.get(PersonalDataStore).shredRestoredKeys()).toEqual([`interpretation.commenter/${commentRef}`]);
    expect(await app.get(PersonalDataStore).shredRestoredKeys()).toEqual([]);
    expect((await verifyStore(store)).firstBreak).toBeNull();
  }, 60000);
});
