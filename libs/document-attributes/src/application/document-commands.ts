import { v7 as uuidv7 } from 'uuid';
import type { DisclosureAttribute } from '@gongkai/contracts';
import { DomainError, unitActionError, type CommandContext, type CommandHandler } from '@gongkai/platform';
import { defaultWorkingDayCalendar, toShanghaiDate } from '@gongkai/working-days';
import { documentStreamId, type DocumentPhase, type DocumentState } from '../domain/document';
import { documentDecider, type DocumentCommand, type DocumentCommandOf, type ForwardedAttribute } from '../domain/document.decide';
import { documentNumberDecider, documentNumberStreamId } from '../domain/document-number';
import { indexNumberDecider, indexNumberOf, indexNumberStreamId } from '../domain/index-number';

/**
 * The commands staff give on a document, from the HTTP edge: each builds the decider's command
 * with the actor and the day of the command context (`by`, a Beijing date for a date left out),
 * and checks unit scoping once, on the state the command handler loads.
 */

/** The decider with the statutory calendar: the application is the edge that chooses it. */
export const statutoryDocumentDecider = () => documentDecider(defaultWorkingDayCalendar());

const notFound = () => DomainError.notFound('DOCUMENT_NOT_FOUND', '该公文不存在。');

/** A registered document of a unit the actor acts for (404 before 403, as the document is looked up first). */
const actsOnDocument =
  ({ actor }: CommandContext) =>
  (state: DocumentState): DomainError | null =>
    state.status !== 'registered' ? notFound() : unitActionError(actor, state.unitId);

/** What every document command answers: the revision (the next ETag) and where the document now stands. */
export interface DocumentCommandResult {
  documentId: string;
  revision: number;
  phase?: DocumentPhase;
  attribute?: DisclosureAttribute | null;
  publicationDueOn?: string | null;
}

async function onDocument(
  commands: CommandHandler,
  documentId: string,
  command: DocumentCommand,
  context: CommandContext,
): Promise<DocumentCommandResult> {
  const result = await commands.handle(statutoryDocumentDecider(), documentStreamId(documentId), command, context, {
    authorize: actsOnDocument(context),
  });
  const state = result.state;
  return {
    documentId,
    revision: result.revision,
    ...(state.status === 'registered' ? { phase: state.phase, attribute: state.attribute, publicationDueOn: state.publicationDueOn } : {}),
  };
}

/** The Beijing day of a command: the date a form leaves out. */
export const today = (context: CommandContext) => toShanghaiDate(context.now);

type Input<T extends DocumentCommand['type']> = Omit<DocumentCommandOf<T>, 'type' | 'by'>;

export type RegisterDocumentInput = Omit<Input<'RegisterDocument'>, 'documentId' | 'unitId'> & { unitId?: string };

/**
 * 拟文登记: the number is reserved first — its stream is keyed by unit and number, so a duplicate
 * fails there, before anything else is written; a retry of the same registration is a no-op there.
 */
export async function registerDocument(
  commands: CommandHandler,
  input: RegisterDocumentInput,
  context: CommandContext,
): Promise<{ documentId: string; revision: number }> {
  const unitId = input.unitId ?? context.actor.unitId;
  if (!unitId) throw DomainError.validation('UNIT_REQUIRED', '请指明起草单位（unitId）。');
  const refused = unitActionError(context.actor, unitId);
  if (refused) throw refused;
  if (input.forwardsDocumentId) {
    const forwarded = await commands.load(statutoryDocumentDecider(), documentStreamId(input.forwardsDocumentId));
    if (forwarded.state.status !== 'registered') throw DomainError.rule('FORWARDED_DOCUMENT_NOT_FOUND', '被转发的公文不存在。');
  }
  const documentId = uuidv7();
  const once = { ...context, expectedRevision: undefined };
  await commands.handle(
    documentNumberDecider,
    documentNumberStreamId(unitId, input.documentNumber),
    { type: 'ReserveDocumentNumber', unitId, documentNumber: input.documentNumber, documentId },
    once,
  );
  const result = await commands.handle(
    statutoryDocumentDecider(),
    documentStreamId(documentId),
    {
      type: 'RegisterDocument',
      documentId,
      unitId,
      title: input.title,
      documentNumber: input.documentNumber,
      documentType: input.documentType,
      catalogueItemIds: input.catalogueItemIds,
      needsInterpretation: input.needsInterpretation,
      forwardsDocumentId: input.forwardsDocumentId,
      ...(input.writtenOn ? { writtenOn: input.writtenOn } : {}),
      ...(input.topic ? { topic: input.topic } : {}),
      by: context.actor,
    },
    once,
  );
  return { documentId, revision: result.revision };
}

