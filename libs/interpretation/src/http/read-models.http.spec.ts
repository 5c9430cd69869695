import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp, EVENT_STORE, PublicSubmissionLimiter, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, newEvent, tokenFor } from '@gongkai/platform/testing';
import { addCalendarDays, toShanghaiDate } from '@gongkai/working-days';
import { InterpretationModule } from '../interpretation.module';

/**
 * The interpretation read models over HTTP: village postings per town (lateness flagged to the
 * town), open days (list, counts per unit and year, detail) and participation catalogues, all
 * served from documents keyed by `_id`. Past facts are appended to the store as the decider would
 * have recorded them (the HTTP commands only ever record today).
 */
describe('interpretation read models over HTTP', () => {
  let app: INestApplication;
  let store: EventStore;
  let server: ReturnType<INestApplication['getHttpServer']>;
  const today = toShanghaiDate(new Date());
  const at = (date: string) => `${date}T02:00:00.000Z`; // 10:00 in Shanghai

  async function seed(streamId: string, events: { type: string; data: Record<string, unknown>; on: string; unitId: string }[]) {
    await store.append(
      streamId,
      events.map((e) => ({
        ...newEvent(e.type, e.data),
        occurredAt: at(e.on),
        actor: { userId: `clerk-${e.unitId}`, unitId: e.unitId, role: 'clerk' as const },
      })),
      -1,
    );
  }

  beforeAll(async () => {
    ({ app } = await createApp(
      { shape: 'interpretation', title: 'interpretation read models test', modules: () => [InterpretationModule] },
      isolatedEnv(),
    ));
    await app.init();
    store = app.get(EVENT_STORE);
    server = app.getHttpServer();
  }, 60000);
  afterAll(() => app.close());

  describe('village postings, flagged to the town', () => {
    const path = '/api/interpretation/towns/TEZ-ZSZ/village-postings';
    let townClerk: string;

    beforeAll(async () => {
      townClerk = await tokenFor('clerk', 'TEZ-ZSZ');
      const posting = (
        committeeId: string,
        postingId: string,
        category: string,
        period: string,
        postedOn: string,
        dueOn: string,
        daysLate: number,
      ) => ({
        type: 'interpretation.VillagePostingRecorded',
        on: postedOn,
        unitId: 'TEZ-ZSZ',
        data: {
          committeeId,
          townUnitId: 'TEZ-ZSZ',
          postingId,
          category,
          title: `${period} 公开`,
          period,
          postedOn,
          dueOn,
          late: daysLate > 0,
          daysLate,
        },
      });
      await seed('interpretation.village-V-HOUWA', [
        {
          type: 'interpretation.VillageCommitteeRegistered',
          on: '2026-01-05',
          unitId: 'TEZ-ZSZ',
          data: { committeeId: 'V-HOUWA', name: '后洼村', kind: 'village', townUnitId: 'TEZ-ZSZ', financesMonthly: true },
        },
        posting('V-HOUWA', 'p-fin-01', 'finances', '2026-01', '2026-02-05', '2026-02-10', 0),
        posting('V-HOUWA', 'p-ord-q1', 'ordinary', '2026-Q1', '2026-04-13', '2026-04-10', 3),
      ]);
      await seed('interpretation.village-C-DONGZHUANG', [
        {
          type: 'interpretation.VillageCommitteeRegistered',
          on: '2025-12-01',
          unitId: 'TEZ-ZSZ',
          data: { committeeId: 'C-DONGZHUANG', name: '东庄社区', kind: 'community', townUnitId: 'TEZ-ZSZ', financesMonthly: false },
        },
      ]);
      // Another town's committee stays in that town's document.
      await seed('interpretation.village-V-OTHER', [
        {
          type: 'interpretation.VillageCommitteeRegistered',
          on: '2026-01-05',
          unitId: 'TEZ-YXZ',
          data: { committeeId: 'V-OTHER', name: '西村', kind: 'village', townUnitId: 'TEZ-YXZ', financesMonthly: false },
        },
      ]);
    });

    it('lists the town’s committees with their schedules, last postings and overdue periods as of a date', async () => {
      const report = await eventually(
        async () => {
          const response = await request(server).get(`${path}?asOf=2026-04-14`).set('Authorization', `Bearer ${townClerk}`);
          return response.status === 200 &&
            response.body.committees.length === 2 &&
            response.body.committees.some((c: { postingCount: number }) => c.postingCount === 2)
            ? response.body
            : undefined;
        },
        30000,
        'the town document',
      );
      expect(report.totals).toEqual({ committees: 2, committeesWithOverdue: 2, overduePeriods: 6, pendingPeriods: 0, latePostings: 1 });
      const [dongzhuang, houwa] = report.committees;
      // Most overdue first: the community registered in December owes 2025-Q4 and 2026-Q1 of both categories.
      expect(dongzhuang).toMatchObject({
        committeeId: 'C-DONGZHUANG',
        registeredOn: '2025-12-01',
        postingCount: 0,
        lastPosting: { ordinary: null, finances: null, major: null },
      });
      expect(dongzhuang.schedule.ordinary).toMatchObject({
        frequency: 'quarterly',
        overdue: [
          { period: '2025-Q4', dueOn: '2026-01-10', daysOverdue: 94 },
          { period: '2026-Q1', dueOn: '2026-04-10', daysOverdue: 4 },
        ],
      });
      expect(dongzhuang.schedule.finances.frequency).toBe('quarterly');
      expect(houwa).toMatchObject({
        committeeId: 'V-HOUWA',
        name: '后洼村',
        financesMonthly: true,
        postingCount: 2,
        latePostingCount: 1,
        lastPosting: { ordinary: { period: '2026-Q1', late: true, daysLate: 3 } },
      });
      expect(houwa.schedule.ordinary.overdue).toEqual([]);
      expect(houwa.schedule.finances).toMatchObject({
        frequency: 'monthly',
        overdue: [
          { period: '2026-02', daysOverdue: 35 },
          { period: '2026-03', daysOverdue: 4 },
        ],
        current: { period: '2026-04', dueOn: '2026-05-10' },
      });
      expect(houwa.schedule.major).toEqual({ frequency: 'immediately', withinDays: 3 });
      expect(houwa).not.toHaveProperty('postedPeriods');
    });

    it('shows a period as pending within the grace period and as overdue the day after', async () => {
      const on = async (asOf: string) =>
        (await request(server).get(`${path}?asOf=${asOf}`).set('Authorization', `Bearer ${townClerk}`).expect(200)).body;
      const houwaOn = (body: {
        committees: { committeeId: string; schedule: { finances: { overdue: { period: string }[]; pending: { period: string }[] } } }[];
      }) => body.committees.find((c) => c.committeeId === 'V-HOUWA')!.schedule.finances;
      expect(houwaOn(await on('2026-04-10'))).toMatchObject({ overdue: [{ period: '2026-02' }], pending: [{ period: '2026-03' }] });
      expect(houwaOn(await on('2026-04-11')).overdue.map((p) => p.period)).toEqual(['2026-02', '2026-03']);
    });

    it('records a posting made through the API in the town document', async () => {
      await request(server)
        .post('/api/interpretation/villages')
        .set('Authorization', `Bearer ${townClerk}`)
        .send({ committeeId: 'V-NEW', name: '新村', kind: 'village', townUnitId: 'TEZ-ZSZ', financesMonthly: false })
        .expect(201);
      await request(server)
        .post('/api/interpretation/villages/V-NEW/postings')
        .set('Authorization', `Bearer ${townClerk}`)
        .send({ postingId: 'm-1', category: 'major', title: '土地征收补偿方案', period: today })
        .expect(200);
      const committee = await eventually(
        async () => {
          const body = (await request(server).get(path).set('Authorization', `Bearer ${townClerk}`)).body;
          const found = body.committees?.find(
            (c: { committeeId: string; postingCount: number }) => c.committeeId === 'V-NEW' && c.postingCount === 1,
          );
          return found ? { ...found, asOf: body.asOf } : undefined;
        },
        30000,
        'the new committee and its posting',
      );
      expect(committee).toMatchObject({
        asOf: today,
        registeredOn: today,
        lastPosting: { major: { postingId: 'm-1', late: false } },
        schedule: { overdueCount: 0 },
      });
    });

    it('is for the town’s staff, the district office and auditors only', async () => {
      const otherTown = await tokenFor('clerk', 'TEZ-YXZ');
      expect((await request(server).get(path).set('Authorization', `Bearer ${otherTown}`)).body).toMatchObject({ code: 'OTHER_UNIT' });
      await request(server).get(path).expect(401);
      await request(server)
        .get(path)
        .set('Authorization', `Bearer ${await tokenFor('district_office')}`)
        .expect(200);
      await request(server)
        .get(path)
        .set('Authorization', `Bearer ${await tokenFor('auditor')}`)
        .expect(200);
      const other = await eventually(async () => {
        const body = (
          await request(server)
            .get('/api/interpretation/towns/TEZ-YXZ/village-postings?asOf=2026-01-06')
            .set('Authorization', `Bearer ${otherTown}`)
        ).body;
        return body.committees?.length ? body : undefined;
      });
      expect(other.committees.map((c: { committeeId: string }) => c.committeeId)).toEqual(['V-OTHER']);
    });

    it('refuses an invalid date', async () => {
      const response = await request(server).get(`${path}?asOf=2026-13-01`).set('Authorization', `Bearer ${townClerk}`);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('open days', () => {
    const heldOn = addCalendarDays(today, 20);
    const upcomingYear = Number(heldOn.slice(0, 4));

    beforeAll(async () => {
      await seed('interpretation.open-day-OD-2025-SPRING', [
        {
          type: 'interpretation.OpenDayAnnounced',
          on: '2025-04-01',
          unitId: 'TEZ-EDU',
          data: {
            openDayId: 'OD-2025-SPRING',
            unitId: 'TEZ-EDU',
            title: '走进校园',
            description: '参观新建学校',
            heldOn: '2025-04-20',
            announcedOn: '2025-04-01',
            capacity: 40,
            noticeDays: 19,
            minimumNoticeDays: 15,
          },
        },
        {
          type: 'interpretation.OpenDayRegistrationAccepted',
          on: '2025-04-05',
          unitId: 'TEZ-EDU',
          data: { openDayId: 'OD-2025-SPRING', registrationId: 'r-1', name: '李四', contact: '13900001111', registeredOn: '2025-04-05' },
        },
        {
          type: 'interpretation.OpenDaySummaryPublished',
          on: '2025-04-22',
          unitId: 'TEZ-EDU',
          data: {
            openDayId: 'OD-2025-SPRING',
            unitId: 'TEZ-EDU',
            heldOn: '2025-04-20',
            year: 2025,
            summary: '三十名群众参观了新校区',
            attendance: 30,
            registrations: 1,
          },
        },
      ]);
      const clerk = await tokenFor('clerk', 'TEZ-EDU');
      await request(server)
        .post('/api/interpretation/open-days')
        .set('Authorization', `Bearer ${clerk}`)
        .send({ openDayId: 'OD-NEXT', unitId: 'TEZ-EDU', title: '走进食堂', description: '参观学校食堂', heldOn, capacity: 2 })
        .expect(201);
      app.get(PublicSubmissionLimiter).reset();
      await request(server)
        .post('/api/interpretation/open-days/OD-NEXT/registrations')
        .send({ name: '王五', contact: '13800002222' })
        .expect(201);
    });

    it('serves one open day from its read model, with the count of registrations and no personal data', async () => {
      const day = await eventually(
        async () => {
          const response = await request(server).get('/api/interpretation/open-days/OD-NEXT');
          return response.status === 200 && response.body.registered === 1 ? response.body : undefined;
        },
        30000,
        'the registration to be counted',
      );
      expect(day).toMatchObject({
        openDayId: 'OD-NEXT',
        heldOn,
        capacity: 2,
        registered: 1,
        remaining: 1,
        status: 'upcoming',
        summary: null,
      });
      expect(JSON.stringify(day)).not.toMatch(/王五|13800002222/);
      expect((await request(server).get('/api/interpretation/open-days/NOPE')).body).toMatchObject({ code: 'OPEN_DAY_NOT_FOUND' });
    });

    it('lists announced and past open days with their summaries, by unit and year (public)', async () => {
      const past = await eventually(
        async () => {
          const body = (await request(server).get('/api/interpretation/open-days?unitId=TEZ-EDU&year=2025')).body;
          return body[0]?.summary ? body : undefined;
        },
        30000,
        'the summarised open day',
      );
      expect(past).toHaveLength(1);
      expect(past[0]).toMatchObject({
        openDayId: 'OD-2025-SPRING',
        status: 'summarised',
        registered: 1,
        summary: { summary: '三十名群众参观了新校区', attendance: 30 },
      });
      expect(JSON.stringify(past)).not.toMatch(/李四|13900001111/);
      const all = (await request(server).get('/api/interpretation/open-days?unitId=TEZ-EDU')).body;
      expect(all.map((d: { openDayId: string; status: string }) => [d.openDayId, d.status])).toEqual([
        ['OD-NEXT', 'upcoming'],
        ['OD-2025-SPRING', 'summarised'],
      ]);
      expect(
        (await request(server).get(`/api/interpretation/open-days?year=${upcomingYear}`)).body.map(
          (d: { openDayId: string }) => d.openDayId,
        ),
      ).toContain('OD-NEXT');
      expect((await request(server).get('/api/interpretation/open-days?unitId=TEZ-CIVIL&year=2025')).body).toEqual([]);
      expect((await request(server).get('/api/interpretation/open-days?year=abc')).status).toBe(400);
    });

    it('counts each unit’s open days per year', async () => {
      const counts = await eventually(async () => {
        const body = (await request(server).get('/api/interpretation/open-days/statistics?unitId=TEZ-EDU&year=2025')).body;
        return body[0]?.summarised === 1 ? body : undefined;
      });
      expect(counts).toEqual([
        {
          unitId: 'TEZ-EDU',
          year: 2025,
          announced: 1,
          summarised: 1,
          attendance: 30,
          registrations: 1,
          openDays: [{ openDayId: 'OD-2025-SPRING', title: '走进校园', heldOn: '2025-04-20', summarised: true }],
        },
      ]);
      const byUnit = (await request(server).get('/api/interpretation/open-days/statistics?unitId=TEZ-EDU')).body;
      expect(byUnit.map((r: { year: number; announced: number; summarised: number }) => [r.year, r.announced, r.summarised])).toEqual(
        upcomingYear === 2025
          ? [[2025, 2, 1]]
          : [
              [upcomingYear, 1, 0],
              [2025, 1, 1],
            ],
      );
    });
  });

  describe('concerns', () => {
    it('serves a concern with the revision of its stream it reflects, as body and ETag, as its commands answer it', async () => {
      const office = await tokenFor('district_office');
      const housing = await tokenFor('clerk', 'TEZ-HOUSING');
      const post = (path: string, token: string, body: object) =>
        request(server).post(`/api/interpretation/concerns${path}`).set('Authorization', `Bearer ${token}`).send(body);
      await post('', office, {
        concernId: 'CN-HEATING',
        source: '12345热线',
        topic: '供暖温度不达标',
        summary: '部分小区室温低于18℃',
        severity: 'hot_issue',
      }).expect(201);
      await post('/CN-HEATING/assign', office, { unitId: 'TEZ-HOUSING' }).expect(200);
      const responded = await post('/CN-HEATING/responses', housing, {
        kind: 'response',
        content: '已督促供热企业排查整改。',
        channel: '政府网站',
      }).expect(200);
      // Registered, assigned, responded = revision 2.
      expect([responded.body.revision, responded.headers.etag]).toEqual([2, '"2"']);
      const detail = await eventually(
        async () => {
          const response = await request(server).get('/api/interpretation/concerns/CN-HEATING').set('Authorization', `Bearer ${housing}`);
          return response.body.responses?.length === 1 ? response : undefined;
        },
        30000,
        'the response in the read model',
      );
      expect(detail.body).toMatchObject({ concernId: 'CN-HEATING', unitId: 'TEZ-HOUSING' });
      expect([detail.body.revision, detail.headers.etag]).toEqual([2, '"2"']);
    });
  });

  describe('participation catalogues', () => {
    it('serves the latest published version from its read model', async () => {
      const clerk = await tokenFor('clerk', 'TEZ-HOUSING');
      const put = (decisionItem: string) =>
        request(server)
          .put('/api/interpretation/participation-catalogues/TEZ-HOUSING')
          .set('Authorization', `Bearer ${clerk}`)
          .send({ items: [{ decisionItem, methods: ['座谈会'], channels: ['政府网站'] }] })
          .expect(200);
      await put('老旧小区改造计划');
      const first = await eventually(async () => {
        const response = await request(server).get('/api/interpretation/participation-catalogues/TEZ-HOUSING');
        return response.status === 200 ? response.body : undefined;
      });
      expect(first).toMatchObject({
        unitId: 'TEZ-HOUSING',
        version: 1,
        items: [{ decisionItem: '老旧小区改造计划' }],
        publishedAt: expect.any(String),
      });
      await put('加装电梯补助办法');
      const second = await eventually(async () => {
        const body = (await request(server).get('/api/interpretation/participation-catalogues/TEZ-HOUSING')).body;
        return body.version === 2 ? body : undefined;
      });
      expect(second.items).toEqual([{ decisionItem: '加装电梯补助办法', methods: ['座谈会'], channels: ['政府网站'] }]);
      expect((await request(server).get('/api/interpretation/participation-catalogues/TEZ-NONE')).body).toMatchObject({
        code: 'PARTICIPATION_CATALOGUE_NOT_FOUND',
      });
    });
  });
});
