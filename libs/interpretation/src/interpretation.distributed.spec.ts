import { SqliteEventStore } from '@gongkai/platform';
import { eventually, isolatedEnv, newEvent, startServiceProcess, tokenFor, type ServiceProcess } from '@gongkai/platform/testing';
import { addCalendarDays, defaultWorkingDayCalendar, toShanghaiDate, type LocalDate } from '@gongkai/working-days';

/** The date n working days before `date`. */
function workingDaysBefore(date: LocalDate, n: number): LocalDate {
  const calendar = defaultWorkingDayCalendar();
  let candidate = date;
  while (calendar.workingDaysBetween(candidate, date) < n) candidate = addCalendarDays(candidate, -1);
  return candidate;
}

/**
 * Over real Kafka: a policy issued in document-attributes opens an interpretation obligation in the
 * interpretation service process; publishing the interpretation 4 working days after issue marks it late.
 */
describe('interpretation service, distributed (separate processes over Kafka)', () => {
  const services: ServiceProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    env = isolatedEnv();
    services.push(
      ...(await Promise.all([startServiceProcess('interpretation-service', env), startServiceProcess('document-attributes-service', env)])),
    );
  }, 120000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
  });

  it('opens an obligation from DocumentIssued, marks a 4-working-day publication late, and the portal shows both', async () => {
    const [interpretation] = services;
    const issuedOn = workingDaysBefore(toShanghaiDate(new Date()), 4);
    const approver = 'office_head-TEZ-CIVIL'; // the userId tokenFor('office_head', 'TEZ-CIVIL') carries
    // Stand-in for the document-attributes service issuing a document: append its contract event to
    // the shared store; the document-attributes process's relay publishes it to Kafka.
    const store = new SqliteEventStore(env.EVENT_STORE_URL.replace(/^sqlite:/, ''));
    await store.append(
      'document-attributes.document-DOC-LOWINCOME',
      [
        {
          ...newEvent('document-attributes.DocumentIssued', {
            documentId: 'DOC-LOWINCOME',
            unitId: 'TEZ-CIVIL',
            title: '台儿庄区最低生活保障实施办法',
            documentNumber: '台民发〔2026〕12号',
            documentType: '行政规范性文件',
            attribute: '主动公开',
            marking: '（此件公开发布）',
            needsInterpretation: true,
            approvedBy: approver,
            issuedOn,
            publicationDueOn: null,
          }),
          occurredAt: new Date().toISOString(),
          actor: { userId: approver, unitId: 'TEZ-CIVIL', role: 'office_head' },
        },
      ],
      -1,
    );
    await store.close();

    const clerk = await tokenFor('clerk', 'TEZ-CIVIL');
    const call = (path: string, token: string | null, body?: unknown, method = body ? 'POST' : 'GET') =>
      fetch(`${interpretation.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });

    const obligation = await eventually(
      async () => {
        const response = await call('/api/interpretation/obligations/DOC-LOWINCOME', clerk);
        if (!response.ok) return undefined;
        const body = (await response.json()) as { obligation?: unknown };
        return body.obligation ? body : undefined;
      },
      60000,
      'the obligation to open',
    );
    const calendar = defaultWorkingDayCalendar();
    const dueOn = calendar.addWorkingDays(issuedOn, 3);
    expect(obligation).toMatchObject({
      unitId: 'TEZ-CIVIL',
      issuedOn,
      obligation: { status: 'open', approvedBy: approver, limitWorkingDays: 3, dueOn, dueOnProvisional: calendar.isProvisional(dueOn) },
    });

    expect(
      (
        await call(
          '/api/interpretation/obligations/DOC-LOWINCOME/plan',
          clerk,
          { plan: '同步发布简明问答', forms: ['简明问答'], channels: ['政府网站'] },
          'PUT',
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await call('/api/interpretation/obligations/DOC-LOWINCOME/materials', clerk, {
          materialId: 'qa-1',
          form: '简明问答',
          title: '低保政策十问',
          body: '问：哪些家庭可以申请低保？答：……',
        })
      ).status,
    ).toBe(200);
    // The 签发人 is recorded by name (usually a leader who is not a system user); a clerk may record it.
    expect((await call('/api/interpretation/obligations/DOC-LOWINCOME/sign-off', clerk, {})).status).toBe(400);
    expect((await call('/api/interpretation/obligations/DOC-LOWINCOME/sign-off', clerk, { signer: '王明' })).status).toBe(200);
    const published = await call('/api/interpretation/obligations/DOC-LOWINCOME/publish', clerk, { channels: ['政府网站', '政务新媒体'] });
    expect(published.status).toBe(200);
    const answer = (await published.json()) as { events: { data: unknown }[]; revision: number };
    expect(answer.events[0].data).toMatchObject({ workingDaysAfterIssue: 4, late: true, workingDaysLate: 1 });
    // The obligation's stream revision its view reflects, as body and ETag, as the commands answer it:
    // opened, planned, material added, signed off, published = revision 4 (the document's own stream is not counted).
    expect([answer.revision, published.headers.get('etag')]).toEqual([4, '"4"']);
    const detail = await eventually(
      async () => {
        const response = await call('/api/interpretation/obligations/DOC-LOWINCOME', clerk);
        const body = (await response.json()) as { obligation?: { status: string }; revision?: number };
        return body.obligation?.status === 'published' ? { body, etag: response.headers.get('etag') } : undefined;
      },
      30000,
      'the publication in the read model',
    );
    expect([detail.body.revision, detail.etag]).toEqual([4, '"4"']);

    const portal = await eventually(
      async () => {
        const response = await call('/api/interpretation/portal/policies/DOC-LOWINCOME', null);
        const body = response.ok ? ((await response.json()) as { interpretations?: unknown[] }) : undefined;
        return body?.interpretations?.length ? body : undefined;
      },
      30000,
      'the portal to show the interpretation',
    );
    expect(portal).toMatchObject({
      title: '台儿庄区最低生活保障实施办法',
      documentNumber: '台民发〔2026〕12号',
      interpretations: [
        { late: true, channels: ['政府网站', '政务新媒体'], materials: [{ materialId: 'qa-1', form: '简明问答', title: '低保政策十问' }] },
      ],
    });
  }, 120000);
});
