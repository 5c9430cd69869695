import { z } from 'zod';
import { EVENT_CONTRACTS, type EventEnvelope } from '@gongkai/contracts';
import { toShanghaiDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { DomainError, systemContext, type CommandHandler, type EventHandler } from '@gongkai/platform';
import { documentStreamId } from '../domain/document';
import { documentDecider } from '../domain/document.decide';

export const PROACTIVE_DISCLOSURE_SUGGESTED = 'requests.ProactiveDisclosureSuggested';

/**
 * What this service reads from `requests.ProactiveDisclosureSuggested` v1 (contract owned by the
 * requests service, libs/contracts/src/events/requests.ts). A suggestion without `documentId` names
 * information that is in no registered document: there is nothing to mark, so it is skipped.
 */
export const consumedSuggestionShape = z.object({
  unitId: z.string().min(1),
  informationKey: z.string().min(1),
  count: z.number().int().positive(),
  documentId: z.string().min(1).optional(),
});

/**
 * Art. 44: information disclosed on request again and again should become proactive. Records the
 * suggestion on the document; the unit accepts or declines it with a reason.
 */
export class DisclosureSuggestionHandler implements EventHandler {
  readonly name = 'document-attributes.disclosure-suggestions';
  readonly eventTypes = [PROACTIVE_DISCLOSURE_SUGGESTED];

  constructor(
    private readonly commands: CommandHandler,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  /** Only consumable once the requests service has published the contract. */
  static contractAvailable(): boolean {
    return PROACTIVE_DISCLOSURE_SUGGESTED in EVENT_CONTRACTS;
  }

  async handle(event: EventEnvelope): Promise<void> {
    const parsed = consumedSuggestionShape.safeParse(event.data);
    if (!parsed.success)
      throw DomainError.validation(
        'SUGGESTION_SHAPE',
        `建议事件缺少所需字段：${parsed.error.issues.map((i) => i.path.join('.')).join('、')}`,
      );
    const { informationKey, count, documentId } = parsed.data;
    if (!documentId) return;
    const decider = documentDecider(this.calendar);
    const { state } = await this.commands.load(decider, documentStreamId(documentId));
    if (state.status !== 'registered') return; // not one of ours (an id from another register): nothing to mark
    await this.commands.handle(
      decider,
      documentStreamId(documentId),
      // one suggestion per information key: a repeated report is a no-op, an answered one stays answered
      {
        type: 'ReceiveDisclosureSuggestion',
        suggestionId: informationKey,
        requestCount: count,
        suggestedOn: toShanghaiDate(event.occurredAt),
      },
      systemContext(this.name, event),
    );
  }
}
