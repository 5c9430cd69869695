import { DomainError, fold } from '@gongkai/platform/domain';
import type { DocumentEvent, RegisteredDocument } from './document';
import { documentDecider, type CommandActor, type DocumentCommand } from './document.decide';

const given = (...events: DocumentEvent[]) => fold(documentDecider, events);
const when = (events: DocumentEvent[], command: DocumentCommand) => documentDecider.decide(command, given(...events));
const then = (events: DocumentEvent[], command: DocumentCommand): DocumentEvent[] => {
  const result = when(events, command);
  if (result instanceof DomainError) throw new Error(`expected events, got ${result.code}: ${result.detail}`);
  return result;
};
const state = (...events: DocumentEvent[]) => given(...events) as RegisteredDocument;

const drafter: CommandActor = { userId: 'clerk-wang', role: 'clerk', unitId: 'TEZ-EDU' };
const reviewer: CommandActor = { userId: 'reviewer-li', role: 'reviewer', unitId: 'TEZ-EDU' };
const head: CommandActor = { userId: 'head-zhao', role: 'office_head', unitId: 'TEZ-EDU' };

const registered: DocumentEvent = {
  type: 'document-attributes.DocumentRegistered',
  data: {
    documentId: 'doc-1',
    unitId: 'TEZ-EDU',
    title: '关于做好2026年义务教育招生入学工作的通知',
    documentNumber: '台教体发〔2026〕3号',
    documentType: '行政规范性文件',
    catalogueItemIds: ['ITEM-EDU-01'],
    needsInterpretation: true,
    forwardsDocumentId: null,
    draftedBy: 'clerk-wang',
  },
};

const proposedPublic: DocumentEvent = {
  type: 'document-attributes.AttributeProposed',
  data: {
    documentId: 'doc-1',
    unitId: 'TEZ-EDU',
    attribute: '主动公开',
    legalBasis: null,
    reason: null,
    redactedAnnexes: [],
    inheritedFrom: null,
    proposedBy: 'clerk-wang',
  },
};
const proposedWithheld: DocumentEvent = {
  type: 'document-attributes.AttributeProposed',
  data: { ...proposedPublic.data, attribute: '不予公开', legalBasis: 'PROCESS_INFORMATION', reason: '属于内部请示报告' } as never,
};
const approved = (attribute: '主动公开' | '依申请公开' | '不予公开', legalBasis: string | null = null): DocumentEvent => ({
  type: 'document-attributes.ConfidentialityReviewed',
  data: {
    documentId: 'doc-1',
    unitId: 'TEZ-EDU',
    outcome: 'approved',
    attribute,
    previousAttribute: attribute,
    legalBasis: legalBasis as never,
    reason: null,
    redactedAnnexes: [],
    reviewedBy: 'reviewer-li',
  },
});
const issue = (events: DocumentEvent[], issuedOn = '2026-03-02') => then(events, { type: 'IssueDocument', issuedOn, by: head });
const issuedWithheld = (): DocumentEvent[] => {
  const history = [registered, proposedWithheld, approved('不予公开', 'PROCESS_INFORMATION')];
  return [...history, ...issue(history, '2025-03-03')];
};

