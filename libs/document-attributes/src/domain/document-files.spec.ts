import type { Actor, FileRef } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { DomainError } from '@gongkai/platform/domain';
import { defaultWorkingDayCalendar } from '@gongkai/working-days';
import type { DocumentEvent } from './document';
import { documentDecider, type DocumentCommand } from './document.decide';
import { decideIndexNumber, indexNumberDecider } from './index-number';

const spec = deciderSpec(documentDecider(defaultWorkingDayCalendar()));
const recorded = (history: DocumentEvent[], command: DocumentCommand): DocumentEvent[] => {
  const decision = spec.given(...history).when(command).decision;
  if (decision instanceof DomainError) throw new Error(`expected events, got ${decision.code}: ${decision.detail}`);
  return decision;
};

const clerk: Actor = { userId: 'clerk-wang', role: 'clerk', unitId: 'TEZ-MZJ' };
const reviewer: Actor = { userId: 'reviewer-li', role: 'reviewer', unitId: 'TEZ-MZJ' };
const file = (n: number, mediaType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'): FileRef => ({
  sha256: String(n).repeat(64).slice(0, 64),
  size: 1000 + n,
  mediaType,
  originalName: `文件${n}.docx`,
});
const registered: DocumentEvent = {
  type: 'document-attributes.DocumentRegistered',
  data: {
    documentId: 'doc-1',
    unitId: 'TEZ-MZJ',
    title: '关于调整城乡最低生活保障标准的通知（示例）',
    documentNumber: '台民发〔2026〕5号',
    documentType: '行政规范性文件',
    catalogueItemIds: [],
    needsInterpretation: false,
    forwardsDocumentId: null,
    draftedBy: 'clerk-wang',
    writtenOn: '2026-02-20',
    topic: '民政、扶贫、救灾',
  },
};
const attach = (
  role: 'body' | 'annex' | 'redacted-annex',
  f: FileRef,
  extra: Partial<Extract<DocumentCommand, { type: 'AttachFile' }>> = {},
) =>
  ({
    type: 'AttachFile',
    role,
    annexId: role === 'body' ? null : 'annex-1',
    title: '附件1 救助对象名单',
    file: f,
    redactions: [],
    by: clerk,
    ...extra,
  }) as DocumentCommand;
const privacy = [{ ground: 'PERSONAL_PRIVACY' as const, description: '名单中的身份证号码和住址' }];

const withFiles = (): DocumentEvent[] => {
  const history: DocumentEvent[] = [registered];
  history.push(...recorded(history, attach('body', file(1))));
  history.push(...recorded(history, attach('annex', file(2))));
  history.push(...recorded(history, attach('redacted-annex', file(3), { redactions: privacy })));
  return history;
};
const confirmed = (history: DocumentEvent[]): DocumentEvent[] => {
  const proposed = [...history, ...recorded(history, { type: 'ProposeAttribute', attribute: '主动公开', by: clerk })];
  return [...proposed, ...recorded(proposed, { type: 'ReviewAttribute', outcome: 'approve', by: reviewer })];
};

