import { DomainError, unitActionError, type CommandContext, type CommandHandler } from '@gongkai/platform';
import { concernStreamId, type ConcernState } from '../domain/concern';
import { concernDecider, type ConcernCommand } from '../domain/concern.decide';
import { currentLimits } from './limits';

type Command<T extends ConcernCommand['type']> = Extract<ConcernCommand, { type: T }>;

/** Public concerns (回应关切): registered and assigned by the district office, answered by the responsible unit. */
export class Concerns {
  constructor(private readonly commands: CommandHandler) {}

  /** Registers a concern picked up at `registeredAt` (default: now); returns its required responses and their due instants. */
  async register(
    input: Omit<Command<'RegisterConcern'>, 'type' | 'registeredAt' | 'at' | 'limits'> & { registeredAt?: string },
    context: CommandContext,
  ) {
    const limits = await currentLimits(this.commands);
    const result = await this.commands.handle(
      concernDecider,
      concernStreamId(input.concernId),
      { type: 'RegisterConcern', ...input, registeredAt: input.registeredAt ?? context.now, at: context.now, limits },
      context,
    );
    return { revision: result.revision, dueBy: result.state.status === 'none' ? undefined : result.state.registered.dueBy };
  }

  assign(concernId: string, input: Omit<Command<'AssignConcern'>, 'type'>, context: CommandContext) {
    return this.commands.handle(concernDecider, concernStreamId(concernId), { type: 'AssignConcern', ...input }, context);
  }

  /** A response by the unit the concern is assigned to (the district office may answer for it). */
  respond(concernId: string, input: Omit<Command<'PublishResponse'>, 'type' | 'at'>, context: CommandContext) {
    const authorize = (state: ConcernState) =>
      state.status === 'none'
        ? DomainError.notFound('CONCERN_NOT_FOUND', '该关切不存在。')
        : state.unitId
          ? unitActionError(context.actor, state.unitId)
          : null;
    return this.commands.handle(
      concernDecider,
      concernStreamId(concernId),
      { type: 'PublishResponse', ...input, at: context.now },
      context,
      { authorize },
    );
  }
}
