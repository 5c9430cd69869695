import { unitReadError, type CommandContext, type CommandHandler, type Principal } from '@gongkai/platform';
import { letterSettingsDecider, letterSettingsStreamId, type LetterSettingsCommand } from '../domain/letter-settings';
import type { LetterHead } from '../documents/letters';
import type { RequestsUnitsProjection } from '../read-models/units.projection';
import type { RequestsSettings } from './settings';

/** What the office head edits. */
export type LetterSettingsInput = Omit<LetterSettingsCommand, 'type' | 'unitId' | 'by'>;

/** The settings view: the current version (0 = defaults, never edited) and what the letters print. */
export interface LetterSettingsView extends LetterHead {
  unitId: string;
  version: number;
  /** Whether the office head may edit them (the console shows the form only then). */
  editable: boolean;
}

/**
 * A unit's reply-letter settings (issue 20.1): read with their defaults (the unit's name, the
 * configured reconsideration body REQUESTS_RECONSIDERATION_BODY), changed by its office head, each
 * change a version kept as an event.
 */
export class LetterSettings {
  constructor(
    private readonly commands: CommandHandler,
    private readonly units: Pick<RequestsUnitsProjection, 'letterSettingsOf' | 'nameOf'>,
    private readonly settings: Pick<RequestsSettings, 'defaultReconsiderationBody'>,
  ) {}

  /** What the letters of the unit print now. */
  async headOf(unitId: string): Promise<LetterHead & { version: number }> {
    const current = await this.units.letterSettingsOf(unitId);
    if (current) {
      const { unitId: _u, ...head } = current;
      return head;
    }
    return { version: 0, printedName: await this.units.nameOf(unitId), reconsiderationBody: this.settings.defaultReconsiderationBody };
  }

  async view(unitId: string, principal: Principal): Promise<LetterSettingsView> {
    const refused = unitReadError(principal, unitId);
    if (refused) throw refused;
    const head = await this.headOf(unitId);
    return { unitId, ...head, editable: principal.role === 'office_head' && principal.unitId === unitId };
  }

  async update(unitId: string, input: LetterSettingsInput, context: CommandContext) {
    const result = await this.commands.handle(
      letterSettingsDecider,
      letterSettingsStreamId(unitId),
      { type: 'UpdateLetterSettings', unitId, ...input, by: context.actor },
      context,
    );
    return { unitId, revision: result.revision, events: result.events.map((e) => e.type) };
  }
}