describe('document decider: register (登记)', () => {
  const register = (overrides: Partial<Extract<DocumentCommand, { type: 'RegisterDocument' }>> = {}): DocumentCommand => ({
    type: 'RegisterDocument',
    documentId: 'doc-1',
    unitId: 'TEZ-EDU',
    title: '关于做好2026年义务教育招生入学工作的通知',
    documentNumber: '台教体发〔2026〕3号',
    documentType: '行政规范性文件',
    catalogueItemIds: ['ITEM-EDU-01', 'ITEM-EDU-01'],
    needsInterpretation: true,
    forwardsDocumentId: null,
    by: drafter,
    ...overrides,
  });

  it('registers a document at drafting, recording the drafter and de-duplicated catalogue references', () => {
    expect(then([], register())).toEqual([registered]);
    expect(state(registered)).toMatchObject({ phase: 'drafting', attribute: null, validity: '现行有效' });
  });

  it.each(['台政办发2020第10号', '台政办发〔20〕10号', '台政办发〔2020〕0号', '〔2020〕10号', '台政办发〔2020〕10'])(
    'refuses the malformed document number %s',
    (documentNumber) => {
      expect(when([], register({ documentNumber }))).toMatchObject({ kind: 'validation', code: 'DOCUMENT_NUMBER_INVALID' });
    },
  );

  it('accepts the seed document number 台政办发〔2020〕10号', () => {
    expect(when([], register({ documentNumber: '台政办发〔2020〕10号' }))).toHaveLength(1);
  });

  it('refuses to register the same document twice, or a document that forwards itself', () => {
    expect(when([registered], register())).toMatchObject({ kind: 'conflict', code: 'DOCUMENT_ALREADY_REGISTERED' });
    expect(when([], register({ forwardsDocumentId: 'doc-1' }))).toMatchObject({ code: 'FORWARDS_ITSELF' });
  });

  it('refuses anything but registration for an unknown document', () => {
    expect(when([], { type: 'IssueDocument', issuedOn: '2026-03-02', by: head })).toMatchObject({
      kind: 'not_found',
      code: 'DOCUMENT_NOT_FOUND',
    });
  });
});

