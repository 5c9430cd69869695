import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ConsumerRegistry, createApp, EVENT_STORE, type EventStore, type Projection } from '@gongkai/platform';
import { eventually, isolatedEnv, tokenFor } from '@gongkai/platform/testing';
import { standaloneApp } from '@gongkai/shapes';
import { addCalendarDays, defaultWorkingDayCalendar, toShanghaiDate, type LocalDate } from '@gongkai/working-days';
import { runCommand } from './commands';

/**
 * The audit issue's as-of acceptance, over HTTP against the standalone shape. Moments between two
 * decisions are taken from the clock after the earlier event's `recordedAt` and before the later
 * command is sent (ordering only, no timing assertions).
 */
describe('as-of: what the read models showed between two decisions', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const run = async (...argv: string[]) => {
    let output = '';
    const code = await runCommand(app, argv, (text) => (output += text));
    return { code, output };
  };
  /** A moment strictly after the stream's last recorded event and strictly before anything appended later. */
  const momentAfter = async (streamId: string): Promise<string> => {
    const last = (await app.get<EventStore>(EVENT_STORE).readStream(streamId)).at(-1)!.recordedAt;
    await eventually(async () => (new Date().toISOString() > last ? true : undefined), 2000, 'the clock to pass the last event');
    const at = new Date().toISOString();
    await eventually(async () => (new Date().toISOString() > at ? true : undefined), 2000, 'the clock to pass the moment');
    return at;
  };

  beforeAll(async () => {
    ({ app } = await createApp(standaloneApp, isolatedEnv({ AUDIT_ANCHOR_INTERVAL_S: '0' })));
    await app.init();
    const district = `Bearer ${await tokenFor('district_office', 'TEZ-GOV-OFFICE')}`;
    for (const [unitId, name] of [['TEZ-ZSZ', '张山子镇人民政府']]) {
      await http()
        .post('/api/catalogue/units')
        .set('Authorization', district)
        .send({ unitId, name, level: '乡级', kind: 'town' })
        .expect(201);
    }
  });
  afterAll(() => app?.close());

  it('a catalogue item revised twice: as-of between the revisions shows version 2 (CLI and HTTP)', async () => {
    const clerk = `Bearer ${await tokenFor('clerk', 'TEZ-ZSZ')}`;
    const auditor = `Bearer ${await tokenFor('auditor')}`;
    const content = {
      domainCode: 'compulsory-education',
      firstLevel: '学生资助',
      secondLevel: '义务教育阶段学生资助政策及资助名单',
      content: '资助政策、申请条件',
      legalBases: [{ law: '中华人民共和国义务教育法', article: '第四十四条' }],
      timeLimit: { text: '信息形成或者变更之日起20个工作日内', rule: { kind: 'working_days_after_formation', days: 20 } },
      subject: '张山子镇人民政府',
      method: '主动',
      channels: [{ channel: '政府网站' }],
      audience: { kind: '全社会' },
      level: '乡级',
    };
    const items = '/api/catalogue/units/TEZ-ZSZ/items';
    const { itemId } = (await http().post(items).set('Authorization', clerk).send(content).expect(201)).body as { itemId: string };
    const stream = `catalogue.item-${itemId}`;
    expect((await app.get<EventStore>(EVENT_STORE).readStream(stream)).length).toBe(1);
    await http().post(`${items}/${itemId}/publish`).set('Authorization', clerk).expect(200);
    const afterPublication = await momentAfter(stream);
    await http()
      .post(`${items}/${itemId}/revise`)
      .set('Authorization', clerk)
      .send({ content: { ...content, content: '资助政策、申请条件、资助标准' }, reason: '增加资助标准' })
      .expect(200);
    const betweenRevisions = await momentAfter(stream);
    await http()
      .post(`${items}/${itemId}/revise`)
      .set('Authorization', clerk)
      .send({ content: { ...content, content: '资助政策、申请条件、资助标准、受助学生名单' }, reason: '增加受助学生名单' })
      .expect(200);
    // The live read model has caught up with the third version.
    await eventually(async () => {
      const body = (await http().get(`/api/catalogue/portal/items/${itemId}`)).body as { version?: number };
      return body.version === 3 ? true : undefined;
    });

    const itemAt = (documents: Record<string, { _id: string }[]>) =>
      documents.items.find((i) => i._id === itemId) as unknown as {
        status: string;
        version: number;
        content: { content: string };
        versions: { version: number; reason: string | null; supersededAt: string | null }[];
      };
    const cli = JSON.parse((await run('as-of', betweenRevisions, 'catalogue.items', '--json')).output);
    // Left out: the second revision, and whatever a reaction to the first appended after the moment,
    // among the events the CLI read (the store may have grown since).
    const seen = (await app.get<EventStore>(EVENT_STORE).readAll({ after: 0, limit: 100000 })).slice(
      0,
      cli.replay.replayed + cli.replay.later,
    );
    const recordedLater = seen.filter((e) => Date.parse(e.recordedAt) > Date.parse(betweenRevisions));
    expect(recordedLater.map((e) => e.streamId)).toContain(stream);
    expect(cli.replay.later).toBe(recordedLater.length);
    const middle = itemAt(cli.documents);
    expect(middle).toMatchObject({ status: 'published', version: 2, content: { content: '资助政策、申请条件、资助标准' } });
    expect(middle.versions.map((v) => [v.version, v.reason, v.supersededAt === null])).toEqual([
      [1, null, false],
      [2, '增加资助标准', true],
    ]);
    const text = (await run('as-of', betweenRevisions, 'catalogue.items')).output;
    expect(text).toContain('"version":2');
    expect(text).not.toContain('增加受助学生名单');

    const overHttp = await http()
      .get('/api/audit/read-models/catalogue.items/as-of')
      .query({ at: betweenRevisions })
      .set('Authorization', auditor)
      .expect(200);
    expect(itemAt(overHttp.body.documents)).toMatchObject({ version: 2, content: { content: '资助政策、申请条件、资助标准' } });
    const first = await http()
      .get('/api/audit/read-models/catalogue.items/as-of')
      .query({ at: afterPublication })
      .set('Authorization', auditor)
      .expect(200);
    expect(itemAt(first.body.documents)).toMatchObject({ version: 1, content: { content: '资助政策、申请条件' } });
    // The item's decisions in the auditors' timeline, labelled in Chinese with their reasons.
    const history = JSON.parse((await run('history', itemId, '--json')).output) as {
      entries: { typeLabel: string; reason: string | null; unitId: string }[];
    };
    expect(history.entries.map((e) => [e.typeLabel, e.reason, e.unitId])).toEqual([
      ['起草公开事项', null, 'TEZ-ZSZ'],
      ['发布公开事项', null, 'TEZ-ZSZ'],
      ['修订公开事项（形成新版本）', '增加资助标准', 'TEZ-ZSZ'],
      ['修订公开事项（形成新版本）', '增加受助学生名单', 'TEZ-ZSZ'],
    ]);
    expect((await run('history', itemId)).output).toContain('试点领域=义务教育');
    const now = await http()
      .get('/api/audit/read-models/catalogue.items/as-of')
      .query({ at: new Date().toISOString() })
      .set('Authorization', auditor)
      .expect(200);
    expect(itemAt(now.body.documents)).toMatchObject({ version: 3 });
  });

  it('a request: as-of a moment between decisions shows the state then and the working days left as of that day', async () => {
    const clerk = `Bearer ${await tokenFor('clerk', 'TEZ-ZSZ')}`;
    const head = `Bearer ${await tokenFor('office_head', 'TEZ-ZSZ')}`;
    const auditor = `Bearer ${await tokenFor('auditor')}`;
    const calendar = defaultWorkingDayCalendar();
    // Signed for by registered post ten calendar days ago (staff may date a receipt back 60 days).
    const receivedOn = addCalendarDays(toShanghaiDate(new Date()), -10);
    const registered = await http()
      .post('/api/requests')
      .set('Authorization', clerk)
      .send({
        unitId: 'TEZ-ZSZ',
        channel: 'registered_post',
        receivedOn,
        applicant: { type: '自然人', name: '李明', phone: '13912345678' },
        description: '张山子镇2026年农村危房改造补助对象名单',
        preferredForm: '电子',
        delivery: '电子邮件',
      })
      .expect(201);
    const requestId = registered.body.requestId as string;
    const stream = `requests.request-${requestId}`;
    const received = await momentAfter(stream);
    await http()
      .post(`/api/requests/${requestId}/assign`)
      .set('Authorization', clerk)
      .send({ handlerId: 'clerk-TEZ-ZSZ', handlerName: '王芳' })
      .expect(200);
    const assigned = await momentAfter(stream);
    await http()
      .post(`/api/requests/${requestId}/extension`)
      .set('Authorization', head)
      .send({ workingDays: 10, reason: '需调取档案，无法按期答复', noticeSentOn: toShanghaiDate(new Date()) })
      .expect(200);
    const extended = await momentAfter(stream);
    await http()
      .post(`/api/requests/${requestId}/draft-reply`)
      .set('Authorization', clerk)
      .send({ category: 'disclose', content: '经查，现将补助对象名单提供给您。' })
      .expect(200);
    await http().post(`/api/requests/${requestId}/review`).set('Authorization', head).send({ approved: true }).expect(200);
    await http().post(`/api/requests/${requestId}/reply`).set('Authorization', clerk).expect(200);
    const replied = await momentAfter(stream);

    type Clock = { readOn: string; dueOn: string; remainingWorkingDays: number; overdue: boolean; paused: boolean } | null;
    const asOf = async (at: string) => {
      const result = JSON.parse((await run('as-of', at, 'requests.requests', '--json')).output);
      return result.documents.requests.find((r: { _id: string }) => r._id === requestId) as {
        status: string;
        extension: unknown;
        clock: Clock;
      };
    };
    /** What the service computes on the day of `at`: the statutory due date and the working days left then. */
    const expected = (at: string, extensionDays: number) => {
      const on = toShanghaiDate(at) as LocalDate;
      const dueOn = calendar.addWorkingDays(receivedOn, 20 + extensionDays);
      return { readOn: on, dueOn, remainingWorkingDays: calendar.workingDaysBetween(on, dueOn), overdue: on > dueOn, paused: false };
    };

    const atReceipt = await asOf(received);
    expect(atReceipt).toMatchObject({ status: 'registered', extension: null, clock: expected(received, 0) });
    const atAssignment = await asOf(assigned);
    expect(atAssignment).toMatchObject({ status: 'in_progress', extension: null, clock: expected(assigned, 0) });
    const atExtension = await asOf(extended);
    expect(atExtension).toMatchObject({ status: 'in_progress', extension: { workingDays: 10 }, clock: expected(extended, 10) });
    expect(atExtension.clock!.remainingWorkingDays).toBeGreaterThan(atAssignment.clock!.remainingWorkingDays);
    const atReply = await asOf(replied);
    expect(atReply).toMatchObject({ status: 'replied', clock: null });

    const overHttp = await http()
      .get('/api/audit/read-models/requests.requests/as-of')
      .query({ at: assigned })
      .set('Authorization', auditor)
      .expect(200);
    expect(overHttp.body.documents.requests.find((r: { _id: string }) => r._id === requestId)).toMatchObject({
      status: 'in_progress',
      clock: expected(assigned, 0),
    });
  });

  it('the remaining working days are those of the as-of day, not of today', () => {
    const projection = app
      .get(ConsumerRegistry)
      .projections()
      .find((p) => p.name === 'requests.requests') as Projection & Required<Pick<Projection, 'viewAt'>>;
    // Received Monday 2026-03-02: due 20 working days later, Monday 2026-03-30 (no holiday in March 2026).
    const document = {
      status: 'in_progress',
      state: { clock: { startedOn: '2026-03-02', pauses: [], extensionDays: 0, suspendedForCorrection: false } },
    };
    const at = (iso: string) => projection.viewAt('requests', document, new Date(iso)).clock;
    expect(typeof projection.viewAt).toBe('function');
    expect(at('2026-03-02T09:00:00+08:00')).toEqual({
      readOn: '2026-03-02',
      dueOn: '2026-03-30',
      remainingWorkingDays: 20,
      overdue: false,
      paused: false,
      provisional: false,
    });
    expect(at('2026-03-10T09:00:00+08:00')).toMatchObject({ readOn: '2026-03-10', remainingWorkingDays: 14, overdue: false });
    // 2026-03-10T20:00Z is already 2026-03-11 in China Standard Time.
    expect(at('2026-03-10T20:00:00Z')).toMatchObject({ readOn: '2026-03-11', remainingWorkingDays: 13 });
    expect(at('2026-03-31T09:00:00+08:00')).toMatchObject({ overdue: true });
    // A consultation running on the as-of day stops the clock until that day.
    const paused = { ...document, state: { clock: { ...document.state.clock, pauses: [{ id: 'c1', from: '2026-03-09', to: null }] } } };
    expect(projection.viewAt('requests', paused, new Date('2026-03-13T09:00:00+08:00')).clock).toMatchObject({
      readOn: '2026-03-13',
      paused: true,
      remainingWorkingDays: 16,
      dueOn: '2026-04-07',
    });
    expect(projection.viewAt('requests', { ...document, status: 'replied' }, new Date('2026-03-10T09:00:00+08:00')).clock).toBeNull();
  });
});
