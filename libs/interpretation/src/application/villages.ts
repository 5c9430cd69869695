import { DomainError, type CommandContext, type CommandHandler } from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { villageStreamId, type VillageState } from '../domain/village';
import { villageDecider, type VillageCommand } from '../domain/village.decide';
import type { TownVillagePostingsReport, VillagePostingsProjection } from '../read-models/village-postings.projection';
import { actsForUnit, actsForUnitOf } from './authorize';
import { currentLimits } from './limits';

type Command<T extends VillageCommand['type']> = Extract<VillageCommand, { type: T }>;

const notFound = () => DomainError.notFound('COMMITTEE_NOT_FOUND', '该村(居)委会尚未登记。');
const townOf = (state: VillageState) => (state.status === 'none' ? null : state.committee.townUnitId);

/** Village and community affairs (村(居)务公开): committees registered by their town, their postings, the town's report. */
export class Villages {
  constructor(
    private readonly commands: CommandHandler,
    private readonly postings: VillagePostingsProjection,
  ) {}

  register(input: Omit<Command<'RegisterVillageCommittee'>, 'type'>, context: CommandContext) {
    return this.commands.handle(
      villageDecider,
      villageStreamId(input.committeeId),
      { type: 'RegisterVillageCommittee', ...input },
      context,
      { authorize: actsForUnit(context.actor, input.townUnitId) },
    );
  }

  async recordPosting(
    committeeId: string,
    input: Omit<Command<'RecordVillagePosting'>, 'type' | 'today' | 'limits'>,
    context: CommandContext,
  ) {
    const limits = await currentLimits(this.commands);
    return this.commands.handle(
      villageDecider,
      villageStreamId(committeeId),
      { type: 'RecordVillagePosting', ...input, today: toShanghaiDate(context.now), limits },
      context,
      { authorize: actsForUnitOf(context.actor, townOf, notFound) },
    );
  }

  /** The town's committees and what each owes as of `asOf`, with the limits configured now. */
  async townReport(townUnitId: string, asOf: string): Promise<TownVillagePostingsReport> {
    return this.postings.report(townUnitId, asOf, await currentLimits(this.commands));
  }
}