describe('document decider: attribute proposal (源头认定)', () => {
  it('proposes 主动公开 without a ground', () => {
    expect(then([registered], { type: 'ProposeAttribute', attribute: '主动公开', by: drafter })).toEqual([proposedPublic]);
  });

  it('refuses 不予公开 without a ground', () => {
    expect(when([registered], { type: 'ProposeAttribute', attribute: '不予公开', reason: '涉及内部讨论', by: drafter })).toMatchObject({
      kind: 'rule',
      code: 'GROUND_REQUIRED',
      detail: expect.stringContaining('第十四条至第十六条'),
    });
  });

  it('refuses 依申请公开 without a ground, and either without a reason', () => {
    expect(when([registered], { type: 'ProposeAttribute', attribute: '依申请公开', reason: '仅涉及特定对象', by: drafter })).toMatchObject({
      code: 'GROUND_REQUIRED',
    });
    expect(when([registered], { type: 'ProposeAttribute', attribute: '不予公开', legalBasis: 'STATE_SECRET', by: drafter })).toMatchObject({
      code: 'REASON_REQUIRED',
    });
    expect(
      when([registered], { type: 'ProposeAttribute', attribute: '依申请公开', legalBasis: 'PERSONAL_PRIVACY', reason: ' ', by: drafter }),
    ).toMatchObject({
      code: 'REASON_REQUIRED',
    });
  });

  it('proposes 不予公开 with a ground and a reason', () => {
    expect(
      then([registered], {
        type: 'ProposeAttribute',
        attribute: '不予公开',
        legalBasis: 'PROCESS_INFORMATION',
        reason: '属于内部请示报告',
        by: drafter,
      }),
    ).toEqual([proposedWithheld]);
  });

  it('refuses a ground on a 主动公开 document; its non-public parts are declared as redacted annexes, each with a ground', () => {
    expect(when([registered], { type: 'ProposeAttribute', attribute: '主动公开', legalBasis: 'TRADE_SECRET', by: drafter })).toMatchObject({
      code: 'GROUND_NOT_APPLICABLE',
    });
    const annex = { title: '附件3：投标企业报价明细', ground: 'TRADE_SECRET' as const, reason: '涉及企业商业秘密' };
    const [event] = then([registered], { type: 'ProposeAttribute', attribute: '主动公开', redactedAnnexes: [annex], by: drafter });
    expect(event.data).toMatchObject({ attribute: '主动公开', redactedAnnexes: [annex] });
  });

  it('refuses redacted annexes on a document that is not disclosed as a whole', () => {
    const annex = { title: '附件1', ground: 'TRADE_SECRET' as const, reason: '涉及商业秘密' };
    expect(
      when([registered], {
        type: 'ProposeAttribute',
        attribute: '不予公开',
        legalBasis: 'STATE_SECRET',
        reason: '属于国家秘密',
        redactedAnnexes: [annex],
        by: drafter,
      }),
    ).toMatchObject({ code: 'REDACTED_ANNEXES_ONLY_FOR_PUBLIC' });
  });

  it('refuses a proposal once it is under review', () => {
    expect(when([registered, proposedPublic], { type: 'ProposeAttribute', attribute: '主动公开', by: drafter })).toMatchObject({
      code: 'NOT_IN_DRAFTING',
    });
  });

  describe('a forwarding document (转发文件) inherits the attribute of what it forwards', () => {
    const forwarding: DocumentEvent = {
      type: 'document-attributes.DocumentRegistered',
      data: {
        ...(registered.data as object),
        documentId: 'doc-2',
        documentNumber: '台教体发〔2026〕4号',
        forwardsDocumentId: 'doc-1',
      } as never,
    };
    const forwarded = {
      documentId: 'doc-1',
      attribute: '依申请公开' as const,
      legalBasis: 'PERSONAL_PRIVACY' as const,
      reason: '涉及学生个人信息',
    };

    it('takes the forwarded attribute, ground and reason when none is given', () => {
      const [event] = then([forwarding], { type: 'ProposeAttribute', forwarded, by: drafter });
      expect(event.data).toMatchObject({
        attribute: '依申请公开',
        legalBasis: 'PERSONAL_PRIVACY',
        reason: '涉及学生个人信息',
        inheritedFrom: 'doc-1',
      });
    });

    it('refuses a different attribute, at proposal and at review', () => {
      expect(when([forwarding], { type: 'ProposeAttribute', attribute: '主动公开', forwarded, by: drafter })).toMatchObject({
        code: 'FORWARDING_MUST_INHERIT',
      });
      const proposed = then([forwarding], { type: 'ProposeAttribute', forwarded, by: drafter });
      expect(
        when([forwarding, ...proposed], {
          type: 'ReviewAttribute',
          outcome: 'change',
          attribute: '主动公开',
          reason: '可以公开',
          by: reviewer,
        }),
      ).toMatchObject({ code: 'FORWARDING_MUST_INHERIT' });
    });

    it('cannot be proposed while the forwarded attribute is unknown', () => {
      expect(when([forwarding], { type: 'ProposeAttribute', attribute: '主动公开', by: drafter })).toMatchObject({
        code: 'FORWARDED_ATTRIBUTE_UNKNOWN',
      });
      expect(when([forwarding], { type: 'ProposeAttribute', forwarded: { ...forwarded, attribute: null }, by: drafter })).toMatchObject({
        code: 'FORWARDED_ATTRIBUTE_UNKNOWN',
      });
      expect(when([forwarding], { type: 'ProposeAttribute', forwarded: { ...forwarded, documentId: 'doc-9' }, by: drafter })).toMatchObject(
        {
          code: 'FORWARDED_ATTRIBUTE_UNKNOWN',
        },
      );
    });

    it('inherits 主动公开 without a ground', () => {
      const [event] = then([forwarding], {
        type: 'ProposeAttribute',
        forwarded: { documentId: 'doc-1', attribute: '主动公开', legalBasis: null, reason: null },
        by: drafter,
      });
      expect(event.data).toMatchObject({ attribute: '主动公开', legalBasis: null, inheritedFrom: 'doc-1' });
    });
  });
});

