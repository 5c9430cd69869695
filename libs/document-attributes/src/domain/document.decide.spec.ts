import type { Actor } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { DomainError } from '@gongkai/platform/domain';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';
import type { DocumentEvent, RegisteredDocument } from './document';
import { documentDecider, type DocumentCommand } from './document.decide';

const spec = deciderSpec(documentDecider(defaultWorkingDayCalendar()));
/** The events the decider records for a command it accepts: the next step's history. */
const recorded = (history: DocumentEvent[], command: DocumentCommand): DocumentEvent[] => {
  const decision = spec.given(...history).when(command).decision;
  if (decision instanceof DomainError) throw new Error(`expected events, got ${decision.code}: ${decision.detail}`);
  return decision;
};
const state = (...events: DocumentEvent[]) => spec.given(...events).state as RegisteredDocument;

const drafter: Actor = { userId: 'clerk-wang', role: 'clerk', unitId: 'TEZ-EDU' };
const reviewer: Actor = { userId: 'reviewer-li', role: 'reviewer', unitId: 'TEZ-EDU' };
const head: Actor = { userId: 'head-zhao', role: 'office_head', unitId: 'TEZ-EDU' };

const registeredData = {
  documentId: 'doc-1',
  unitId: 'TEZ-EDU',
  title: '关于做好2026年义务教育招生入学工作的通知',
  documentNumber: '台教体发〔2026〕3号',
  documentType: '行政规范性文件' as const,
  catalogueItemIds: ['ITEM-EDU-01'],
  needsInterpretation: true,
  forwardsDocumentId: null,
  draftedBy: 'clerk-wang',
};
const registered: DocumentEvent = { type: 'document-attributes.DocumentRegistered', data: registeredData };

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
const issue = (events: DocumentEvent[], issuedOn = '2026-03-02') => recorded(events, { type: 'IssueDocument', issuedOn, by: head });
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
    spec.given().when(register()).then([registered]);
    expect(state(registered)).toMatchObject({ phase: 'drafting', attribute: null, validity: '现行有效' });
  });

  it.each(['台政办发2020第10号', '台政办发〔20〕10号', '台政办发〔2020〕0号', '〔2020〕10号', '台政办发〔2020〕10'])(
    'refuses the malformed document number %s',
    (documentNumber) => {
      spec.given().when(register({ documentNumber })).thenError('DOCUMENT_NUMBER_INVALID', { kind: 'validation' });
    },
  );

  it('accepts the seed document number 台政办发〔2020〕10号', () => {
    expect(spec.given().when(register({ documentNumber: '台政办发〔2020〕10号' })).decision).toHaveLength(1);
  });

  it('refuses to register the same document twice, or a document that forwards itself', () => {
    spec.given(registered).when(register()).thenError('DOCUMENT_ALREADY_REGISTERED', { kind: 'conflict' });
    spec
      .given()
      .when(register({ forwardsDocumentId: 'doc-1' }))
      .thenError('FORWARDS_ITSELF');
  });

  it('refuses anything but registration for an unknown document', () => {
    spec.given().when({ type: 'IssueDocument', issuedOn: '2026-03-02', by: head }).thenError('DOCUMENT_NOT_FOUND', { kind: 'not_found' });
  });
});

