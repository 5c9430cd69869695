import type { Actor, FileRef, Role } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { defaultWorkingDayCalendar, type LocalDate } from '@gongkai/working-days';
import type { OpenRequest, RequestEvent } from './request';
import { requestDecider, type RequestCommand } from './request.decide';

/** The reply's files: attached, redacted (部分公开 only) and removed while the reply is a draft; published at issue; downloads recorded once. */
const d = (s: string) => s as LocalDate;
const calendar = defaultWorkingDayCalendar();
const spec = deciderSpec(requestDecider(calendar));
const actor = (userId: string, role: Role, unitId = 'TEZ-ZSZ'): Actor => ({ userId, unitId, role });
const CLERK = actor('clerk-1', 'clerk');
const REVIEWER = actor('r1', 'reviewer');
const TODAY = d('2026-03-10');

const ref = (fill: string, originalName: string): FileRef => ({
  sha256: fill.repeat(64),
  size: 1234,
  mediaType: 'application/pdf',
  originalName,
});
const LIST = ref('1', '补助名单.pdf');
const CONTRACT = ref('2', '施工合同.pdf');
const CONTRACT_REDACTED = ref('3', '施工合同（删除处理）.pdf');
const PRIVACY = [{ ground: 'PERSONAL_PRIVACY' as const, description: '删除了补助对象的身份证号码和联系电话' }];

/** The events the given commands record, each decided on the state the earlier ones left. */
const history = (commands: RequestCommand[]): RequestEvent[] => spec.recorded(...commands);
const when = (given: RequestCommand[], command: RequestCommand) => spec.given(...history(given)).when(command);
const stateAfter = (given: RequestCommand[]) => spec.given(...history(given)).state as OpenRequest;

const received: RequestCommand[] = [
  {
    type: 'ReceiveRequest',
    today: d('2026-03-02'),
    requestId: 'REQ-0001-test',
    unitId: 'TEZ-ZSZ',
    channel: 'in_person',
    receivedOn: d('2026-03-02'),
    receiptBasis: '申请人当面提交之日',
    applicant: { type: '自然人', name: '张三' },
    applicantKey: 'a'.repeat(64),
    description: '2025年农村危房改造补助名单及施工合同',
    preferredForm: '电子',
    delivery: '网上获取',
    trackingCodeHash: 'a'.repeat(64),
    possibleRepeatOf: [],
  },
  { type: 'AssignRequest', today: d('2026-03-03'), handlerId: 'clerk-1' },
];
const draft = (category: 'disclose' | 'partial' | 'unable.not_held'): RequestCommand => ({
  type: 'DraftReply',
  by: CLERK,
  today: TODAY,
  category,
  withheld: category === 'partial' ? [{ item: '补助对象身份证号码', ground: 'withhold.third_party', reason: '涉及个人隐私' }] : [],
  content: '现将所申请的信息提供给您。',
});
const attach = (fileId: string, file: FileRef, by = CLERK): RequestCommand => ({ type: 'AttachReplyFile', today: TODAY, fileId, file, by });
const redact = (fileId: string, file: FileRef, redactions = PRIVACY): RequestCommand => ({
  type: 'RedactReplyFile',
  today: TODAY,
  fileId,
  file,
  redactions,
  by: CLERK,
});
const review = (approved = true): RequestCommand => ({ type: 'ReviewReply', today: d('2026-03-11'), approved, by: REVIEWER });
const issue: RequestCommand = { type: 'IssueReply', today: d('2026-03-12') };
const download = (fileId: string): RequestCommand => ({
  type: 'RecordReplyFileDownload',
  today: d('2026-03-13'),
  fileId,
  at: '2026-03-13T02:00:00.000Z',
});

const partialWithFiles = [
  ...received,
  draft('partial'),
  attach('file-0001', LIST),
  attach('file-0002', CONTRACT),
  redact('file-0002', CONTRACT_REDACTED),
];