describe('document decider: confidentiality review (保密审查)', () => {
  it('the drafter cannot review their own document, even holding the reviewer role', () => {
    const drafterAsReviewer: CommandActor = { ...drafter, role: 'reviewer' };
    expect(when([registered, proposedPublic], { type: 'ReviewAttribute', outcome: 'approve', by: drafterAsReviewer })).toMatchObject({
      kind: 'forbidden',
      code: 'SELF_REVIEW_FORBIDDEN',
    });
  });

  it('whoever proposed the attribute cannot review it either', () => {
    const proposedByOther = { ...proposedPublic, data: { ...proposedPublic.data, proposedBy: 'clerk-sun' } } as DocumentEvent;
    expect(
      when([registered, proposedByOther], {
        type: 'ReviewAttribute',
        outcome: 'approve',
        by: { userId: 'clerk-sun', role: 'reviewer', unitId: 'TEZ-EDU' },
      }),
    ).toMatchObject({ code: 'SELF_REVIEW_FORBIDDEN' });
  });

  it('only the reviewer role reviews', () => {
    expect(when([registered, proposedPublic], { type: 'ReviewAttribute', outcome: 'approve', by: head })).toMatchObject({
      kind: 'forbidden',
      code: 'REVIEWER_ROLE_REQUIRED',
    });
  });

  it('approves the proposal', () => {
    expect(then([registered, proposedPublic], { type: 'ReviewAttribute', outcome: 'approve', by: reviewer })).toEqual([
      approved('主动公开'),
    ]);
    expect(state(registered, proposedPublic, approved('主动公开'))).toMatchObject({ phase: 'confirmed', attribute: '主动公开' });
  });

  it('changes the attribute with a reason and a ground, recording the previous one', () => {
    const events = then([registered, proposedPublic], {
      type: 'ReviewAttribute',
      outcome: 'change',
      attribute: '依申请公开',
      legalBasis: 'PERSONAL_PRIVACY',
      reason: '附件含学生身份信息',
      by: reviewer,
    });
    expect(events[0].data).toMatchObject({
      outcome: 'changed',
      previousAttribute: '主动公开',
      attribute: '依申请公开',
      legalBasis: 'PERSONAL_PRIVACY',
      reviewedBy: 'reviewer-li',
    });
    expect(state(registered, proposedPublic, ...events)).toMatchObject({
      phase: 'confirmed',
      attribute: '依申请公开',
      legalBasis: 'PERSONAL_PRIVACY',
    });
  });

  it('refuses a change without a reason, or to 不予公开 without a ground', () => {
    expect(
      when([registered, proposedPublic], {
        type: 'ReviewAttribute',
        outcome: 'change',
        attribute: '不予公开',
        legalBasis: 'STATE_SECRET',
        by: reviewer,
      }),
    ).toMatchObject({
      code: 'REASON_REQUIRED',
    });
    expect(
      when([registered, proposedPublic], {
        type: 'ReviewAttribute',
        outcome: 'change',
        attribute: '不予公开',
        reason: '涉密',
        by: reviewer,
      }),
    ).toMatchObject({
      code: 'GROUND_REQUIRED',
    });
  });

  it('returns the proposal to the drafter with a reason; the drafter proposes again', () => {
    expect(when([registered, proposedPublic], { type: 'ReviewAttribute', outcome: 'return', by: reviewer })).toMatchObject({
      code: 'REASON_REQUIRED',
    });
    const returned = then([registered, proposedPublic], {
      type: 'ReviewAttribute',
      outcome: 'return',
      reason: '请核实附件是否含个人信息',
      by: reviewer,
    });
    expect(returned[0].data).toMatchObject({ outcome: 'returned', attribute: null });
    expect(state(registered, proposedPublic, ...returned).phase).toBe('drafting');
    expect(when([registered, proposedPublic, ...returned], { type: 'ProposeAttribute', attribute: '主动公开', by: drafter })).toHaveLength(
      1,
    );
    expect(when([registered, proposedPublic, ...returned], { type: 'IssueDocument', issuedOn: '2026-03-02', by: head })).toMatchObject({
      code: 'REVIEW_NOT_PASSED',
    });
  });

  it('refuses a review when nothing awaits it', () => {
    expect(when([registered], { type: 'ReviewAttribute', outcome: 'approve', by: reviewer })).toMatchObject({
      code: 'NOT_AWAITING_REVIEW',
    });
  });
});

