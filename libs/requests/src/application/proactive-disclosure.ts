import type { EventEnvelope, InformationLinked, ReplyCategory, ReplyIssued } from '@gongkai/contracts';
import { asTyped, systemContext, type CommandHandler, type EventHandler, type TypedEnvelope } from '@gongkai/platform';
import type { WorkingDayCalendar } from '@gongkai/working-days';
import { frequentDecider, frequentStreamId } from '../domain/frequent';
import { requestStreamId } from '../domain/request';
import { requestDecider } from '../domain/request.decide';
import type { RequestsProjection } from '../read-models/requests.projection';

type Handled = TypedEnvelope<'requests.ReplyIssued', ReplyIssued> | TypedEnvelope<'requests.InformationLinked', InformationLinked>;
type Linked = TypedEnvelope<'requests.InformationLinked', InformationLinked>;

const isObtained = (category: ReplyCategory | null | undefined) => category === 'disclose' || category === 'partial';

/**
 * Process manager, Art. 44: when enough different applicants obtained the same information (the
 * handler links requests to an information key), suggest proactive disclosure once. Reacts to a
 * reply and to a link, whichever comes last. Reads the request's own history from the store, so the
 * request that triggered it is always counted; the other requests come from the requests read
 * model. Idempotent: the frequent-requests stream suggests once per information key, so a
 * redelivered event records nothing new.
 */
export class ProactiveDisclosureProcess implements EventHandler {
  readonly name = 'requests.proactive-disclosure';
  readonly eventTypes = ['requests.ReplyIssued', 'requests.InformationLinked'];
  /** The other requests of the information key come from the register: it has applied everything up to the event. */
  readonly readsAfter = ['requests.requests'];

  constructor(
    private readonly commands: CommandHandler,
    private readonly requests: RequestsProjection,
    private readonly threshold: number,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async handle(envelope: EventEnvelope): Promise<void> {
    const { requestId } = asTyped<Handled>(envelope).data;
    const { state, history } = await this.commands.load(requestDecider(this.calendar), requestStreamId(requestId));
    const link = [...history].reverse().find((e) => e.type === 'requests.InformationLinked');
    if (!link || state.status === 'none') return;
    const { unitId, informationKey, information, documentId } = asTyped<Linked>(link).data;
    const candidates = await this.requests.find({ 'information.informationKey': informationKey, unitId });
    const obtained = new Map<string, string>();
    for (const r of candidates) if (r.requestId !== requestId && isObtained(r.category)) obtained.set(r.requestId, r.applicantKey);
    if (isObtained(state.reply?.category)) obtained.set(requestId, state.applicantKey);
    await this.commands.handle(
      frequentDecider,
      frequentStreamId(unitId, informationKey),
      {
        type: 'ConsiderProactiveDisclosure',
        unitId,
        informationKey,
        information,
        requestIds: [...obtained.keys()],
        applicants: new Set(obtained.values()).size,
        threshold: this.threshold,
        ...(documentId ? { documentId } : {}),
      },
      systemContext(this.name, envelope),
    );
  }
}
