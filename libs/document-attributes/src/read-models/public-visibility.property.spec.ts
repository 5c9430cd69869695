import fc from 'fast-check';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DISCLOSURE_ATTRIBUTES, WITHHOLDING_GROUND_CODES, type Actor } from '@gongkai/contracts';
import { CommandHandler, createApp, signDevToken, type AppDefinition } from '@gongkai/platform';
import { DomainError } from '@gongkai/platform/domain';
import { eventually, isolatedEnv, TEST_JWT_SECRET } from '@gongkai/platform/testing';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';
import { DocumentAttributesModule } from '../document-attributes.module';
import { documentStreamId, type DocumentEvent, type DocumentState } from '../domain/document';
import { documentDecider, type DocumentCommand } from '../domain/document.decide';
import { DocumentsProjection } from './documents.projection';
import { applyToDocumentView, matchesPublicFilter, toPublicDocument, type DocumentView } from './document-view';

const decider = documentDecider(defaultWorkingDayCalendar());
const drafter: Actor = { userId: 'wang', role: 'clerk', unitId: 'TEZ-EDU' };
const reviewer: Actor = { userId: 'li', role: 'reviewer', unitId: 'TEZ-EDU' };

/** One step of a random history: which of three documents, and what happens to it. */
const attribute = fc.constantFrom(...DISCLOSURE_ATTRIBUTES);
const ground = fc.option(fc.constantFrom(...WITHHOLDING_GROUND_CODES), { nil: null, freq: 2 });
const reason = fc.option(fc.constantFrom('理由充分的说明', '涉及内部事务'), { nil: null });
const date = fc.constantFrom('2025-03-03', '2025-06-16', '2025-09-26', '2026-03-02');
const step = fc.record({
  doc: fc.integer({ min: 0, max: 2 }),
  action: fc.oneof(
    fc.record({
      kind: fc.constant('propose' as const),
      attribute: fc.option(attribute, { nil: undefined, freq: 8 }),
      legalBasis: ground,
      reason,
    }),
    fc.record({
      kind: fc.constant('review' as const),
      outcome: fc.constantFrom('approve' as const, 'change' as const, 'return' as const),
      attribute: fc.option(attribute, { nil: undefined, freq: 8 }),
      legalBasis: ground,
      reason,
    }),
    fc.record({ kind: fc.constant('issue' as const), issuedOn: date }),
    fc.record({ kind: fc.constant('publish' as const), publishedOn: date }),
    fc.record({ kind: fc.constant('invalidate' as const), status: fc.constantFrom('失效' as const, '废止' as const), effectiveOn: date }),
    fc.record({ kind: fc.constant('openReview' as const) }),
    fc.record({
      kind: fc.constant('decideReview' as const),
      decision: fc.constantFrom('keep' as const, 'release' as const),
      decidedOn: date,
    }),
    fc.record({ kind: fc.constant('suggest' as const) }),
    fc.record({
      kind: fc.constant('answer' as const),
      answer: fc.constantFrom('accepted' as const, 'declined' as const),
      answeredOn: date,
    }),
  ),
});
/**
 * For the HTTP run, where sequences are short: each step usually takes the next lifecycle action
 * of its document (given the phase the service last answered), sometimes (`chaos`) any action.
 */
const httpStep = fc.record({
  doc: fc.integer({ min: 0, max: 2 }),
  chaos: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  kind: fc.constantFrom('propose' as const, 'review' as const, 'issue' as const, 'publish' as const, 'invalidate' as const),
  attribute,
  legalBasis: ground,
  reason,
  outcome: fc.constantFrom('approve' as const, 'approve' as const, 'change' as const, 'return' as const),
  on: date,
  status: fc.constantFrom('失效' as const, '废止' as const),
  afterIssue: fc.constantFrom('publish' as const, 'invalidate' as const),
});
const NEXT_ACTION = { drafting: 'propose', proposed: 'review', confirmed: 'issue' } as const;
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const ids = ['doc-a', 'doc-b', 'doc-c'];

