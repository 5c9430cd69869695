import type { Connection } from 'mongoose';
import type { EventEnvelope } from '@gongkai/contracts';
import { projectDocument, withoutMeta, type Projection } from '@gongkai/platform';
import { FACT_EVENT_TYPES, factFromEvent, NON_INPUT_FACT_TYPES, type Fact } from '../domain/facts';

/**
 * The assessment's facts: one document per consumed event (id = event id), append-only, so that
 * scores can be taken as of any instant and every point links back to the events behind it.
 */
export class AssessmentFactsProjection implements Projection {
  readonly name = 'assessment.facts';
  readonly collections = ['facts'];
  readonly eventTypes = FACT_EVENT_TYPES;

  constructor(private readonly connection: Connection) {}

  private get facts() {
    return this.connection.collection('facts');
  }

  async ensureIndexes(): Promise<void> {
    await this.facts.createIndex({ recordedAt: 1 });
  }

  async handle(event: EventEnvelope): Promise<void> {
    const fact = factFromEvent(event);
    if (!fact) return;
    await projectDocument<Fact>(this.facts, event.eventId, event, (current) => (current ? (withoutMeta(current) as Fact) : fact));
  }

  /** Every scoring input recorded at or before `asOf` whose business date is not after `latestOn`. */
  async inputs(asOf: string, latestOn: string): Promise<Fact[]> {
    const docs = await this.facts
      .find(
        { recordedAt: { $lte: asOf }, type: { $nin: NON_INPUT_FACT_TYPES }, $or: [{ on: null }, { on: { $lte: latestOn } }] },
        { projection: { _applied: 0, _version: 0 } },
      )
      .toArray();
    return docs.map(({ _id, ...doc }) => doc as unknown as Fact);
  }

  async byEventId(eventId: string): Promise<Fact | null> {
    const doc = await this.facts.findOne({ _id: eventId as never });
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return withoutMeta(rest) as unknown as Fact;
  }

  async count(filter: Record<string, unknown> = {}): Promise<number> {
    return this.facts.countDocuments(filter);
  }
}
