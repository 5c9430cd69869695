import { DomainError, fold } from '@gongkai/platform/domain';
import { cleanupCampaignDecider, type CleanupCampaignCommand, type CleanupCampaignEvent } from './cleanup-campaign';
import { documentNumberDecider } from './document-number';
import { reviewCycleDecider, type ReviewCycleCommand, type ReviewCycleEvent } from './review-cycle';

describe('document number reservation (文号唯一)', () => {
  const reserve = (documentId: string) => ({
    type: 'ReserveDocumentNumber' as const,
    unitId: 'TEZ-EDU',
    documentNumber: '台教体发〔2026〕3号',
    documentId,
  });
  const reserved = {
    type: 'document-attributes.DocumentNumberReserved' as const,
    data: { unitId: 'TEZ-EDU', documentNumber: '台教体发〔2026〕3号', documentId: 'doc-1' },
  };

  it('reserves a free number, refuses it to another document, and is a no-op for the same one', () => {
    expect(documentNumberDecider.decide(reserve('doc-1'), documentNumberDecider.initialState)).toEqual([reserved]);
    const taken = fold(documentNumberDecider, [reserved]);
    expect(documentNumberDecider.decide(reserve('doc-2'), taken)).toMatchObject({ kind: 'conflict', code: 'DOCUMENT_NUMBER_TAKEN' });
    expect(documentNumberDecider.decide(reserve('doc-1'), taken)).toEqual([]);
  });
});

describe('review cycle (年度评估)', () => {
  const run = (events: ReviewCycleEvent[], command: ReviewCycleCommand) =>
    reviewCycleDecider.decide(command, fold(reviewCycleDecider, events));
  const ok = (events: ReviewCycleEvent[], command: ReviewCycleCommand) => {
    const result = run(events, command);
    if (result instanceof DomainError) throw result;
    return [...events, ...result];
  };
  const opened = ok([], { type: 'OpenReviewCycle', year: 2026, openedOn: '2026-11-02', dueOn: '2026-12-31' });

  it('opens once, with a due date not before the opening', () => {
    expect(run(opened, { type: 'OpenReviewCycle', year: 2026, openedOn: '2026-11-02', dueOn: '2026-12-31' })).toMatchObject({
      code: 'REVIEW_CYCLE_ALREADY_OPEN',
    });
    expect(run([], { type: 'OpenReviewCycle', year: 2026, openedOn: '2026-11-02', dueOn: '2026-10-31' })).toMatchObject({
      code: 'DUE_BEFORE_OPENING',
    });
  });

  it('assigns a unit its tasks once; completes it once every task is decided, on time or late', () => {
    expect(run([], { type: 'AssignReviewTasks', unitId: 'TEZ-EDU', documentIds: ['a'] })).toMatchObject({ code: 'REVIEW_CYCLE_NOT_FOUND' });
    const assigned = ok(opened, { type: 'AssignReviewTasks', unitId: 'TEZ-EDU', documentIds: ['a', 'b'] });
    expect(run(assigned, { type: 'AssignReviewTasks', unitId: 'TEZ-EDU', documentIds: ['a', 'b', 'c'] })).toEqual([]);
    expect(run(assigned, { type: 'CompleteUnitReview', unitId: 'TEZ-EDU', kept: 1, released: 0, completedOn: '2026-12-01' })).toMatchObject(
      { code: 'REVIEW_INCOMPLETE' },
    );
    const completed = ok(assigned, { type: 'CompleteUnitReview', unitId: 'TEZ-EDU', kept: 1, released: 1, completedOn: '2027-01-04' });
    expect(completed[completed.length - 1].data).toEqual({
      year: 2026,
      unitId: 'TEZ-EDU',
      tasks: 2,
      kept: 1,
      released: 1,
      completedOn: '2027-01-04',
      onTime: false,
    });
    expect(run(completed, { type: 'CompleteUnitReview', unitId: 'TEZ-EDU', kept: 1, released: 1, completedOn: '2027-01-05' })).toEqual([]);
    expect(
      run(completed, { type: 'CompleteUnitReview', unitId: 'TEZ-ZSZ', kept: 0, released: 0, completedOn: '2027-01-05' }),
    ).toMatchObject({ code: 'REVIEW_TASKS_NOT_FOUND' });
  });
});

describe('cleanup campaign (文件清理)', () => {
  const run = (events: CleanupCampaignEvent[], command: CleanupCampaignCommand) =>
    cleanupCampaignDecider.decide(command, fold(cleanupCampaignDecider, events));
  const opened = run([], {
    type: 'OpenCleanupCampaign',
    campaignId: 'QL-2026',
    title: '2026年度行政规范性文件清理',
    openedOn: '2026-10-08',
  }) as CleanupCampaignEvent[];
  const entries = [{ documentId: 'doc-1', outcome: '废止' as const, note: null }];

  it('publishes one result list per unit, after the opening, without duplicates', () => {
    expect(run([], { type: 'PublishCleanupResult', unitId: 'TEZ-EDU', publishedOn: '2026-11-02', entries })).toMatchObject({
      code: 'CLEANUP_CAMPAIGN_NOT_FOUND',
    });
    const published = run(opened, {
      type: 'PublishCleanupResult',
      unitId: 'TEZ-EDU',
      publishedOn: '2026-11-02',
      entries,
    }) as CleanupCampaignEvent[];
    expect(published[0].data).toEqual({ campaignId: 'QL-2026', unitId: 'TEZ-EDU', publishedOn: '2026-11-02', entries });
    expect(
      run([...opened, ...published], { type: 'PublishCleanupResult', unitId: 'TEZ-EDU', publishedOn: '2026-11-03', entries }),
    ).toMatchObject({
      code: 'CLEANUP_RESULT_ALREADY_PUBLISHED',
    });
    expect(run(opened, { type: 'PublishCleanupResult', unitId: 'TEZ-ZSZ', publishedOn: '2026-10-01', entries })).toMatchObject({
      code: 'INVALID_PUBLICATION_DATE',
    });
    expect(
      run(opened, { type: 'PublishCleanupResult', unitId: 'TEZ-ZSZ', publishedOn: '2026-11-02', entries: [...entries, ...entries] }),
    ).toMatchObject({
      code: 'DUPLICATE_CLEANUP_ENTRY',
    });
  });
});
