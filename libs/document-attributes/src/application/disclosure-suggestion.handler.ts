import { z } from 'zod';
import { EVENT_CONTRACTS, isoDate, type EventEnvelope } from '@gongkai/contracts';
import { DomainError, type CommandHandler, type EventHandler } from '@gongkai/platform';
import { documentStreamId } from '../domain/document';
import { documentDecider } from '../domain/document.decide';

export const PROACTIVE_DISCLOSURE_SUGGESTED = 'requests.ProactiveDisclosureSuggested';

/**
 * The shape this service needs from the requests service's `requests.ProactiveDisclosureSuggested`
 * (v1; its contract is owned by the requests service). Extra fields are ignored.
 */
export const expectedSuggestionShape = z.object({
  suggestionId: z.string().min(1),
  /** The document the repeatedly requested information is in (this service's document id). */
  documentId: z.string().min(1),
  requestCount: z.number().int().positive(),
  suggestedOn: isoDate,
});

/**
 * Art. 44: information disclosed on request again and again should become proactive. Records the
 * suggestion on the document; the unit accepts or declines it with a reason.
 */
export class DisclosureSuggestionHandler implements EventHandler {
  readonly name = 'document-attributes.disclosure-suggestions';
  readonly eventTypes = [PROACTIVE_DISCLOSURE_SUGGESTED];

  constructor(private readonly commands: CommandHandler) {}

  /** Only consumable once the requests service has published the contract. */
  static contractAvailable(): boolean {
    return PROACTIVE_DISCLOSURE_SUGGESTED in EVENT_CONTRACTS;
  }

  async handle(event: EventEnvelope): Promise<void> {
    const parsed = expectedSuggestionShape.safeParse(event.data);
    if (!parsed.success) throw DomainError.validation('SUGGESTION_SHAPE', `建议事件缺少所需字段：${parsed.error.issues.map((i) => i.path.join('.')).join('、')}`);
    const { suggestionId, documentId, requestCount, suggestedOn } = parsed.data;
    await this.commands.handle(
      documentDecider,
      documentStreamId(documentId),
      { type: 'ReceiveDisclosureSuggestion', suggestionId, requestCount, suggestedOn },
      {
        actor: { userId: 'document-attributes.disclosure-suggestions', unitId: null, role: 'system' },
        correlationId: event.correlationId,
        causationId: event.eventId,
        now: new Date().toISOString(),
      },
    );
  }
}
