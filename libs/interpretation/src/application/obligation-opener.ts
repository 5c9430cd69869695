import type { DocumentIssued, EventEnvelope } from '@gongkai/contracts';
import type { CommandHandler, EventHandler } from '@gongkai/platform';
import type { WorkingDayCalendar } from '@gongkai/working-days';
import { obligationStreamId } from '../domain/obligation';
import { obligationDecider } from '../domain/obligation.decide';
import { settingsDecider, SETTINGS_STREAM_ID } from '../domain/settings';

/**
 * Process manager: a policy issued with `needsInterpretation` opens an interpretation obligation
 * for its drafting unit (谁起草、谁解读). Idempotent: a redelivered event opens nothing new.
 */
export class ObligationOpener implements EventHandler {
  readonly name = 'interpretation.obligation-opener';
  readonly eventTypes = ['document-attributes.DocumentIssued'];

  constructor(
    private readonly commands: CommandHandler,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    const issued = event.data as DocumentIssued;
    if (!issued.needsInterpretation) return;
    const { state: settings } = await this.commands.load(settingsDecider, SETTINGS_STREAM_ID);
    const { documentId, unitId, title, documentNumber, documentType, attribute, approvedBy, issuedOn } = issued;
    await this.commands.handle(
      obligationDecider(this.calendar),
      obligationStreamId(documentId),
      {
        type: 'OpenObligation',
        issued: { documentId, unitId, title, documentNumber, documentType, attribute, approvedBy, issuedOn },
        limitWorkingDays: settings.limits.interpretationWorkingDays,
      },
      {
        actor: { userId: 'interpretation-service', unitId: null, role: 'system' },
        correlationId: event.correlationId,
        causationId: event.eventId,
        now: event.occurredAt,
      },
    );
  }
}
