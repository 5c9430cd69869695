import type { INestApplication } from '@nestjs/common';
import JSZip from 'jszip';
import request from 'supertest';
import { createApp, EVENT_STORE, PlatformCollections, type EventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, mailpit, tokenFor } from '@gongkai/platform/testing';
import { addCalendarDays, toShanghaiDate } from '@gongkai/working-days';
import { requestStreamId } from './domain/request';
import { RequestsModule } from './requests.module';
import { knownUnits } from './testing/known-units';

const UNIT = 'TEZ-ZSZ';

describe('notices by e-mail: outbox → SMTP (real Mailpit), across restarts', () => {
  const { smtpUrl, messagesTo, arrived, detail, part } = mailpit();
  // One installation (event store file, databases, topics) for the three processes below.
  const env = isolatedEnv({ NOTICES_POLL_MS: '200', NOTICES_RETRY_BASE_MS: '500' });
  const run = Math.random().toString(36).slice(2, 10);
  const applicant = `applicant-${run}@example.cn`;
  const office = `office-${run}@example.cn`;
  let app: INestApplication | null = null;
  let clerk: string;

  const start = async (overrides: Record<string, string>) => {
    ({ app } = await createApp({ shape: 'requests', title: 'notices test', modules: () => [RequestsModule] }, { ...env, ...overrides }));
    await app.init();
    await knownUnits(app, [UNIT]);
    return app;
  };
  const stop = async () => {
    await app?.close();
    app = null;
  };
  const http = () => request(app!.getHttpServer());

  const file = async (email: string, delivery: string) => {
    const res = await http()
      .post('/api/requests/public')
      .send({
        unitId: UNIT,
        applicant: { type: '自然人', name: '李明', email },
        description: '请公开本镇2025年度农村低保对象名单及补助标准',
        preferredForm: '电子',
        delivery,
      })
      .expect(201);
    return res.body.requestId as string;
  };
  const notices = async (requestId: string) =>
    (await http().get('/api/requests/notices').query({ requestId }).set('Authorization', `Bearer ${clerk}`).expect(200)).body as {
      total: number;
      rows: { noticeId: string; kind: string; status: string; statusLabel: string; kindLabel: string }[];
    };
  const step = async (requestId: string, action: string, body: object, token = clerk) =>
    http().post(`/api/requests/${requestId}/${action}`).set('Authorization', `Bearer ${token}`).send(body).expect(200);

  beforeAll(async () => {
    clerk = await tokenFor('clerk', UNIT);
  });
  afterEach(stop);

  let requestId: string;
  let receiptId: string;
  let overdueId: string;

  it('queues the receipt of an applicant who chose e-mail, and keeps it while no mail server is configured', async () => {
    await start({});
    requestId = await file(applicant, '电子邮件');
    const queued = await eventually(
      async () => {
        const page = await notices(requestId);
        return page.total === 1 ? page.rows[0] : undefined;
      },
      60000,
      'the receipt notice in the outbox',
    );
    expect(queued).toMatchObject({ kind: 'receipt', kindLabel: '受理回执', status: 'pending', statusLabel: '待发送' });
    receiptId = queued.noticeId;
    // The outbox keeps no address: nothing of the applicant's e-mail in what the console reads.
    expect(JSON.stringify(queued)).not.toContain(applicant);
    expect(await messagesTo(applicant)).toHaveLength(0);
  }, 120000);

  it('after a restart, sends the receipt once; after the reply, the reply-ready notice with the letter attached', async () => {
    await start({ SMTP_URL: smtpUrl });
    const [receipt] = await arrived(applicant, 1, 'the receipt e-mail');
    expect(receipt.Subject).toContain('您的申请已收到');
    expect(receipt.MessageID).toBe(`${receiptId}@gongkai.notices`);
    expect((await detail(receipt.ID)).Text).toContain('李明：');

    const reviewer = await tokenFor('reviewer', UNIT);
    await step(requestId, 'assign', { handlerId: 'clerk-TEZ-ZSZ', handlerName: '王芳' });
    await step(requestId, 'draft-reply', { category: 'disclose', content: '现将本镇2025年度农村低保对象名单及补助标准提供给您。' });
    await step(requestId, 'review', { approved: true, comment: '同意' }, reviewer);
    await step(requestId, 'reply', {});

    const mails = await arrived(applicant, 2, 'the reply-ready e-mail');
    const reply = mails.find((m) => m.Subject.includes('答复书已出具'));
    expect(reply).toBeDefined();
    const full = await detail(reply!.ID);
    expect(full.Attachments).toHaveLength(1);
    expect(full.Attachments[0].FileName).toBe(`政府信息公开申请答复书-${requestId}.docx`);
    const docx = await part(reply!.ID, full.Attachments[0].PartID);
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).toContain('政府信息公开申请答复书');
    expect(xml).toContain(requestId);

    const page = await eventually(
      async () => {
        const p = await notices(requestId);
        return p.rows.every((n) => n.status === 'sent') && p.total === 2 ? p : undefined;
      },
      30000,
      'both notices recorded as sent',
    );
    expect(page.rows.map((n) => n.kind).sort()).toEqual(['receipt', 'reply']);

    // A letter received 55 days ago, registered today at the counter: overdue, for the next process' digest.
    const late = await http()
      .post('/api/requests')
      .set('Authorization', `Bearer ${clerk}`)
      .send({
        unitId: UNIT,
        channel: 'ordinary_letter',
        receivedOn: addCalendarDays(toShanghaiDate(new Date()), -55),
        applicant: { type: '自然人', name: '张伟', address: '台儿庄区张山子镇张山子村' },
        description: '请公开张山子村2025年度村级财务收支明细',
        preferredForm: '纸质',
        delivery: '邮寄',
      })
      .expect(201);
    overdueId = late.body.requestId as string;
    await eventually(
      async () =>
        (await http().get(`/api/requests/${overdueId}`).set('Authorization', `Bearer ${clerk}`)).status === 200 ? true : undefined,
      30000,
      'the registered letter',
    );
  }, 180000);

  it('after another restart, sends nothing twice, and nothing to an applicant who chose post; staff get the daily digest', async () => {
    await start({ SMTP_URL: smtpUrl, NOTICES_DIGEST_TO: `${UNIT}=${office}`, NOTICES_DIGEST_HOUR: '0' });
    const other = `other-${run}@example.cn`;
    const byPost = `post-${run}@example.cn`;
    const postRequest = await file(byPost, '邮寄');
    await file(other, '电子邮件');
    // This process has sent the newer receipt: the outbox was drained in order of due time, so any
    // resend of the older notices would have gone first.
    await arrived(other, 1, 'the second applicant’s receipt');
    const mine = await messagesTo(applicant);
    expect(mine).toHaveLength(2);
    expect(new Set(mine.map((m) => m.MessageID)).size).toBe(2);
    // The notices process has seen the post request's receipt event, and queued nothing for it.
    const [received] = await app!.get<EventStore>(EVENT_STORE).readStream(requestStreamId(postRequest));
    await eventually(
      async () => (await app!.get(PlatformCollections).wasProcessed('requests.applicant-notices', received.eventId)) || undefined,
      60000,
      'the post request seen by the notices process',
    );
    expect((await notices(postRequest)).total).toBe(0);
    expect(await messagesTo(byPost)).toHaveLength(0);

    // The day's digest to the unit's office address: the overdue letter registered before the restart.
    const [digest] = await arrived(office, 1, 'the daily digest');
    expect(digest.Subject).toContain('已逾期1件');
    expect((await detail(digest.ID)).Text).toContain(overdueId);
  }, 180000);
});