function commandOf(s: Step, states: DocumentState[]): DocumentCommand {
  const a = s.action;
  switch (a.kind) {
    case 'propose': {
      // doc-c forwards doc-a: hand it doc-a's current attribute, as the controller does
      const source = states[0];
      const forwarded =
        s.doc === 2 && source.status === 'registered'
          ? {
              documentId: 'doc-a',
              attribute: source.phase === 'confirmed' || source.phase === 'issued' ? source.attribute : null,
              legalBasis: source.legalBasis,
              reason: source.reason,
            }
          : null;
      return { type: 'ProposeAttribute', attribute: a.attribute, legalBasis: a.legalBasis, reason: a.reason, forwarded, by: drafter };
    }
    case 'review':
      return {
        type: 'ReviewAttribute',
        outcome: a.outcome,
        attribute: a.attribute,
        legalBasis: a.legalBasis,
        reason: a.reason,
        by: reviewer,
      };
    case 'issue':
      return { type: 'IssueDocument', issuedOn: a.issuedOn, by: drafter };
    case 'publish':
      return {
        type: 'RecordPublication',
        channel: '政府网站',
        url: 'https://www.tez.gov.cn/a.html',
        publishedOn: a.publishedOn,
        by: drafter,
      };
    case 'invalidate':
      return { type: 'InvalidateDocument', status: a.status, effectiveOn: a.effectiveOn, legalBasis: '清理决定' };
    case 'openReview':
      return { type: 'OpenYearlyReview', year: 2025 };
    case 'decideReview':
      return { type: 'DecideYearlyReview', year: 2025, decision: a.decision, reason: '评估意见', decidedOn: a.decidedOn, by: drafter };
    case 'suggest':
      return { type: 'ReceiveDisclosureSuggestion', suggestionId: 'sug-1', requestCount: 4, suggestedOn: '2025-06-02' };
    case 'answer':
      return {
        type: 'AnswerDisclosureSuggestion',
        suggestionId: 'sug-1',
        answer: a.answer,
        reason: '答复意见',
        answeredOn: a.answeredOn,
        by: drafter,
      };
  }
}

const registerCommand = (i: number): DocumentCommand => ({
  type: 'RegisterDocument',
  documentId: ids[i],
  unitId: 'TEZ-EDU',
  title: `公文${i}`,
  documentNumber: `台教体发〔2025〕${i + 1}号`,
  documentType: '行政规范性文件',
  catalogueItemIds: [],
  needsInterpretation: false,
  forwardsDocumentId: i === 2 ? 'doc-a' : null,
  by: drafter,
});

const FC_SEED = Number(process.env.FC_SEED ?? 20261127);

