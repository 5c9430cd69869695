import type { EventEnvelope, LetterSettingsUpdated, UnitRegistered, UnitRenamed } from '@gongkai/contracts';
import { asTyped, BatchedProjection, documentChange, viewOf, type DocumentChange, type TypedEnvelope } from '@gongkai/platform';

/** The catalogue's unit events that carry a unit's name. */
export type UnitNamed = TypedEnvelope<'catalogue.UnitRegistered', UnitRegistered> | TypedEnvelope<'catalogue.UnitRenamed', UnitRenamed>;
type Handled = UnitNamed | TypedEnvelope<'requests.LetterSettingsUpdated', LetterSettingsUpdated>;

/**
 * The units from the catalogue's events (the requests service keeps its own copy): their names for the
 * letters' signature, and which exist, for the filing and transfer checks. As current as the consumer:
 * a unit registered moments ago may not be here yet.
 */
export class RequestsUnitsProjection extends BatchedProjection {
  readonly name = 'requests.units';
  readonly collections = ['units', 'letter_settings'];
  readonly eventTypes = ['catalogue.UnitRegistered', 'catalogue.UnitRenamed', 'requests.LetterSettingsUpdated'];

  private get units() {
    return this.connection.collection('units');
  }

  private get letterSettings() {
    return this.connection.collection('letter_settings');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<Handled>(envelope);
    if (event.type === 'requests.LetterSettingsUpdated') {
      const data = event.data;
      return [documentChange<LetterSettingsUpdated>('letter_settings', data.unitId, () => data)];
    }
    const { unitId, name } = event.data;
    return [documentChange<{ unitId: string; name: string }>('units', unitId, () => ({ unitId, name }))];
  }

  /** The unit's current letter settings (the last version), or null while it has none. */
  async letterSettingsOf(unitId: string): Promise<LetterSettingsUpdated | null> {
    const doc = await this.letterSettings.findOne({ _id: unitId as never });
    return doc ? viewOf<LetterSettingsUpdated>(doc) : null;
  }

  /** Whether the catalogue has registered the unit (every registered unit handles requests; none is dissolved yet). */
  async exists(unitId: string): Promise<boolean> {
    return (await this.units.countDocuments({ _id: unitId as never }, { limit: 1 })) > 0;
  }

  async nameOf(unitId: string): Promise<string> {
    const doc = await this.units.findOne({ _id: unitId as never });
    return (doc?.name as string | undefined) ?? unitId;
  }
}