describe('document files', () => {
  it('records a body by its hash, size, type and name (never bytes), and an annex with its redacted version', () => {
    spec
      .given(registered)
      .when(attach('body', file(1)))
      .then([
        {
          type: 'document-attributes.DocumentFileAttached',
          data: {
            documentId: 'doc-1',
            unitId: 'TEZ-MZJ',
            role: 'body',
            annexId: null,
            title: '正文',
            file: file(1),
            redactions: [],
            attachedBy: 'clerk-wang',
          },
        },
      ]);
    const state = spec.given(...withFiles()).state;
    expect(state).toMatchObject({
      body: file(1),
      annexes: [{ annexId: 'annex-1', file: file(2), redacted: { file: file(3), redactions: privacy } }],
    });
  });

  it('refuses a body that is not a readable document, and a redacted annex without grounds or equal to its original', () => {
    spec
      .given(registered)
      .when(attach('body', file(1, 'image/png')))
      .thenError('BODY_TYPE_NOT_ALLOWED', { kind: 'rule' });
    const annexed = withFiles().slice(0, 3);
    spec
      .given(...annexed)
      .when(attach('redacted-annex', file(3)))
      .thenError('REDACTION_GROUND_REQUIRED');
    spec
      .given(...annexed)
      .when(attach('redacted-annex', file(2), { redactions: privacy }))
      .thenError('REDACTED_SAME_AS_ORIGINAL');
    spec
      .given(...annexed)
      .when(attach('redacted-annex', file(3), { annexId: 'nope', redactions: privacy }))
      .thenError('ANNEX_NOT_FOUND');
    spec
      .given(...annexed)
      .when(attach('annex', file(4), { annexId: 'annex-2' }))
      .thenError('ANNEX_TITLE_TAKEN');
  });

  it('records nothing for the same body again', () => {
    spec
      .given(...withFiles())
      .when(attach('body', file(1)))
      .thenNothing();
  });

  it('locks the files in review and fixes the published version at issue: the redacted file, never the original', () => {
    const history = confirmed(withFiles());
    spec
      .given(...history)
      .when(attach('body', file(5)))
      .thenError('FILES_LOCKED_IN_REVIEW', { kind: 'rule' });
    const issued = recorded(history, { type: 'IssueDocument', issuedOn: '2026-03-02', indexNumber: 'TEZ-MZJ/2026-00001', by: clerk });
    expect(issued[0].data).toMatchObject({
      indexNumber: 'TEZ-MZJ/2026-00001',
      publishedFiles: { body: file(1), annexes: [{ annexId: 'annex-1', title: '附件1 救助对象名单', file: file(3), redacted: true }] },
    });
    expect(JSON.stringify(issued)).not.toContain(file(2).sha256);
    spec
      .given(...history, ...issued)
      .when(attach('annex', file(6), { annexId: 'annex-9', title: '补充' }))
      .thenError('PUBLISHED_VERSION_FIXED');
  });

  it('fixes no published files for a document that is not 主动公开', () => {
    const history = withFiles();
    const proposed = [
      ...history,
      ...recorded(history, {
        type: 'ProposeAttribute',
        attribute: '依申请公开',
        legalBasis: 'PROCESS_INFORMATION',
        reason: '过程性信息',
        by: clerk,
      }),
    ];
    const reviewed = [...proposed, ...recorded(proposed, { type: 'ReviewAttribute', outcome: 'approve', by: reviewer })];
    const issued = recorded(reviewed, { type: 'IssueDocument', issuedOn: '2026-03-02', by: clerk });
    expect(issued[0].data).not.toHaveProperty('publishedFiles');
  });
});

describe('index numbers (索引号)', () => {
  const index = deciderSpec(indexNumberDecider);
  it('numbers a unit’s documents of a year in sequence, and gives a retried document its number again', () => {
    const first = decideIndexNumber(
      { type: 'AssignIndexNumber', unitId: 'TEZ-MZJ', year: 2026, documentId: 'a' },
      indexNumberDecider.initialState,
    );
    expect(first[0].data.indexNumber).toBe('TEZ-MZJ/2026-00001');
    index
      .given(...first)
      .when({ type: 'AssignIndexNumber', unitId: 'TEZ-MZJ', year: 2026, documentId: 'b' })
      .then([
        {
          type: 'document-attributes.IndexNumberAssigned',
          data: { unitId: 'TEZ-MZJ', year: 2026, sequence: 2, indexNumber: 'TEZ-MZJ/2026-00002', documentId: 'b' },
        },
      ]);
    index
      .given(...first)
      .when({ type: 'AssignIndexNumber', unitId: 'TEZ-MZJ', year: 2026, documentId: 'a' })
      .thenNothing();
  });
});
