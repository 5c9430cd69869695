import {
  assertReadsUnit,
  DomainError,
  readScope,
  type BlobStore,
  type CommandContext,
  type CommandHandler,
  type Principal,
  type Upload,
} from '@gongkai/platform';
import type { FileRef, InterpretationLimits } from '@gongkai/contracts';
import { toShanghaiDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { interpretationDueOn, obligationStreamId, type ObligationState } from '../domain/obligation';
import { MATERIAL_FILE_TYPES, obligationDecider, type ObligationCommand } from '../domain/obligation.decide';
import { SETTINGS_STREAM_ID } from '../domain/settings';
import { settingsDecider, type SettingsCommand } from '../domain/settings.decide';
import { publishedMaterialFile, type PoliciesProjection, type PolicyView } from '../read-models/policies.projection';
import { actsForUnitOf } from './authorize';
import { currentLimits } from './limits';

type Command<T extends ObligationCommand['type']> = Extract<ObligationCommand, { type: T }>;

const unitOf = (state: ObligationState) => (state.status === 'none' ? null : state.opened.unitId);

/** Interpretation obligations (谁起草、谁解读): the drafting unit's commands, the staff views, the district's limits. */
export class Obligations {
  constructor(
    private readonly commands: CommandHandler,
    private readonly policies: PoliciesProjection,
    private readonly calendar: WorkingDayCalendar,
    private readonly blobs: BlobStore,
  ) {}

  plan(documentId: string, input: Omit<Command<'PlanInterpretation'>, 'type'>, context: CommandContext) {
    return this.handle(documentId, { type: 'PlanInterpretation', ...input }, context);
  }

  addMaterial(documentId: string, input: Omit<Command<'AddMaterial'>, 'type'>, context: CommandContext) {
    return this.handle(documentId, { type: 'AddMaterial', ...input }, context);
  }

  /**
   * A material as a file (图解, 问答 document): the obligation and the actor's unit are checked, and
   * the declared type against the form, before any byte is stored; then the bytes go to the blob
   * store (size limit, type recognised from the bytes and matching the declared one) and one event
   * records the file's hash, size, type and name. A refused upload records nothing.
   */
  async addMaterialFile(
    documentId: string,
    input: { materialId: string; form: Command<'AddMaterial'>['form']; title: string },
    upload: Upload,
    context: CommandContext,
  ) {
    try {
      const { state } = await this.commands.load(obligationDecider(this.calendar), obligationStreamId(documentId));
      const refused = actsForUnitOf(context.actor, unitOf, () => this.notFound(documentId))(state);
      if (refused) throw refused;
      const declared = upload.declaredMediaType.split(';')[0].trim().toLowerCase();
      if (!MATERIAL_FILE_TYPES[input.form].includes(declared)) {
        throw input.form === '音频视频'
          ? DomainError.rule('MATERIAL_MEDIA_AS_LINK', '“音频视频”形式的解读材料请提供音视频链接，不上传文件。')
          : DomainError.rule('MATERIAL_FILE_TYPE', `“${input.form}”形式的解读材料不接受该类型的文件（${upload.originalName}）。`);
      }
    } catch (refusal) {
      upload.content.resume(); // the request's bytes are drained, not stored
      throw refusal;
    }
    const stored = await this.blobs.put(upload.content, { declaredMediaType: upload.declaredMediaType, originalName: upload.originalName });
    const file: FileRef = { sha256: stored.sha256, size: stored.size, mediaType: stored.mediaType, originalName: stored.originalName };
    return this.handle(documentId, { type: 'AddMaterial', ...input, file }, context);
  }

  /** A material's file for staff who read the policy's unit (drafts included); null when the material has none. */
  async staffMaterialFile(documentId: string, materialId: string, principal: Principal): Promise<FileRef | null> {
    const policy = await this.policies.get(documentId);
    if (!policy) return null;
    assertReadsUnit(principal, policy.unitId);
    return policy.materials.find((m) => m.materialId === materialId)?.file ?? null;
  }

  /** A material's file for the public: only a published interpretation's material of a 主动公开 policy, else null. */
  async publicMaterialFile(documentId: string, materialId: string): Promise<FileRef | null> {
    const policy = await this.policies.get(documentId);
    return policy && publishedMaterialFile(policy, materialId);
  }

  /** The sign-off of the 签发人 (a name), recorded by the actor. */
  signOff(documentId: string, signer: string, context: CommandContext) {
    return this.handle(documentId, { type: 'SignOff', signer, by: context.actor }, context);
  }

  /** Published now; the due date runs from the policy's publication as the read model knows it. */
  async publish(documentId: string, channels: Command<'Publish'>['channels'], context: CommandContext) {
    const policyPublishedOn = (await this.policies.get(documentId))?.policyPublishedOn ?? null;
    return this.handle(documentId, { type: 'Publish', today: toShanghaiDate(context.now), channels, policyPublishedOn }, context);
  }

  /** A command of the drafting unit (or the district office) on the policy's obligation. */
  private handle(documentId: string, command: ObligationCommand, context: CommandContext) {
    return this.commands.handle(obligationDecider(this.calendar), obligationStreamId(documentId), command, context, {
      authorize: actsForUnitOf(context.actor, unitOf, () => this.notFound(documentId)),
    });
  }

  private notFound(documentId: string): DomainError {
    return DomainError.notFound('OBLIGATION_NOT_FOUND', `文件 ${documentId} 没有解读任务。`);
  }

  /** Unit staff see their own unit's obligations; the district office, admins and auditors any unit's (or all). */
  async list(principal: Principal, unitId: string | undefined): Promise<PolicyView[]> {
    return (await this.policies.list({ unitId: readScope(principal, unitId) })).map((policy) => this.withCurrentDueDate(policy));
  }

  /** One obligation, read as it is written: by its unit's staff, the district office, admins and auditors. */
  async get(documentId: string, principal: Principal): Promise<(PolicyView & { revision: number }) | null> {
    const policy = await this.policies.get(documentId);
    if (policy) assertReadsUnit(principal, policy.unitId);
    return policy && this.withCurrentDueDate(policy);
  }

  /**
   * The due date as the decider will judge it at publication: counted from the policy's publication
   * (its issue while the publication is not recorded) with today's
   * calendar, which may know a holiday arrangement the stored date was computed without, and marked
   * provisional while it falls in a year whose arrangement is not yet published (ADR 0009).
   */
  private withCurrentDueDate<T extends PolicyView>(policy: T): T {
    if (!policy.obligation || policy.interpretation) return policy;
    const dueOn = interpretationDueOn(this.calendar, policy.policyPublishedOn ?? policy.issuedOn, policy.obligation.limitWorkingDays);
    if (dueOn instanceof DomainError) throw dueOn;
    return { ...policy, obligation: { ...policy.obligation, dueOn, dueOnProvisional: this.calendar.isProvisional(dueOn) } };
  }

  limits(): Promise<InterpretationLimits> {
    return currentLimits(this.commands);
  }

  configureLimits(command: Omit<SettingsCommand, 'type'>, context: CommandContext) {
    return this.commands.handle(settingsDecider, SETTINGS_STREAM_ID, { type: 'ConfigureLimits', ...command }, context);
  }
}
