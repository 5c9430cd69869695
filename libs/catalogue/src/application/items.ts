import { v7 as uuidv7 } from 'uuid';
import type { ItemContent } from '@gongkai/contracts';
import { CommandHandler, DomainError, type CommandContext } from '@gongkai/platform';
import { itemStreamId, type ItemState } from '../domain/item';
import { itemDecider, type ItemCommand } from '../domain/item.decide';
import { unitStreamId, type UnitState } from '../domain/unit';
import { unitDecider } from '../domain/unit.decide';

/** What a command on an item answers: the item, its stream revision (the next ETag), status and version. */
export interface ItemOutcome {
  itemId: string;
  revision: number;
  status: ItemState['status'];
  version: number;
}

type RegisteredUnit = Extract<UnitState, { status: 'registered' }>;

/** The unit as its own stream has it: a catalogue is kept only for a registered unit. */
export async function registeredUnit(commands: CommandHandler, unitId: string): Promise<RegisteredUnit> {
  const { state } = await commands.load(unitDecider, unitStreamId(unitId));
  if (state.status !== 'registered') throw DomainError.notFound('UNIT_NOT_FOUND', `单位 ${unitId} 不存在。`);
  return state;
}

/** The staff side of a unit's catalogue items: every command goes through the item decider. */
export class CatalogueItems {
  constructor(private readonly commands: CommandHandler) {}

  /** A new draft item (new id) of a registered unit. */
  async draft(unitId: string, content: ItemContent, context: CommandContext): Promise<ItemOutcome> {
    await registeredUnit(this.commands, unitId);
    const itemId = uuidv7();
    return this.decide(itemId, { type: 'DraftItem', itemId, unitId, content }, context);
  }

  /** Any other command on an existing item; the decider checks that it belongs to the command's unit. */
  async decide(itemId: string, command: ItemCommand, context: CommandContext): Promise<ItemOutcome> {
    const { state, revision } = await this.commands.handle(itemDecider, itemStreamId(itemId), command, context);
    return { itemId, revision, status: state.status, version: state.status === 'none' ? 0 : state.version };
  }
}