describe('document decider: issue and marking (印发与标注)', () => {
  it('refuses to issue before the review confirmed the attribute', () => {
    expect(when([registered, proposedPublic], { type: 'IssueDocument', issuedOn: '2026-03-02', by: head })).toMatchObject({
      code: 'REVIEW_NOT_PASSED',
    });
  });

  it('issues a 主动公开 document with its marking and a publication due date 20 working days later', () => {
    // 2026-03-02 is a Monday; no holidays in March 2026: the 20th working day after is Monday 2026-03-30.
    expect(issue([registered, proposedPublic, approved('主动公开')])).toEqual([
      {
        type: 'document-attributes.DocumentIssued',
        data: {
          documentId: 'doc-1',
          unitId: 'TEZ-EDU',
          title: '关于做好2026年义务教育招生入学工作的通知',
          documentNumber: '台教体发〔2026〕3号',
          documentType: '行政规范性文件',
          attribute: '主动公开',
          marking: '（此件公开发布）',
          needsInterpretation: true,
          approvedBy: 'head-zhao',
          issuedOn: '2026-03-02',
          publicationDueOn: '2026-03-30',
        },
      },
    ]);
  });

  it('counts the statutory calendar: holidays skipped, make-up working days (调休) counted', () => {
    // Friday 2025-09-26: Sun 09-28 is a make-up day, 10-01..10-08 off, Sat 10-11 a make-up day.
    const [event] = issue([registered, proposedPublic, approved('主动公开')], '2025-09-26');
    expect(event.data).toMatchObject({ publicationDueOn: '2025-10-30' });
  });

  it.each([
    ['依申请公开', 'PERSONAL_PRIVACY', '（此件依申请公开）'],
    ['不予公开', 'STATE_SECRET', '此件不予公开'],
  ] as const)('marks a %s document %s-grounded as %s, with no publication due date', (attribute, ground, marking) => {
    const proposed = {
      ...proposedPublic,
      data: { ...proposedPublic.data, attribute, legalBasis: ground, reason: '理由说明' },
    } as DocumentEvent;
    const [event] = issue([registered, proposed, approved(attribute, ground)]);
    expect(event.data).toMatchObject({ attribute, marking, publicationDueOn: null, ground });
  });

  it('refuses to issue twice, and a date outside the statutory calendar', () => {
    const history = [registered, proposedPublic, approved('主动公开')];
    const issued = issue(history);
    expect(when([...history, ...issued], { type: 'IssueDocument', issuedOn: '2026-03-03', by: head })).toMatchObject({
      code: 'ALREADY_ISSUED',
    });
    expect(when(history, { type: 'IssueDocument', issuedOn: '2031-01-05', by: head })).toMatchObject({ code: 'CALENDAR_OUT_OF_RANGE' });
    expect(when(history, { type: 'IssueDocument', issuedOn: '2026-02-30', by: head })).toMatchObject({ code: 'INVALID_DATE' });
  });
});

describe('document decider: publication (公开发布)', () => {
  const history = [registered, proposedPublic, approved('主动公开')];
  const issued = () => [...history, ...issue(history)];
  const publish = (publishedOn: string, channel = '政府网站'): DocumentCommand => ({
    type: 'RecordPublication',
    channel,
    url: 'https://www.tez.gov.cn/zwgk/doc-1.html',
    publishedOn,
    by: drafter,
  });

  it('records a timely publication, and flags a late one', () => {
    expect(then(issued(), publish('2026-03-30'))[0].data).toMatchObject({ late: false, channel: '政府网站' });
    expect(then(issued(), publish('2026-03-31'))[0].data).toMatchObject({ late: true });
  });

  it('judges lateness with the calendar of the publication day, not the due date stored at issue (ADR 0009)', () => {
    // As if issued while the year's holiday arrangement was not loaded: the stored due date is 5 days early.
    const [event] = issue(history);
    const staleDue = { ...event, data: { ...event.data, publicationDueOn: '2026-03-25' } } as DocumentEvent;
    expect(then([...history, staleDue], publish('2026-03-30'))[0].data).toMatchObject({ late: false });
    expect(then([...history, staleDue], publish('2026-03-31'))[0].data).toMatchObject({ late: true });
  });

  it('refuses to publish a non-public or unissued document, before the issue date, or twice on one channel', () => {
    expect(when(history, publish('2026-03-05'))).toMatchObject({ code: 'NOT_ISSUED' });
    expect(when(issuedWithheld(), publish('2025-03-05'))).toMatchObject({ code: 'NOT_PROACTIVE' });
    expect(when(issued(), publish('2026-03-01'))).toMatchObject({ code: 'PUBLISHED_BEFORE_ISSUE' });
    const once = [...issued(), ...then(issued(), publish('2026-03-04'))];
    expect(when(once, publish('2026-03-05'))).toMatchObject({ code: 'ALREADY_PUBLISHED_ON_CHANNEL' });
    expect(when(once, publish('2026-03-05', '政府公报'))).toHaveLength(1);
  });
});

