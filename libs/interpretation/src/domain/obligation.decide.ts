import type { Actor, DocumentIssued, FileRef, InterpretationForm } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { parseLocalDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { evolveObligation, initialObligationState, interpretationDueOn, type ObligationEvent, type ObligationState } from './obligation';

type Channel = '政府网站' | '政务新媒体' | '新闻发布会' | '广播电视' | '纸质媒体' | '其他';

export type ObligationCommand =
  | {
      type: 'OpenObligation';
      issued: Pick<
        DocumentIssued,
        'documentId' | 'unitId' | 'title' | 'documentNumber' | 'documentType' | 'attribute' | 'approvedBy' | 'issuedOn'
      >;
      limitWorkingDays: number;
    }
  | { type: 'PlanInterpretation'; plan: string; forms: InterpretationForm[]; channels: Channel[] }
  /**
   * A material: its text (`body`), a file already stored in the blob store (`file`: 图解 image or PDF,
   * 问答 document), a link (`link`: 音视频, an http(s) URL checked at the edge), or a `reference`
   * (free text, as recorded before files and links were data).
   */
  | {
      type: 'AddMaterial';
      materialId: string;
      form: InterpretationForm;
      title: string;
      body?: string;
      reference?: string;
      file?: FileRef;
      link?: string;
    }
  /** The 签发人 (signing leader, 同步审签) recorded as data, by name: usually not a system user; `by` records it. */
  | { type: 'SignOff'; signer: string; by: Actor }
  /**
   * `today` is the Asia/Shanghai date of the command (deciders never read the clock); `policyPublishedOn`
   * the policy's first publication as the read model knows it (null: not recorded, the issue date counts).
   */
  | { type: 'Publish'; today: string; channels: Channel[]; policyPublishedOn?: string | null };

export const INTERPRETATION_BASIS = '台政办发〔2020〕10号 三(四)：谁起草、谁解读，解读方案、解读材料与政策文件同步组织、同步审签、同步部署';

type Command<T extends ObligationCommand['type']> = Extract<ObligationCommand, { type: T }>;
type Existing = Exclude<ObligationState, { status: 'none' }>;

const notFound = () => DomainError.notFound('OBLIGATION_NOT_FOUND', '该政策文件没有解读任务（文件尚未印发，或未登记为需要解读的政策）。');

/** The file types each form accepts (图解: an image or a PDF; 问答 and 案例: a document; 音视频: links only, no player here). */
export const MATERIAL_FILE_TYPES: Readonly<Record<InterpretationForm, readonly string[]>> = {
  图表图解: ['image/png', 'image/jpeg', 'application/pdf'],
  简明问答: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf', 'text/plain'],
  案例说明: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf', 'text/plain'],
  音频视频: [],
};

/** What each form must carry, and what it may not. */
function checkMaterial(command: Command<'AddMaterial'>): DomainError | null {
  const hasBody = Boolean(command.body?.trim());
  const hasReference = Boolean(command.reference?.trim());
  const hasLink = Boolean(command.link?.trim());
  const { file } = command;
  if (file && !MATERIAL_FILE_TYPES[command.form].includes(file.mediaType)) {
    return command.form === '音频视频'
      ? DomainError.rule('MATERIAL_MEDIA_AS_LINK', '“音频视频”形式的解读材料请提供音视频链接，不上传文件。')
      : DomainError.rule('MATERIAL_FILE_TYPE', `“${command.form}”形式的解读材料不接受该类型的文件（${file.originalName}）。`);
  }
  if (hasLink && command.form !== '音频视频' && command.form !== '图表图解')
    return DomainError.rule('MATERIAL_LINK_NOT_ACCEPTED', `“${command.form}”形式的解读材料须填写正文或上传文件，不接受链接。`);
  switch (command.form) {
    case '简明问答':
    case '案例说明':
      return hasBody || file ? null : DomainError.rule('MATERIAL_TEXT_REQUIRED', `“${command.form}”形式的解读材料须填写正文或上传文件。`);
    case '图表图解':
      return hasReference || hasLink || file
        ? null
        : DomainError.rule('MATERIAL_IMAGE_REQUIRED', '“图表图解”形式的解读材料须上传图片或 PDF 文件（或提供图片链接）。');
    case '音频视频':
      return hasReference || hasLink ? null : DomainError.rule('MATERIAL_MEDIA_REQUIRED', '“音频视频”形式的解读材料须提供音视频链接。');
  }
}

/** The obligation decider; the calendar is data (the statutory working days), not I/O. */
export function obligationDecider(calendar: WorkingDayCalendar): Decider<ObligationCommand, ObligationEvent, ObligationState> {
  function openObligation(command: Command<'OpenObligation'>, state: ObligationState): ObligationEvent[] | DomainError {
    if (state.status !== 'none') return []; // the same DocumentIssued delivered again: nothing new
    const { issued, limitWorkingDays } = command;
    // Only a policy published proactively has a public to interpret it to (主动公开).
    if (issued.attribute !== '主动公开') return [];
    // Until the policy's publication is recorded, the due date is counted from its issue (the earliest it can be published).
    const dueOn = interpretationDueOn(calendar, issued.issuedOn, limitWorkingDays);
    if (dueOn instanceof DomainError) return dueOn;
    return [
      {
        type: 'interpretation.InterpretationObligationOpened',
        data: { ...issued, limitWorkingDays, dueOn, legalBasis: INTERPRETATION_BASIS },
      },
    ];
  }

  function publish(command: Command<'Publish'>, state: Existing): ObligationEvent[] | DomainError {
    if (state.status !== 'signed_off' || !state.signedOff)
      return DomainError.rule('NOT_SIGNED_OFF', '解读材料尚未审签（或审签后又有修改），不能发布。');
    const today = parseLocalDate(command.today);
    const { documentId, unitId, issuedOn, limitWorkingDays } = state.opened;
    const policyPublishedOn = command.policyPublishedOn && command.policyPublishedOn >= issuedOn ? command.policyPublishedOn : null;
    const dueOn = interpretationDueOn(calendar, policyPublishedOn ?? issuedOn, limitWorkingDays);
    if (dueOn instanceof DomainError) return dueOn;
    const workingDaysAfterIssue = calendar.workingDaysBetweenChecked(parseLocalDate(issuedOn), today);
    if (workingDaysAfterIssue instanceof DomainError) return workingDaysAfterIssue;
    const workingDaysPastDue = calendar.workingDaysBetweenChecked(dueOn, today);
    if (workingDaysPastDue instanceof DomainError) return workingDaysPastDue;
    const late = today > dueOn;
    return [
      {
        type: 'interpretation.InterpretationPublished',
        data: {
          documentId,
          unitId,
          publishedOn: today,
          issuedOn,
          dueOn,
          workingDaysAfterIssue,
          ...(policyPublishedOn ? { policyPublishedOn } : {}),
          late,
          workingDaysLate: late ? Math.max(1, workingDaysPastDue) : 0,
          channels: command.channels,
          materialIds: state.signedOff.materialIds,
        },
      },
    ];
  }

  function decide(command: ObligationCommand, state: ObligationState): ObligationEvent[] | DomainError {
    if (command.type === 'OpenObligation') return openObligation(command, state);
    if (state.status === 'none') return notFound();
    if (state.status === 'published') {
      return DomainError.conflict(
        'INTERPRETATION_ALREADY_PUBLISHED',
        `《${state.opened.title}》的解读已于 ${state.published?.publishedOn ?? ''} 发布，不能再修改。`,
      );
    }
    switch (command.type) {
      case 'PlanInterpretation':
        return planInterpretation(command, state);
      case 'AddMaterial':
        return addMaterial(command, state);
      case 'SignOff':
        return signOff(command, state);
      case 'Publish':
        return publish(command, state);
    }
  }
  return { initialState: initialObligationState, evolve: evolveObligation, decide };
}

function planInterpretation(command: Command<'PlanInterpretation'>, state: Existing): ObligationEvent[] {
  const { documentId, unitId } = state.opened;
  return [
    {
      type: 'interpretation.InterpretationPlanned',
      data: { documentId, unitId, plan: command.plan, forms: command.forms, channels: command.channels },
    },
  ];
}

function addMaterial(command: Command<'AddMaterial'>, state: Existing): ObligationEvent[] | DomainError {
  const problem = checkMaterial(command);
  if (problem) return problem;
  const { type: _command, ...material } = command;
  return [{ type: 'interpretation.InterpretationMaterialAdded', data: { documentId: state.opened.documentId, ...material } }];
}

function signOff(command: Command<'SignOff'>, state: Existing): ObligationEvent[] | DomainError {
  const { documentId, unitId } = state.opened;
  const signedBy = command.signer.trim();
  if (!state.plan) return DomainError.rule('PLAN_MISSING', '请先制定解读方案，再送审签。');
  if (state.materials.length === 0) return DomainError.rule('MATERIALS_MISSING', '至少需要一份解读材料才能审签。');
  if (signedBy.length < 2) return DomainError.validation('SIGNER_REQUIRED', '请填写审签解读材料的签发人（领导）姓名。');
  if (state.status === 'signed_off') return [];
  return [
    {
      type: 'interpretation.InterpretationSignedOff',
      data: { documentId, unitId, signedBy, recordedBy: command.by.userId, materialIds: state.materials.map((m) => m.materialId) },
    },
  ];
}
