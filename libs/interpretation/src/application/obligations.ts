import { assertReadsUnit, DomainError, readScope, type CommandContext, type CommandHandler, type Principal } from '@gongkai/platform';
import type { InterpretationLimits } from '@gongkai/contracts';
import { toShanghaiDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { interpretationDueOn, obligationStreamId, type ObligationState } from '../domain/obligation';
import { obligationDecider, type ObligationCommand } from '../domain/obligation.decide';
import { SETTINGS_STREAM_ID } from '../domain/settings';
import { settingsDecider, type SettingsCommand } from '../domain/settings.decide';
import type { PoliciesProjection, PolicyView } from '../read-models/policies.projection';
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
  ) {}

  plan(documentId: string, input: Omit<Command<'PlanInterpretation'>, 'type'>, context: CommandContext) {
    return this.handle(documentId, { type: 'PlanInterpretation', ...input }, context);
  }

  addMaterial(documentId: string, input: Omit<Command<'AddMaterial'>, 'type'>, context: CommandContext) {
    return this.handle(documentId, { type: 'AddMaterial', ...input }, context);
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
    const notFound = () => DomainError.notFound('OBLIGATION_NOT_FOUND', `文件 ${documentId} 没有解读任务。`);
    return this.commands.handle(obligationDecider(this.calendar), obligationStreamId(documentId), command, context, {
      authorize: actsForUnitOf(context.actor, unitOf, notFound),
    });
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