describe('property: no public query ever returns a document whose current attribute is not 主动公开', () => {
  it('holds for the pure projection and public query functions over random command sequences', () => {
    const seen = { public: 0, issuedNotPublic: 0 };
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 60, size: 'max' }), (steps) => {
        const states: DocumentState[] = ids.map(() => decider.initialState);
        const views: (DocumentView | null)[] = ids.map(() => null);
        const apply = (i: number, events: DocumentEvent[]) => {
          for (const event of events) {
            states[i] = decider.evolve(states[i], event);
            views[i] = applyToDocumentView(views[i], { ...event, occurredAt: '2026-01-01T00:00:00.000Z' });
          }
        };
        ids.forEach((_, i) => apply(i, decider.decide(registerCommand(i), states[i]) as DocumentEvent[]));
        for (const s of steps) {
          const result = decider.decide(commandOf(s, states), states[s.doc]);
          if (!(result instanceof DomainError)) apply(s.doc, result);
          // after every step: the portal list and detail agree with the decider's truth
          views.forEach((view, i) => {
            const state = states[i];
            const truthPublic = state.status === 'registered' && state.phase === 'issued' && state.attribute === '主动公开';
            const listed = view !== null && matchesPublicFilter(view) && toPublicDocument(view) !== null;
            if (listed) expect(truthPublic).toBe(true);
            if (truthPublic) seen.public += 1;
            else if (state.status === 'registered' && state.phase === 'issued') seen.issuedNotPublic += 1;
            if (!truthPublic && view) expect(toPublicDocument(view)).toBeNull();
            // and nothing public is hidden either
            if (truthPublic) expect(listed).toBe(true);
          });
        }
      }),
      // A fixed seed: how many sequences reach each kind of document varies a lot with the seed (31 to
      // 211 public ones measured), and the non-vacuity check below must not depend on luck.
      // FC_SEED=<n> explores other sequences.
      { numRuns: 300, seed: FC_SEED },
    );
    // the generator does reach both kinds of issued document, so the property is not vacuous
    expect(seen.public).toBeGreaterThan(50);
    expect(seen.issuedNotPublic).toBeGreaterThan(50);
  });

  describe('over HTTP against the real read model (FerretDB)', () => {
    let app: INestApplication;
    let commands: CommandHandler;
    let projection: DocumentsProjection;
    const definition: AppDefinition = { shape: 'standalone', title: 'property test', modules: () => [DocumentAttributesModule] };
    beforeAll(async () => {
      ({ app } = await createApp(definition, isolatedEnv()));
      await app.init();
      commands = app.get(CommandHandler);
      projection = app.get(DocumentsProjection);
    });
    afterAll(() => app.close());

    it('the portal list, search and detail show only documents whose attribute in the event store is 主动公开', async () => {
      const tokens = {
        clerk: await signDevToken(TEST_JWT_SECRET, { userId: 'wang', role: 'clerk', unitId: 'TEZ-EDU' }),
        reviewer: await signDevToken(TEST_JWT_SECRET, { userId: 'li', role: 'reviewer', unitId: 'TEZ-EDU' }),
      };
      let run = 0;
      const httpSeen = { public: 0, other: 0 };
      await fc.assert(
        fc.asyncProperty(fc.array(httpStep, { minLength: 8, maxLength: 20, size: 'max' }), async (steps) => {
          run += 1;
          const server = app.getHttpServer();
          const docIds: string[] = [];
          for (let i = 0; i < 3; i += 1) {
            const response = await request(server)
              .post('/api/document-attributes/documents')
              .set('Authorization', `Bearer ${tokens.clerk}`)
              .send({
                title: `公文${run}-${i}`,
                documentNumber: `台教体发〔2025〕${run * 10 + i}号`,
                documentType: '其他',
                needsInterpretation: false,
                forwardsDocumentId: i === 2 ? (docIds[0] ?? null) : null,
              });
            expect(response.status).toBe(201);
            docIds.push(response.body.documentId);
          }
          const phases = ['drafting', 'drafting', 'drafting'] as ('drafting' | 'proposed' | 'confirmed' | 'issued')[];
          for (const s of steps) {
            const id = docIds[s.doc];
            const phase = phases[s.doc];
            const kind = s.chaos ? s.kind : phase === 'issued' ? s.afterIssue : NEXT_ACTION[phase];
            const send = (path: string, token: string, body: object) =>
              request(server).post(`/api/document-attributes/documents/${id}/${path}`).set('Authorization', `Bearer ${token}`).send(body);
            const strip = <T extends object>(o: T) =>
              Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
            let response: request.Response;
            // outside chaos, a proposal or change is well-formed (ground only when not 主动公开), so histories get far
            const choice = s.chaos
              ? { attribute: s.attribute, legalBasis: s.legalBasis, reason: s.reason }
              : {
                  attribute: s.attribute,
                  legalBasis: s.attribute === '主动公开' ? null : (s.legalBasis ?? 'STATE_SECRET'),
                  reason: '理由充分的说明',
                };
            if (kind === 'propose')
              response = await send(
                'attribute-proposal',
                tokens.clerk,
                strip({ ...choice, attribute: s.doc === 2 ? undefined : choice.attribute }),
              );
            else if (kind === 'review')
              response = await send('confidentiality-review', tokens.reviewer, strip({ outcome: s.outcome, ...choice }));
            else if (kind === 'issue') response = await send('issue', tokens.clerk, { issuedOn: s.on });
            else if (kind === 'publish')
              response = await send('publications', tokens.clerk, {
                channel: '政府网站',
                url: 'https://www.tez.gov.cn/a.html',
                publishedOn: s.on,
              });
            else response = await send('invalidation', tokens.clerk, { status: s.status, effectiveOn: s.on, legalBasis: '清理决定' });
            expect(response.status).toBeLessThan(500); // refusals are fine; crashes are not
            if (response.status === 200 && response.body.phase) phases[s.doc] = response.body.phase;
          }
          // the truth, from the event store
          const truth = new Map<string, boolean>();
          for (const id of docIds) {
            const { state, revision } = await commands.load(decider, documentStreamId(id));
            truth.set(id, state.status === 'registered' && state.phase === 'issued' && state.attribute === '主动公开');
            // wait until the read model has caught up with this document
            await eventually(
              async () => ((await projection.appliedRevision(id)) >= revision ? true : undefined),
              20000,
              `read model of ${id}`,
            );
          }
          truth.forEach((isPublic) => (isPublic ? (httpSeen.public += 1) : (httpSeen.other += 1)));
          const list = await request(server).get('/api/document-attributes/public/documents').expect(200);
          for (const doc of list.body.documents as { documentId: string }[]) {
            if (truth.has(doc.documentId)) expect(truth.get(doc.documentId)).toBe(true);
          }
          expect(list.body.total).toBe(list.body.documents.length);
          for (const id of docIds) {
            const detail = await request(server).get(`/api/document-attributes/public/documents/${id}`);
            expect(detail.status).toBe(truth.get(id) ? 200 : 404);
            const search = await request(server)
              .get(`/api/document-attributes/public/documents?q=${encodeURIComponent(`公文${run}-${docIds.indexOf(id)}`)}`)
              .expect(200);
            expect(search.body.total).toBe(truth.get(id) ? 1 : 0);
          }
        }),
        { numRuns: 20, seed: FC_SEED },
      );
      expect(httpSeen.public).toBeGreaterThan(0); // not vacuous: some documents do become public
      expect(httpSeen.other).toBeGreaterThan(0);
    }, 240000);
  });
});