describe('document decider: attribute proposal (源头认定)', () => {
  it('proposes 主动公开 without a ground', () => {
    spec.given(registered).when({ type: 'ProposeAttribute', attribute: '主动公开', by: drafter }).then([proposedPublic]);
  });

  it('refuses 不予公开 without a ground', () => {
    spec
      .given(registered)
      .when({ type: 'ProposeAttribute', attribute: '不予公开', reason: '涉及内部讨论', by: drafter })
      .thenError('GROUND_REQUIRED', { kind: 'rule', detail: expect.stringContaining('第十四条至第十六条') });
  });

  it('依申请公开 takes a reason (outside Arts. 19–21), not an Art. 14–16 ground; 不予公开 takes both', () => {
    const [event] = recorded([registered], {
      type: 'ProposeAttribute',
      attribute: '依申请公开',
      reason: '仅涉及特定对象，不属于主动公开范围',
      by: drafter,
    });
    expect(event.data).toMatchObject({ attribute: '依申请公开', legalBasis: null, reason: '仅涉及特定对象，不属于主动公开范围' });
    spec
      .given(registered)
      .when({ type: 'ProposeAttribute', attribute: '依申请公开', legalBasis: 'PERSONAL_PRIVACY', reason: '仅涉及特定对象', by: drafter })
      .thenError('GROUND_NOT_APPLICABLE', { kind: 'rule' });
    spec
      .given(registered)
      .when({ type: 'ProposeAttribute', attribute: '不予公开', reason: '涉及国家秘密', by: drafter })
      .thenError('GROUND_REQUIRED');
    spec
      .given(registered)
      .when({ type: 'ProposeAttribute', attribute: '不予公开', legalBasis: 'STATE_SECRET', by: drafter })
      .thenError('REASON_REQUIRED');
    spec
      .given(registered)
      .when({ type: 'ProposeAttribute', attribute: '依申请公开', reason: ' ', by: drafter })
      .thenError('REASON_REQUIRED');
  });

  it('proposes 不予公开 with a ground and a reason', () => {
    spec
      .given(registered)
      .when({ type: 'ProposeAttribute', attribute: '不予公开', legalBasis: 'PROCESS_INFORMATION', reason: '属于内部请示报告', by: drafter })
      .then([proposedWithheld]);
  });

  it('refuses a ground on a 主动公开 document; its non-public parts are declared as redacted annexes, each with a ground', () => {
    spec
      .given(registered)
      .when({ type: 'ProposeAttribute', attribute: '主动公开', legalBasis: 'TRADE_SECRET', by: drafter })
      .thenError('GROUND_NOT_APPLICABLE');
    const annex = { title: '附件3：投标企业报价明细', ground: 'TRADE_SECRET' as const, reason: '涉及企业商业秘密' };
    const [event] = recorded([registered], { type: 'ProposeAttribute', attribute: '主动公开', redactedAnnexes: [annex], by: drafter });
    expect(event.data).toMatchObject({ attribute: '主动公开', redactedAnnexes: [annex] });
  });

  it('refuses redacted annexes on a document that is not disclosed as a whole', () => {
    const annex = { title: '附件1', ground: 'TRADE_SECRET' as const, reason: '涉及商业秘密' };
    spec
      .given(registered)
      .when({
        type: 'ProposeAttribute',
        attribute: '不予公开',
        legalBasis: 'STATE_SECRET',
        reason: '属于国家秘密',
        redactedAnnexes: [annex],
        by: drafter,
      })
      .thenError('REDACTED_ANNEXES_ONLY_FOR_PUBLIC');
  });

  it('refuses a proposal once it is under review', () => {
    spec
      .given(registered, proposedPublic)
      .when({ type: 'ProposeAttribute', attribute: '主动公开', by: drafter })
      .thenError('NOT_IN_DRAFTING');
  });

  describe('a forwarding document (转发文件) inherits the attribute of what it forwards', () => {
    const forwarding: DocumentEvent = {
      type: 'document-attributes.DocumentRegistered',
      data: { ...registeredData, documentId: 'doc-2', documentNumber: '台教体发〔2026〕4号', forwardsDocumentId: 'doc-1' },
    };
    const forwarded = {
      documentId: 'doc-1',
      attribute: '依申请公开' as const,
      legalBasis: null,
      reason: '涉及学生个人信息',
    };

    it('takes the forwarded attribute, ground and reason when none is given', () => {
      const [event] = recorded([forwarding], { type: 'ProposeAttribute', forwarded, by: drafter });
      expect(event.data).toMatchObject({
        attribute: '依申请公开',
        legalBasis: null,
        reason: '涉及学生个人信息',
        inheritedFrom: 'doc-1',
      });
      const withheld = { ...forwarded, attribute: '不予公开' as const, legalBasis: 'PERSONAL_PRIVACY' as const };
      const [inheritedWithheld] = recorded([forwarding], { type: 'ProposeAttribute', forwarded: withheld, by: drafter });
      expect(inheritedWithheld.data).toMatchObject({ attribute: '不予公开', legalBasis: 'PERSONAL_PRIVACY', reason: '涉及学生个人信息' });
    });

    it('drops a ground recorded on a forwarded 依申请公开 document before the rule changed', () => {
      const legacy = { ...forwarded, legalBasis: 'PERSONAL_PRIVACY' as const };
      const [event] = recorded([forwarding], { type: 'ProposeAttribute', forwarded: legacy, by: drafter });
      expect(event.data).toMatchObject({ attribute: '依申请公开', legalBasis: null });
    });

    it('refuses a different attribute, at proposal and at review', () => {
      spec
        .given(forwarding)
        .when({ type: 'ProposeAttribute', attribute: '主动公开', forwarded, by: drafter })
        .thenError('FORWARDING_MUST_INHERIT');
      const proposed = recorded([forwarding], { type: 'ProposeAttribute', forwarded, by: drafter });
      spec
        .given(forwarding, ...proposed)
        .when({ type: 'ReviewAttribute', outcome: 'change', attribute: '主动公开', reason: '可以公开', by: reviewer })
        .thenError('FORWARDING_MUST_INHERIT');
    });

    it('cannot be proposed while the forwarded attribute is unknown', () => {
      spec
        .given(forwarding)
        .when({ type: 'ProposeAttribute', attribute: '主动公开', by: drafter })
        .thenError('FORWARDED_ATTRIBUTE_UNKNOWN');
      spec
        .given(forwarding)
        .when({ type: 'ProposeAttribute', forwarded: { ...forwarded, attribute: null }, by: drafter })
        .thenError('FORWARDED_ATTRIBUTE_UNKNOWN');
      spec
        .given(forwarding)
        .when({ type: 'ProposeAttribute', forwarded: { ...forwarded, documentId: 'doc-9' }, by: drafter })
        .thenError('FORWARDED_ATTRIBUTE_UNKNOWN');
    });

    it('inherits 主动公开 without a ground', () => {
      const [event] = recorded([forwarding], {
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
    const drafterAsReviewer: Actor = { ...drafter, role: 'reviewer' };
    spec
      .given(registered, proposedPublic)
      .when({ type: 'ReviewAttribute', outcome: 'approve', by: drafterAsReviewer })
      .thenError('SELF_REVIEW_FORBIDDEN', { kind: 'forbidden' });
  });

  it('whoever proposed the attribute cannot review it either', () => {
    const proposedByOther = { ...proposedPublic, data: { ...proposedPublic.data, proposedBy: 'clerk-sun' } } as DocumentEvent;
    spec
      .given(registered, proposedByOther)
      .when({ type: 'ReviewAttribute', outcome: 'approve', by: { userId: 'clerk-sun', role: 'reviewer', unitId: 'TEZ-EDU' } })
      .thenError('SELF_REVIEW_FORBIDDEN');
  });

  it('only the reviewer role reviews', () => {
    spec
      .given(registered, proposedPublic)
      .when({ type: 'ReviewAttribute', outcome: 'approve', by: head })
      .thenError('REVIEWER_ROLE_REQUIRED', { kind: 'forbidden' });
  });

  it('approves the proposal', () => {
    spec
      .given(registered, proposedPublic)
      .when({ type: 'ReviewAttribute', outcome: 'approve', by: reviewer })
      .then([approved('主动公开')]);
    expect(state(registered, proposedPublic, approved('主动公开'))).toMatchObject({ phase: 'confirmed', attribute: '主动公开' });
  });

  it('changes the attribute with a reason and a ground, recording the previous one', () => {
    const events = recorded([registered, proposedPublic], {
      type: 'ReviewAttribute',
      outcome: 'change',
      attribute: '不予公开',
      legalBasis: 'PERSONAL_PRIVACY',
      reason: '附件含学生身份信息',
      by: reviewer,
    });
    expect(events[0].data).toMatchObject({
      outcome: 'changed',
      previousAttribute: '主动公开',
      attribute: '不予公开',
      legalBasis: 'PERSONAL_PRIVACY',
      reviewedBy: 'reviewer-li',
    });
    expect(state(registered, proposedPublic, ...events)).toMatchObject({
      phase: 'confirmed',
      attribute: '不予公开',
      legalBasis: 'PERSONAL_PRIVACY',
    });
  });

  it('changes to 依申请公开 with a reason only; a withholding ground is refused', () => {
    const [event] = recorded([registered, proposedPublic], {
      type: 'ReviewAttribute',
      outcome: 'change',
      attribute: '依申请公开',
      reason: '仅涉及特定学生，不属于主动公开范围',
      by: reviewer,
    });
    expect(event.data).toMatchObject({ outcome: 'changed', attribute: '依申请公开', legalBasis: null });
    spec
      .given(registered, proposedPublic)
      .when({
        type: 'ReviewAttribute',
        outcome: 'change',
        attribute: '依申请公开',
        legalBasis: 'PERSONAL_PRIVACY',
        reason: '附件含学生身份信息',
        by: reviewer,
      })
      .thenError('GROUND_NOT_APPLICABLE');
  });

  it('refuses a change without a reason, or to 不予公开 without a ground', () => {
    spec
      .given(registered, proposedPublic)
      .when({ type: 'ReviewAttribute', outcome: 'change', attribute: '不予公开', legalBasis: 'STATE_SECRET', by: reviewer })
      .thenError('REASON_REQUIRED');
    spec
      .given(registered, proposedPublic)
      .when({ type: 'ReviewAttribute', outcome: 'change', attribute: '不予公开', reason: '涉密', by: reviewer })
      .thenError('GROUND_REQUIRED');
  });

  it('returns the proposal to the drafter with a reason; the drafter proposes again', () => {
    spec.given(registered, proposedPublic).when({ type: 'ReviewAttribute', outcome: 'return', by: reviewer }).thenError('REASON_REQUIRED');
    const returned = recorded([registered, proposedPublic], {
      type: 'ReviewAttribute',
      outcome: 'return',
      reason: '请核实附件是否含个人信息',
      by: reviewer,
    });
    expect(returned[0].data).toMatchObject({ outcome: 'returned', attribute: null });
    expect(state(registered, proposedPublic, ...returned).phase).toBe('drafting');
    expect(
      spec.given(registered, proposedPublic, ...returned).when({ type: 'ProposeAttribute', attribute: '主动公开', by: drafter }).decision,
    ).toHaveLength(1);
    spec
      .given(registered, proposedPublic, ...returned)
      .when({ type: 'IssueDocument', issuedOn: '2026-03-02', by: head })
      .thenError('REVIEW_NOT_PASSED');
  });

  it('refuses a review when nothing awaits it', () => {
    spec.given(registered).when({ type: 'ReviewAttribute', outcome: 'approve', by: reviewer }).thenError('NOT_AWAITING_REVIEW');
  });
});

describe('document decider: issue and marking (印发与标注)', () => {
  it('refuses to issue before the review confirmed the attribute', () => {
    spec.given(registered, proposedPublic).when({ type: 'IssueDocument', issuedOn: '2026-03-02', by: head }).thenError('REVIEW_NOT_PASSED');
  });

  it('issues a 主动公开 document with its marking and a publication due date 20 working days later', () => {
    // 2026-03-02 is a Monday; no holidays in March 2026: the 20th working day after is Monday 2026-03-30.
    spec
      .given(registered, proposedPublic, approved('主动公开'))
      .when({ type: 'IssueDocument', issuedOn: '2026-03-02', by: head })
      .then([
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
            formedOn: '2026-03-02',
            publicationDueOn: '2026-03-30',
          },
        },
      ]);
  });

  it('Art. 26: the twenty working days run from the 成文日期 (formed) when it precedes the issue', () => {
    // Formed (signed) Mon 2026-03-02, issued Mon 03-09: due 20 working days after 03-02, i.e. Mon 03-30.
    const [event] = recorded([registered, proposedPublic, approved('主动公开')], {
      type: 'IssueDocument',
      issuedOn: '2026-03-09',
      formedOn: '2026-03-02',
      by: head,
    });
    expect(event.data).toMatchObject({ issuedOn: '2026-03-09', formedOn: '2026-03-02', publicationDueOn: '2026-03-30' });
    spec
      .given(registered, proposedPublic, approved('主动公开'))
      .when({ type: 'IssueDocument', issuedOn: '2026-03-02', formedOn: '2026-03-09', by: head })
      .thenError('FORMED_AFTER_ISSUE', { kind: 'rule' });
  });

  it('an issue recorded before 成文日期 existed (no formedOn) still counts from the issue date', () => {
    const legacy: DocumentEvent = {
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
        issuedOn: '2026-03-09',
        publicationDueOn: '2026-04-07',
      },
    };
    expect(state(registered, proposedPublic, approved('主动公开'), legacy)).toMatchObject({ publicationDueFrom: '2026-03-09' });
  });

  it('counts the statutory calendar: holidays skipped, make-up working days (调休) counted', () => {
    // Friday 2025-09-26: Sun 09-28 is a make-up day, 10-01..10-08 off, Sat 10-11 a make-up day.
    const [event] = issue([registered, proposedPublic, approved('主动公开')], '2025-09-26');
    expect(event.data).toMatchObject({ publicationDueOn: '2025-10-30' });
  });

  it.each([
    ['依申请公开', 'PERSONAL_PRIVACY', '（此件依申请公开）'],
    ['不予公开', 'STATE_SECRET', '（此件不予公开）'],
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
    spec
      .given(...history, ...issued)
      .when({ type: 'IssueDocument', issuedOn: '2026-03-03', by: head })
      .thenError('ALREADY_ISSUED');
    spec
      .given(...history)
      .when({ type: 'IssueDocument', issuedOn: '2031-01-05', by: head })
      .thenError('CALENDAR_OUT_OF_RANGE');
    spec
      .given(...history)
      .when({ type: 'IssueDocument', issuedOn: '2026-02-30', by: head })
      .thenError('INVALID_DATE');
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
    expect(recorded(issued(), publish('2026-03-30'))[0].data).toMatchObject({ late: false, channel: '政府网站' });
    expect(recorded(issued(), publish('2026-03-31'))[0].data).toMatchObject({ late: true });
  });

  it('judges lateness with the calendar of the publication day, not the due date stored at issue (ADR 0009)', () => {
    // As if issued while the year's holiday arrangement was not loaded: the stored due date is 5 days early.
    const [event] = issue(history);
    const staleDue = { ...event, data: { ...event.data, publicationDueOn: '2026-03-25' } } as DocumentEvent;
    expect(recorded([...history, staleDue], publish('2026-03-30'))[0].data).toMatchObject({ late: false });
    expect(recorded([...history, staleDue], publish('2026-03-31'))[0].data).toMatchObject({ late: true });
  });

  it('refuses to publish a non-public or unissued document, before the issue date, or twice on one channel', () => {
    spec
      .given(...history)
      .when(publish('2026-03-05'))
      .thenError('NOT_ISSUED');
    spec
      .given(...issuedWithheld())
      .when(publish('2025-03-05'))
      .thenError('NOT_PROACTIVE');
    spec
      .given(...issued())
      .when(publish('2026-03-01'))
      .thenError('PUBLISHED_BEFORE_ISSUE');
    const once = [...issued(), ...recorded(issued(), publish('2026-03-04'))];
    spec
      .given(...once)
      .when(publish('2026-03-05'))
      .thenError('ALREADY_PUBLISHED_ON_CHANNEL');
    expect(spec.given(...once).when(publish('2026-03-05', '政府公报')).decision).toHaveLength(1);
  });
});

describe('document decider: yearly review (年度评估)', () => {
  const open = (events: DocumentEvent[]) => [...events, ...recorded(events, { type: 'OpenYearlyReview', year: 2025 })];

  it('opens a review task for a withheld document, once per year (a redelivery is a no-op)', () => {
    const opened = open(issuedWithheld());
    expect(opened[opened.length - 1]).toEqual({
      type: 'document-attributes.YearlyReviewOpened',
      data: { documentId: 'doc-1', unitId: 'TEZ-EDU', year: 2025, attribute: '不予公开' },
    });
    spec
      .given(...opened)
      .when({ type: 'OpenYearlyReview', year: 2025 })
      .thenNothing();
  });

  it('does not review a 主动公开 document', () => {
    const history = [registered, proposedPublic, approved('主动公开')];
    spec
      .given(...history, ...issue(history))
      .when({ type: 'OpenYearlyReview', year: 2026 })
      .thenError('NOT_SUBJECT_TO_REVIEW');
  });

  it('release makes it 主动公开 with a publication due date in working days', () => {
    const opened = open(issuedWithheld());
    const events = recorded(opened, {
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
    const publication: DocumentCommand = {
      type: 'RecordPublication',
      channel: '政府网站',
      url: 'https://www.tez.gov.cn/a.html',
      publishedOn: '2025-10-09',
      by: drafter,
    };
    expect(spec.given(...opened, ...events).when(publication).decision).toHaveLength(1);
  });

  it('keep requires a reason and keeps the ground', () => {
    const opened = open(issuedWithheld());
    spec
      .given(...opened)
      .when({ type: 'DecideYearlyReview', year: 2025, decision: 'keep', reason: '', decidedOn: '2025-09-26', by: head })
      .thenError('REASON_REQUIRED');
    const [event] = recorded(opened, {
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
    spec
      .given(...issuedWithheld())
      .when({ type: 'DecideYearlyReview', year: 2025, decision: 'release', reason: '可以公开', decidedOn: '2025-09-26', by: head })
      .thenError('NO_OPEN_REVIEW');
    const opened = open(issuedWithheld());
    const decided = [
      ...opened,
      ...recorded(opened, {
        type: 'DecideYearlyReview',
        year: 2025,
        decision: 'keep',
        reason: '仍属过程性信息',
        decidedOn: '2025-09-26',
        by: head,
      }),
    ];
    spec
      .given(...decided)
      .when({ type: 'DecideYearlyReview', year: 2025, decision: 'release', reason: '可以公开', decidedOn: '2025-09-27', by: head })
      .thenError('NO_OPEN_REVIEW');
    spec
      .given(...decided)
      .when({ type: 'OpenYearlyReview', year: 2025 })
      .thenNothing();
  });
});

describe('document decider: validity (失效/废止)', () => {
  it('declares an issued document repealed with date and basis, once', () => {
    const issued = issuedWithheld();
    const events = recorded(issued, {
      type: 'InvalidateDocument',
      status: '废止',
      effectiveOn: '2025-12-01',
      legalBasis: '台政办发〔2025〕20号决定废止',
    });
    expect(events[0].data).toMatchObject({ status: '废止', effectiveOn: '2025-12-01', campaignId: null });
    spec
      .given(...issued, ...events)
      .when({ type: 'InvalidateDocument', status: '失效', effectiveOn: '2025-12-02', legalBasis: '有效期届满' })
      .thenError('ALREADY_INVALID');
    spec
      .given(...issued, ...events)
      .when({ type: 'OpenYearlyReview', year: 2026 })
      .thenError('NOT_SUBJECT_TO_REVIEW');
  });

  it('refuses before issue, a date before the issue date, or without a basis', () => {
    spec
      .given(registered)
      .when({ type: 'InvalidateDocument', status: '失效', effectiveOn: '2025-12-01', legalBasis: '有效期届满' })
      .thenError('NOT_ISSUED');
    spec
      .given(...issuedWithheld())
      .when({ type: 'InvalidateDocument', status: '失效', effectiveOn: '2025-01-01', legalBasis: '有效期届满' })
      .thenError('INVALID_BEFORE_ISSUE');
    spec
      .given(...issuedWithheld())
      .when({ type: 'InvalidateDocument', status: '失效', effectiveOn: '2025-12-01', legalBasis: '' })
      .thenError('BASIS_REQUIRED');
  });
});

describe('document decider: suggestion to make it proactive (Art. 44)', () => {
  const received = (events: DocumentEvent[]) => [
    ...events,
    ...recorded(events, { type: 'ReceiveDisclosureSuggestion', suggestionId: 'sug-1', requestCount: 5, suggestedOn: '2025-06-02' }),
  ];

  it('records a suggestion once; ignores it for a proactive document', () => {
    const withSuggestion = received(issuedWithheld());
    expect(state(...withSuggestion).pendingSuggestion).toEqual({ suggestionId: 'sug-1', requestCount: 5, suggestedOn: '2025-06-02' });
    spec
      .given(...withSuggestion)
      .when({ type: 'ReceiveDisclosureSuggestion', suggestionId: 'sug-1', requestCount: 5, suggestedOn: '2025-06-02' })
      .thenNothing();
    const history = [registered, proposedPublic, approved('主动公开')];
    spec
      .given(...history, ...issue(history))
      .when({ type: 'ReceiveDisclosureSuggestion', suggestionId: 'sug-2', requestCount: 3, suggestedOn: '2026-06-02' })
      .thenNothing();
  });

  it('accepting makes the document 主动公开 with a due date; declining needs a reason and keeps it', () => {
    const withSuggestion = received(issuedWithheld());
    const answer = (answer: 'accepted' | 'declined', reason: string, answeredOn = '2025-09-26'): DocumentCommand => ({
      type: 'AnswerDisclosureSuggestion',
      suggestionId: 'sug-1',
      answer,
      reason,
      answeredOn,
      by: head,
    });
    const accepted = recorded(withSuggestion, answer('accepted', '申请较多，转为主动公开'));
    expect(accepted[0].data).toMatchObject({ publicationDueOn: '2025-10-30' });
    expect(state(...withSuggestion, ...accepted)).toMatchObject({ attribute: '主动公开', pendingSuggestion: null });

    spec
      .given(...withSuggestion)
      .when(answer('declined', ''))
      .thenError('REASON_REQUIRED');
    const declined = recorded(withSuggestion, answer('declined', '涉及个人隐私'));
    expect(state(...withSuggestion, ...declined)).toMatchObject({ attribute: '不予公开', pendingSuggestion: null });
    spec
      .given(...withSuggestion, ...declined)
      .when(answer('accepted', '再议', '2025-09-27'))
      .thenError('NO_PENDING_SUGGESTION');
  });
});
