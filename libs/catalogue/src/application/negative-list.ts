import { v7 as uuidv7 } from 'uuid';
import type { NegativeEntryContent } from '@gongkai/contracts';
import { CommandHandler, type CommandContext } from '@gongkai/platform';
import { negativeEntryStreamId, type NegativeEntryState } from '../domain/negative-entry';
import { negativeEntryDecider, type NegativeEntryCommand } from '../domain/negative-entry.decide';

/** What a command on a negative-list entry answers: the entry, its stream revision (the next ETag), status. */
export interface NegativeEntryOutcome {
  entryId: string;
  revision: number;
  status: NegativeEntryState['status'];
}

/** A unit's negative list (负面清单): every command goes through the entry decider. */
export class CatalogueNegativeList {
  constructor(private readonly commands: CommandHandler) {}

  /** A new draft entry (new id) owned by the unit. */
  draft(ownerUnitId: string, content: NegativeEntryContent, context: CommandContext): Promise<NegativeEntryOutcome> {
    const entryId = uuidv7();
    return this.decide(entryId, { type: 'DraftNegativeEntry', entryId, ownerUnitId, content }, context);
  }

  /** Any other command on an existing entry; the decider checks that the command's unit owns it. */
  async decide(entryId: string, command: NegativeEntryCommand, context: CommandContext): Promise<NegativeEntryOutcome> {
    const { state, revision } = await this.commands.handle(negativeEntryDecider, negativeEntryStreamId(entryId), command, context);
    return { entryId, revision, status: state.status };
  }
}
