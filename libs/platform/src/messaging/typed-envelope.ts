import type { EventEnvelope } from '@gongkai/contracts';

/**
 * An envelope whose `type` and `data` are known: the read side's view of one contract event.
 * Projections and process managers declare the union of the events they handle and switch on
 * `type`, so the compiler checks every field they read (no `event.data as X`).
 *
 * ```ts
 * type Handled = TypedEnvelope<'catalogue.ItemDrafted', ItemDrafted> | TypedEnvelope<'catalogue.ItemPublished', ItemPublished>;
 * async handle(envelope: EventEnvelope) {
 *   const event = asTyped<Handled>(envelope);
 *   switch (event.type) { case 'catalogue.ItemDrafted': return this.draft(event.data.itemId); ... }
 * }
 * ```
 */
export type TypedEnvelope<TType extends string, TData> = Omit<EventEnvelope, 'type' | 'data'> & {
  readonly type: TType;
  readonly data: TData;
};

/**
 * The one narrowing from an envelope to the typed union a handler declares. Sound because no handler
 * sees an event before it is checked against its contract (consumers park one that fails) and
 * upcast to the newest schema version; a type outside the union simply matches no `case`.
 */
export const asTyped = <U extends TypedEnvelope<string, unknown>>(envelope: EventEnvelope): U => envelope as unknown as U;