describe('reply files', () => {
  it('attaches files to a draft that supplies information; the event carries the file reference and who attached it', () => {
    when([...received, draft('disclose')], attach('file-0001', LIST)).then([
      {
        type: 'requests.ReplyFileAttached',
        data: { requestId: 'REQ-0001-test', unitId: 'TEZ-ZSZ', fileId: 'file-0001', file: LIST, attachedBy: 'clerk-1' },
      },
    ]);
    // Again with the same file: nothing new; the same bytes under another id: refused.
    when([...received, draft('disclose'), attach('file-0001', LIST)], attach('file-0001', LIST)).thenNothing();
    when([...received, draft('disclose'), attach('file-0001', LIST)], attach('file-0009', LIST)).thenError('REPLY_FILE_DUPLICATE', {
      kind: 'conflict',
    });
  });

  it('files only while the reply is a draft, only for categories that supply information, only for the own unit', () => {
    when(received, attach('file-0001', LIST)).thenError('REQUEST_WRONG_STATUS');
    when([...received, draft('unable.not_held')], attach('file-0001', LIST)).thenError('REPLY_SUPPLIES_NO_INFORMATION');
    when([...received, draft('disclose')], attach('file-0001', LIST, actor('c2', 'clerk', 'TEZ-OTHER'))).thenError('OTHER_UNIT', {
      kind: 'forbidden',
    });
    const approved = [...received, draft('disclose'), attach('file-0001', LIST), review()];
    when(approved, attach('file-0002', CONTRACT)).thenError('REPLY_FILES_FIXED');
    when(approved, { type: 'RemoveReplyFile', today: TODAY, fileId: 'file-0001', by: CLERK }).thenError('REPLY_FILES_FIXED');
    when([...approved, issue], attach('file-0002', CONTRACT)).thenError('REQUEST_CLOSED');
    // Sent back by the reviewer: the draft may change again.
    when([...received, draft('disclose'), attach('file-0001', LIST), review(false)], attach('file-0002', CONTRACT)).then([
      expect.objectContaining({ type: 'requests.ReplyFileAttached' }),
    ]);
  });

  it('redaction only for 部分公开, with at least one ground, and a file that differs from the original', () => {
    const disclosed = [...received, draft('disclose'), attach('file-0002', CONTRACT)];
    when(disclosed, redact('file-0002', CONTRACT_REDACTED)).thenError('REDACTION_ONLY_FOR_PARTIAL');
    const partial = [...received, draft('partial'), attach('file-0002', CONTRACT)];
    when(partial, redact('file-0002', CONTRACT_REDACTED, [])).thenError('REDACTION_GROUND_REQUIRED');
    when(partial, redact('file-0002', CONTRACT)).thenError('REDACTED_SAME_AS_ORIGINAL');
    when(partial, redact('file-0404', CONTRACT_REDACTED)).thenError('REPLY_FILE_NOT_FOUND', { kind: 'not_found' });
    when(partial, redact('file-0002', CONTRACT_REDACTED)).then([
      {
        type: 'requests.ReplyFileRedacted',
        data: {
          requestId: 'REQ-0001-test',
          unitId: 'TEZ-ZSZ',
          fileId: 'file-0002',
          file: CONTRACT_REDACTED,
          redactions: PRIVACY,
          attachedBy: 'clerk-1',
        },
      },
    ]);
    when([...partial, redact('file-0002', CONTRACT_REDACTED)], redact('file-0002', CONTRACT_REDACTED)).thenNothing();
  });

  it('a redraft keeps the files only with a category that fits them', () => {
    const sentBack = [...partialWithFiles, review(false)];
    when(sentBack, draft('disclose')).thenError('REDACTED_FILES_ATTACHED');
    when(sentBack, draft('unable.not_held')).thenError('REPLY_FILES_ATTACHED');
    when(sentBack, draft('partial')).then([expect.objectContaining({ type: 'requests.ReplyDrafted' })]);
  });

  it('removes a file (and its redacted version) from the draft', () => {
    const removed = [...partialWithFiles, { type: 'RemoveReplyFile', today: TODAY, fileId: 'file-0002', by: CLERK } as RequestCommand];
    expect(stateAfter(removed).replyFiles?.map((f) => f.fileId)).toEqual(['file-0001']);
    when(removed, { type: 'RemoveReplyFile', today: TODAY, fileId: 'file-0002', by: CLERK }).thenError('REPLY_FILE_NOT_FOUND');
  });

  it('the reply publishes the redacted version of a redacted file, never its original', () => {
    const events = history([...partialWithFiles, review(), issue]);
    const issued = events.find((e) => e.type === 'requests.ReplyIssued');
    expect(issued?.data).toMatchObject({
      files: [
        { fileId: 'file-0001', file: LIST, redactions: [] },
        { fileId: 'file-0002', file: CONTRACT_REDACTED, redactions: PRIVACY },
      ],
    });
    expect(JSON.stringify(issued?.data)).not.toContain(CONTRACT.sha256);
  });

  it('records the first download of each published file with its time (the published version), not the later ones, and none before the reply', () => {
    const replied = [...partialWithFiles, review(), issue];
    when(partialWithFiles, download('file-0001')).thenError('REQUEST_WRONG_STATUS');
    when(replied, download('file-0002')).then([
      {
        type: 'requests.ReplyFileDownloaded',
        data: {
          requestId: 'REQ-0001-test',
          unitId: 'TEZ-ZSZ',
          fileId: 'file-0002',
          file: CONTRACT_REDACTED,
          downloadedAt: '2026-03-13T02:00:00.000Z',
        },
      },
    ]);
    when([...replied, download('file-0002')], download('file-0002')).thenNothing();
    when([...replied, download('file-0002')], download('file-0001')).then([
      expect.objectContaining({ type: 'requests.ReplyFileDownloaded' }),
    ]);
    when(replied, download('file-0404')).thenError('REPLY_FILE_NOT_FOUND');
  });
});
