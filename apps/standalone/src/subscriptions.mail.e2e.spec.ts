import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DocumentAttributesModule } from '@gongkai/document-attributes';
import { createApp, ReadModelConnections, signDevToken } from '@gongkai/platform';
import { eventually, isolatedEnv, mailpit, TEST_JWT_SECRET, tokenFor } from '@gongkai/platform/testing';
import { CatalogueModule } from '@gongkai/catalogue';

/** 精准推送: subscribe to a domain, confirm by the e-mailed link, receive one e-mail per matching publication; the Atom feeds. */
describe('subscriptions by e-mail and Atom feeds (real Mailpit, catalogue + document-attributes in one process)', () => {
  const { smtpUrl, messagesTo, arrived, detail, headers } = mailpit();
  const UNIT = 'TEZ-ZSZ';
  const run = Math.random().toString(36).slice(2, 10);
  const follower = `shjz-${run}@example.cn`;
  const otherFollower = `jy-${run}@example.cn`;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const as = (userId: string, role: 'clerk' | 'reviewer' | 'office_head') => signDevToken(TEST_JWT_SECRET, { userId, role, unitId: UNIT });

  const text = async (id: string) => (await detail(id)).Text;
  const tokenIn = (body: string, path: string) => decodeURIComponent(new RegExp(`${path}\\?token=([^\\s]+)`).exec(body)![1]);

  const subscribeAndConfirm = async (email: string, domainCode: string) => {
    await http().post('/api/catalogue/subscriptions').send({ email, domainCode }).expect(202);
    const [confirmation] = await arrived(email, 1, `the confirmation e-mail to ${email}`);
    expect(confirmation.Subject).toContain('请确认订阅');
    const token = tokenIn(await text(confirmation.ID), '/subscribe/confirm');
    await http().post('/api/catalogue/subscriptions/confirm').query({ token }).expect(200);
  };

  beforeAll(async () => {
    const env = isolatedEnv({ SMTP_URL: smtpUrl, NOTICES_POLL_MS: '200', PORTAL_BASE_URL: 'https://gongkai.example.cn' });
    ({ app } = await createApp(
      { shape: 'standalone', title: 'subscriptions test', modules: () => [CatalogueModule, DocumentAttributesModule] },
      env,
    ));
    await app.init();
    const district = await tokenFor('district_office', 'TEZ-GOV-OFFICE');
    await http()
      .post('/api/catalogue/units')
      .set('Authorization', `Bearer ${district}`)
      .send({ unitId: UNIT, name: '张山子镇人民政府', level: '乡级', kind: 'town' })
      .expect(201);
  }, 120000);
  afterAll(() => app?.close());

  it('a citizen subscribed to 社会救助 receives one e-mail when a matching document is published; the feeds list it', async () => {
    const clerk = await as('wang', 'clerk');
    await eventually(async () => ((await http().get(`/api/catalogue/units/${UNIT}`)).status === 200 ? true : undefined), 30000, 'the unit');
    const drafted = await http()
      .post(`/api/catalogue/units/${UNIT}/items`)
      .set('Authorization', `Bearer ${clerk}`)
      .send({
        domainCode: 'social-assistance',
        firstLevel: '最低生活保障',
        secondLevel: '农村最低生活保障对象名单及保障标准',
        content: '保障对象姓名（脱敏）、所在村、保障人数、保障金额，保障标准',
        legalBases: [{ law: '社会救助暂行办法', article: '第十二条' }],
        timeLimit: { text: '信息形成或者变更之日起20个工作日内', rule: { kind: 'working_days_after_formation', days: 20 } },
        subject: '张山子镇人民政府',
        method: '主动',
        channels: [{ channel: '政府网站' }],
        audience: { kind: '全社会' },
        level: '乡级',
      })
      .expect(201);
    const itemId = drafted.body.itemId as string;
    await eventually(async () =>
      (await http().get(`/api/catalogue/units/${UNIT}/items`).set('Authorization', `Bearer ${clerk}`)).body.length ? true : undefined,
    );
    await http().post(`/api/catalogue/units/${UNIT}/items/${itemId}/publish`).set('Authorization', `Bearer ${clerk}`).send({}).expect(200);

    // Subscribed after the item was published: that publication is not sent, the next one is.
    await subscribeAndConfirm(follower, 'social-assistance');
    await subscribeAndConfirm(otherFollower, 'compulsory-education');

    const da = (path: string, token: string, body: object) =>
      http().post(`/api/document-attributes${path}`).set('Authorization', `Bearer ${token}`).send(body);
    const title = `关于调整${run}农村最低生活保障标准的通知`;
    const registered = await da('/documents', clerk, {
      title,
      documentNumber: '张政发〔2026〕7号',
      documentType: '行政规范性文件',
      catalogueItemIds: [itemId],
      needsInterpretation: false,
    }).expect(201);
    const documentId = registered.body.documentId as string;
    await da(`/documents/${documentId}/attribute-proposal`, clerk, { attribute: '主动公开' }).expect(200);
    await da(`/documents/${documentId}/confidentiality-review`, await as('li', 'reviewer'), { outcome: 'approve' }).expect(200);
    await da(`/documents/${documentId}/issue`, await as('zhao', 'office_head'), { issuedOn: '2026-03-02' }).expect(200);
    const url = 'https://www.tez.gov.cn/zwgk/zsz/7.html';
    await da(`/documents/${documentId}/publications`, clerk, { channel: '政府网站', url, publishedOn: '2026-03-10' }).expect(200);

    const mails = await eventually(
      async () => (await messagesTo(follower)).find((m) => m.Subject.includes(title)) && (await messagesTo(follower)),
      60000,
      'the publication e-mail',
    );
    const publication = mails.find((m) => m.Subject.includes(title))!;
    expect(publication.Subject).toBe(`【政务公开订阅】社会救助：${title}`);
    expect(await text(publication.ID)).toContain(url);

    const domainFeed = await http().get('/api/catalogue/feeds/domains/social-assistance').expect(200);
    expect(domainFeed.headers['content-type']).toContain('application/atom+xml');
    expect(domainFeed.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(domainFeed.text).toContain(`<title>${title}</title>`);
    expect(domainFeed.text).toContain(`<link rel="alternate" href="${url}"/>`);
    expect((await http().get(`/api/catalogue/feeds/units/${UNIT}`).expect(200)).text).toContain(title);
    expect((await http().get('/api/catalogue/feeds/domains/compulsory-education').expect(200)).text).not.toContain(title);

    // The addresses are stored sealed, each with its subscriber's key (crypto-shredding): no address in the collection.
    const connections = app.get(ReadModelConnections);
    const stored = await connections.get('catalogue').collection('subscriptions').find({}).toArray();
    expect(stored.map((doc) => doc.email)).toEqual([expect.stringMatching(/^enc:v1:/), expect.stringMatching(/^enc:v1:/)]);
    expect(JSON.stringify(stored)).not.toMatch(new RegExp(`${follower}|${otherFollower}`));
    const keys = connections.get('platform').collection('personal_data_keys');

    // One-click unsubscribe (RFC 8058): the header's URL, POSTed as a mail client does.
    const unsubscribe = (await headers(publication.ID))['List-Unsubscribe'][0].replace(/^<|>$/g, '');
    expect(unsubscribe.startsWith('https://gongkai.example.cn/api/catalogue/subscriptions/unsubscribe?token=')).toBe(true);
    const token = new URL(unsubscribe).searchParams.get('token')!;
    await http().post('/api/catalogue/subscriptions/unsubscribe').query({ token }).expect(200);
    await http().post('/api/catalogue/subscriptions/confirm').query({ token }).expect(404);
    // The subscription and its key are gone: a backup taken before holds an address nobody can read.
    const [subscriptionId] = token.split('.');
    // A keyed id: not the plain digest of the address and the target, which anyone could compute from a guess.
    const plainDigest = createHash('sha256').update(`${follower}|domain:social-assistance`).digest('hex').slice(0, 24);
    expect(subscriptionId).toMatch(/^sub-[0-9a-f]{24}$/);
    expect(subscriptionId).not.toBe(`sub-${plainDigest}`);
    expect(
      await connections
        .get('catalogue')
        .collection('subscriptions')
        .countDocuments({ _id: subscriptionId as never }),
    ).toBe(0);
    expect(await keys.findOne({ _id: `catalogue.subscriber/${subscriptionId}` as never })).toMatchObject({ shreddedAt: expect.any(Date) });
    expect(await keys.findOne({ _id: `catalogue.subscriber/${subscriptionId}` as never })).not.toHaveProperty('wrapped');

    // The other domain's follower got its confirmation only; the first follower exactly one publication e-mail.
    expect(await messagesTo(otherFollower)).toHaveLength(1);
    // …and nothing for the item published before it subscribed (the confirmation and the document only).
    expect((await messagesTo(follower)).filter((m) => m.Subject.includes(title))).toHaveLength(1);
    expect(await messagesTo(follower)).toHaveLength(2);
  }, 240000);
});
