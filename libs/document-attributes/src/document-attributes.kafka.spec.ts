import mongoose, { type Connection } from 'mongoose';
import { topicOf, type DocumentIssued, type EventEnvelope } from '@gongkai/contracts';
import { createLogger, EventConsumer, KafkaEventBus, PlatformCollections, signDevToken } from '@gongkai/platform';
import { eventually, isolatedEnv, startServiceProcess, TEST_JWT_SECRET, tokenFor, type ServiceProcess } from '@gongkai/platform/testing';

async function call(method: string, url: string, token: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/**
 * The distributed shape: the document-attributes service runs as its own process with Kafka as its
 * bus (its own read models are fed from Kafka too), and a consumer standing for another service
 * (interpretation, assessment) receives DocumentIssued over Kafka, through the same consumer helper
 * and contract validation every service uses.
 */
describe('document-attributes over real Kafka (separate service process)', () => {
  const env = isolatedEnv();
  let service: ServiceProcess;
  let connection: Connection;
  const bus = new KafkaEventBus({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'document-attributes-kafka-test' });
  const received: EventEnvelope<DocumentIssued>[] = [];

  beforeAll(async () => {
    service = await startServiceProcess('document-attributes-service', env);
    connection = await mongoose.createConnection(env.MONGODB_URL, { dbName: `${env.MONGODB_DB_PREFIX}-other-service` }).asPromise();
    const topic = topicOf('document-attributes', env.KAFKA_TOPIC_PREFIX);
    await bus.ensureTopics([topic]);
    const consumer = new EventConsumer(bus, new PlatformCollections(connection), createLogger('other-service', 'silent'));
    await consumer.start(
      `${env.KAFKA_TOPIC_PREFIX}.other-service`,
      [topic],
      [
        {
          name: 'other-service.documents-issued',
          eventTypes: ['document-attributes.DocumentIssued'],
          handle: async (e) => void received.push(e as EventEnvelope<DocumentIssued>),
        },
      ],
    );
  }, 120000);

  afterAll(async () => {
    await bus.close();
    await connection?.close();
    const exit = await service?.stop();
    expect(exit?.signal ?? exit?.code).toBe('SIGTERM');
  });

  it('a 主动公开 document not published within 20 working days shows as overdue, and DocumentIssued reaches another consumer', async () => {
    const url = `${service.url}/api/document-attributes`;
    const clerk = await signDevToken(TEST_JWT_SECRET, { userId: 'wang', role: 'clerk', unitId: 'TEZ-HEALTH' });
    const reviewer = await signDevToken(TEST_JWT_SECRET, { userId: 'li', role: 'reviewer', unitId: 'TEZ-HEALTH' });
    const district = await tokenFor('district_office', 'TEZ-GOV-OFFICE');

    const registered = await call('POST', `${url}/documents`, clerk, {
      title: '关于印发台儿庄区家庭医生签约服务实施方案的通知',
      documentNumber: '台卫健发〔2026〕6号',
      documentType: '行政规范性文件',
      catalogueItemIds: ['ITEM-HEALTH-03'],
      needsInterpretation: true,
    });
    expect(registered.status).toBe(201);
    const id = registered.body.documentId as string;
    expect((await call('POST', `${url}/documents/${id}/attribute-proposal`, clerk, { attribute: '主动公开' })).status).toBe(200);
    expect((await call('POST', `${url}/documents/${id}/confidentiality-review`, reviewer, { outcome: 'approve' })).status).toBe(200);
    const issued = await call('POST', `${url}/documents/${id}/issue`, clerk, { issuedOn: '2026-03-02' });
    expect(issued.body).toMatchObject({ phase: 'issued', publicationDueOn: '2026-03-30' });

    // the service's own read model is fed over Kafka in this shape
    const overdue = await eventually(
      async () => {
        const response = await call('GET', `${url}/publications/overdue?asOf=2026-03-31`, district);
        return response.body.documents?.length === 1 ? response.body.documents : undefined;
      },
      45000,
      'the overdue document',
    );
    expect(overdue[0]).toMatchObject({ documentId: id, publicationDueOn: '2026-03-30', firstPublishedOn: null });
    expect((await call('GET', `${url}/publications/overdue?asOf=2026-03-30`, district)).body.documents).toEqual([]);

    const event = await eventually(async () => received.find((e) => e.data.documentId === id), 45000, 'DocumentIssued over Kafka');
    expect(event).toMatchObject({
      type: 'document-attributes.DocumentIssued',
      schemaVersion: 1,
      streamId: `document-attributes.document-${id}`,
      actor: { userId: 'wang', unitId: 'TEZ-HEALTH', role: 'clerk' },
      data: {
        documentId: id,
        unitId: 'TEZ-HEALTH',
        documentNumber: '台卫健发〔2026〕6号',
        attribute: '主动公开',
        marking: '（此件公开发布）',
        needsInterpretation: true,
        approvedBy: 'wang',
        issuedOn: '2026-03-02',
        publicationDueOn: '2026-03-30',
      },
    });

    // published late: no longer overdue as of a later date, and the publication is flagged late
    expect(
      (
        await call('POST', `${url}/documents/${id}/publications`, clerk, {
          channel: '政府网站',
          url: 'https://www.tez.gov.cn/zwgk/wjk/6.html',
          publishedOn: '2026-04-02',
        })
      ).status,
    ).toBe(200);
    await eventually(
      async () => {
        const response = await call('GET', `${url}/publications/overdue?asOf=2026-04-03`, district);
        return response.body.documents?.length === 0 ? true : undefined;
      },
      45000,
      'the publication to clear the overdue flag',
    );
    const view = await call('GET', `${url}/documents/${id}`, district);
    expect(view.body.publications).toEqual([
      { channel: '政府网站', url: 'https://www.tez.gov.cn/zwgk/wjk/6.html', publishedOn: '2026-04-02', late: true },
    ]);
  }, 120000);
});