/**
 * The attribute of the document a forwarding document forwards, read from its stream (the decider
 * refuses a forwarding proposal without it). Null for a document that forwards nothing.
 */
async function forwardedAttribute(commands: CommandHandler, documentId: string): Promise<ForwardedAttribute | null> {
  const { state } = await commands.load(statutoryDocumentDecider(), documentStreamId(documentId));
  if (state.status !== 'registered' || !state.forwardsDocumentId) return null;
  const source = (await commands.load(statutoryDocumentDecider(), documentStreamId(state.forwardsDocumentId))).state;
  const decided = source.status === 'registered' && (source.phase === 'confirmed' || source.phase === 'issued');
  return {
    documentId: state.forwardsDocumentId,
    attribute: decided ? source.attribute : null,
    legalBasis: decided ? source.legalBasis : null,
    reason: decided ? source.reason : null,
  };
}

/** 源头认定: a forwarding document's proposal carries the forwarded document's attribute. */
export async function proposeAttribute(
  commands: CommandHandler,
  documentId: string,
  input: Omit<Input<'ProposeAttribute'>, 'forwarded'>,
  context: CommandContext,
): Promise<DocumentCommandResult> {
  const forwarded = await forwardedAttribute(commands, documentId);
  return onDocument(commands, documentId, { type: 'ProposeAttribute', ...input, forwarded, by: context.actor }, context);
}

/** 保密审查. */
export const reviewAttribute = (commands: CommandHandler, documentId: string, input: Input<'ReviewAttribute'>, context: CommandContext) =>
  onDocument(commands, documentId, { type: 'ReviewAttribute', ...input, by: context.actor }, context);

/**
 * 印发, today unless the date is given. The 索引号 is taken first from the unit's sequence of the
 * year of issue (a retried issue gets the same number); a refused issue leaves a gap in the sequence
 * only if the document is never issued.
 */
export async function issueDocument(
  commands: CommandHandler,
  documentId: string,
  input: { issuedOn?: string; formedOn?: string },
  context: CommandContext,
): Promise<DocumentCommandResult> {
  const issuedOn = input.issuedOn ?? today(context);
  const { state } = await commands.load(statutoryDocumentDecider(), documentStreamId(documentId));
  const refused = actsOnDocument(context)(state);
  if (refused) throw refused;
  let indexNumber: string | undefined;
  if (state.status === 'registered' && state.phase === 'confirmed' && /^\d{4}-/.test(issuedOn)) {
    const year = Number(issuedOn.slice(0, 4));
    const assigned = await commands.handle(
      indexNumberDecider,
      indexNumberStreamId(state.unitId, year),
      { type: 'AssignIndexNumber', unitId: state.unitId, year, documentId },
      { ...context, expectedRevision: undefined },
    );
    indexNumber = indexNumberOf(assigned.state, documentId) ?? undefined;
  }
  const formedOn = input.formedOn ?? (state.status === 'registered' ? state.writtenOn : null) ?? undefined;
  return onDocument(
    commands,
    documentId,
    { type: 'IssueDocument', issuedOn, ...(formedOn ? { formedOn } : {}), indexNumber, by: context.actor },
    context,
  );
}

/** 登记公开发布. */
export const recordPublication = (
  commands: CommandHandler,
  documentId: string,
  input: Input<'RecordPublication'>,
  context: CommandContext,
) => onDocument(commands, documentId, { type: 'RecordPublication', ...input, by: context.actor }, context);

/** 宣布失效或废止. */
export const invalidateDocument = (
  commands: CommandHandler,
  documentId: string,
  input: Omit<Input<'InvalidateDocument'>, 'campaignId'>,
  context: CommandContext,
) => onDocument(commands, documentId, { type: 'InvalidateDocument', ...input }, context);

/** 年度评估决定, today unless the date is given. */
export const decideYearlyReview = (
  commands: CommandHandler,
  documentId: string,
  input: Omit<Input<'DecideYearlyReview'>, 'decidedOn'> & { decidedOn?: string },
  context: CommandContext,
) =>
  onDocument(
    commands,
    documentId,
    { type: 'DecideYearlyReview', ...input, decidedOn: input.decidedOn ?? today(context), by: context.actor },
    context,
  );

/** 答复转为主动公开的建议 (Art. 44), today unless the date is given. */
export const answerDisclosureSuggestion = (
  commands: CommandHandler,
  documentId: string,
  input: Omit<Input<'AnswerDisclosureSuggestion'>, 'answeredOn'> & { answeredOn?: string },
  context: CommandContext,
) =>
  onDocument(
    commands,
    documentId,
    { type: 'AnswerDisclosureSuggestion', ...input, answeredOn: input.answeredOn ?? today(context), by: context.actor },
    context,
  );