describe('document decider: yearly review (年度评估)', () => {
  const open = (events: DocumentEvent[]) => [...events, ...then(events, { type: 'OpenYearlyReview', year: 2025 })];

  it('opens a review task for a withheld document, once per year (a redelivery is a no-op)', () => {
    const opened = open(issuedWithheld());
    expect(opened[opened.length - 1]).toEqual({
      type: 'document-attributes.YearlyReviewOpened',
      data: { documentId: 'doc-1', unitId: 'TEZ-EDU', year: 2025, attribute: '不予公开' },
    });
    expect(when(opened, { type: 'OpenYearlyReview', year: 2025 })).toEqual([]);
  });

  it('does not review a 主动公开 document', () => {
    const history = [registered, proposedPublic, approved('主动公开')];
    expect(when([...history, ...issue(history)], { type: 'OpenYearlyReview', year: 2026 })).toMatchObject({
      code: 'NOT_SUBJECT_TO_REVIEW',
    });
  });

  it('release makes it 主动公开 with a publication due date in working days', () => {
    const opened = open(issuedWithheld());
    const events = then(opened, {
      type: 'DecideYearlyReview',
      year: 2025,
      decision: 'release',
      reason: '情况变化，已可公开',
      decidedOn: '2025-09-26',
      by: head,
    });
    expect(events[0].data).toMatchObject({
      decision: 'release',
      previousAttribute: '不予公开',
      attribute: '主动公开',
      legalBasis: null,
      publicationDueOn: '2025-10-30',
    });
    const after = state(...opened, ...events);
    expect(after).toMatchObject({ attribute: '主动公开', publicationDueOn: '2025-10-30', openReviewYear: null, reviewedYears: [2025] });
    // once released it can be published
    expect(
      when([...opened, ...events], {
        type: 'RecordPublication',
        channel: '政府网站',
        url: 'https://www.tez.gov.cn/a.html',
        publishedOn: '2025-10-09',
        by: drafter,
      }),
    ).toHaveLength(1);
  });

  it('keep requires a reason and keeps the ground', () => {
    const opened = open(issuedWithheld());
    expect(
      when(opened, { type: 'DecideYearlyReview', year: 2025, decision: 'keep', reason: '', decidedOn: '2025-09-26', by: head }),
    ).toMatchObject({
      code: 'REASON_REQUIRED',
    });
    const [event] = then(opened, {
      type: 'DecideYearlyReview',
      year: 2025,
      decision: 'keep',
      reason: '仍属过程性信息',
      decidedOn: '2025-09-26',
      by: head,
    });
    expect(event.data).toMatchObject({
      decision: 'keep',
      attribute: '不予公开',
      legalBasis: 'PROCESS_INFORMATION',
      publicationDueOn: null,
    });
  });

  it('refuses a decision without an open task, and a second decision', () => {
    expect(
      when(issuedWithheld(), {
        type: 'DecideYearlyReview',
        year: 2025,
        decision: 'release',
        reason: '可以公开',
        decidedOn: '2025-09-26',
        by: head,
      }),
    ).toMatchObject({
      code: 'NO_OPEN_REVIEW',
    });
    const opened = open(issuedWithheld());
    const decided = [
      ...opened,
      ...then(opened, {
        type: 'DecideYearlyReview',
        year: 2025,
        decision: 'keep',
        reason: '仍属过程性信息',
        decidedOn: '2025-09-26',
        by: head,
      }),
    ];
    expect(
      when(decided, { type: 'DecideYearlyReview', year: 2025, decision: 'release', reason: '可以公开', decidedOn: '2025-09-27', by: head }),
    ).toMatchObject({
      code: 'NO_OPEN_REVIEW',
    });
    expect(when(decided, { type: 'OpenYearlyReview', year: 2025 })).toEqual([]);
  });
});

