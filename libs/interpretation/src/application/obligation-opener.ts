import type { DocumentIssued, EventEnvelope } from '@gongkai/contracts';
import { asTyped, systemContext, type CommandHandler, type EventHandler, type TypedEnvelope } from '@gongkai/platform';
import type { WorkingDayCalendar } from '@gongkai/working-days';
import { obligationStreamId } from '../domain/obligation';
import { obligationDecider } from '../domain/obligation.decide';
import { currentLimits } from './limits';

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

  async handle(envelope: EventEnvelope): Promise<void> {
    const event = asTyped<TypedEnvelope<'document-attributes.DocumentIssued', DocumentIssued>>(envelope);
    const issued = event.data;
    if (!issued.needsInterpretation) return;
    const limits = await currentLimits(this.commands);
    const { documentId, unitId, title, documentNumber, documentType, attribute, approvedBy, issuedOn } = issued;
    await this.commands.handle(
      obligationDecider(this.calendar),
      obligationStreamId(documentId),
      {
        type: 'OpenObligation',
        issued: { documentId, unitId, title, documentNumber, documentType, attribute, approvedBy, issuedOn },
        limitWorkingDays: limits.interpretationWorkingDays,
      },
      // The obligation opens when the policy was issued (its event's time), not when this reaction ran.
      systemContext(this.name, event, new Date(event.occurredAt)),
    );
  }
}