describe('document decider: validity (失效/废止)', () => {
  it('declares an issued document repealed with date and basis, once', () => {
    const issued = issuedWithheld();
    const events = then(issued, {
      type: 'InvalidateDocument',
      status: '废止',
      effectiveOn: '2025-12-01',
      legalBasis: '台政办发〔2025〕20号决定废止',
    });
    expect(events[0].data).toMatchObject({ status: '废止', effectiveOn: '2025-12-01', campaignId: null });
    expect(
      when([...issued, ...events], { type: 'InvalidateDocument', status: '失效', effectiveOn: '2025-12-02', legalBasis: '有效期届满' }),
    ).toMatchObject({
      code: 'ALREADY_INVALID',
    });
    expect(when([...issued, ...events], { type: 'OpenYearlyReview', year: 2026 })).toMatchObject({ code: 'NOT_SUBJECT_TO_REVIEW' });
  });

  it('refuses before issue, a date before the issue date, or without a basis', () => {
    expect(
      when([registered], { type: 'InvalidateDocument', status: '失效', effectiveOn: '2025-12-01', legalBasis: '有效期届满' }),
    ).toMatchObject({ code: 'NOT_ISSUED' });
    expect(
      when(issuedWithheld(), { type: 'InvalidateDocument', status: '失效', effectiveOn: '2025-01-01', legalBasis: '有效期届满' }),
    ).toMatchObject({
      code: 'INVALID_BEFORE_ISSUE',
    });
    expect(when(issuedWithheld(), { type: 'InvalidateDocument', status: '失效', effectiveOn: '2025-12-01', legalBasis: '' })).toMatchObject(
      { code: 'BASIS_REQUIRED' },
    );
  });
});

describe('document decider: suggestion to make it proactive (Art. 44)', () => {
  const received = (events: DocumentEvent[]) => [
    ...events,
    ...then(events, { type: 'ReceiveDisclosureSuggestion', suggestionId: 'sug-1', requestCount: 5, suggestedOn: '2025-06-02' }),
  ];

  it('records a suggestion once; ignores it for a proactive document', () => {
    const withSuggestion = received(issuedWithheld());
    expect(state(...withSuggestion).pendingSuggestion).toEqual({ suggestionId: 'sug-1', requestCount: 5, suggestedOn: '2025-06-02' });
    expect(
      when(withSuggestion, { type: 'ReceiveDisclosureSuggestion', suggestionId: 'sug-1', requestCount: 5, suggestedOn: '2025-06-02' }),
    ).toEqual([]);
    const history = [registered, proposedPublic, approved('主动公开')];
    expect(
      when([...history, ...issue(history)], {
        type: 'ReceiveDisclosureSuggestion',
        suggestionId: 'sug-2',
        requestCount: 3,
        suggestedOn: '2026-06-02',
      }),
    ).toEqual([]);
  });

  it('accepting makes the document 主动公开 with a due date; declining needs a reason and keeps it', () => {
    const withSuggestion = received(issuedWithheld());
    const accepted = then(withSuggestion, {
      type: 'AnswerDisclosureSuggestion',
      suggestionId: 'sug-1',
      answer: 'accepted',
      reason: '申请较多，转为主动公开',
      answeredOn: '2025-09-26',
      by: head,
    });
    expect(accepted[0].data).toMatchObject({ publicationDueOn: '2025-10-30' });
    expect(state(...withSuggestion, ...accepted)).toMatchObject({ attribute: '主动公开', pendingSuggestion: null });

    expect(
      when(withSuggestion, {
        type: 'AnswerDisclosureSuggestion',
        suggestionId: 'sug-1',
        answer: 'declined',
        reason: '',
        answeredOn: '2025-09-26',
        by: head,
      }),
    ).toMatchObject({
      code: 'REASON_REQUIRED',
    });
    const declined = then(withSuggestion, {
      type: 'AnswerDisclosureSuggestion',
      suggestionId: 'sug-1',
      answer: 'declined',
      reason: '涉及个人隐私',
      answeredOn: '2025-09-26',
      by: head,
    });
    expect(state(...withSuggestion, ...declined)).toMatchObject({ attribute: '不予公开', pendingSuggestion: null });
    expect(
      when([...withSuggestion, ...declined], {
        type: 'AnswerDisclosureSuggestion',
        suggestionId: 'sug-1',
        answer: 'accepted',
        reason: '再议',
        answeredOn: '2025-09-27',
        by: head,
      }),
    ).toMatchObject({
      code: 'NO_PENDING_SUGGESTION',
    });
  });
});
