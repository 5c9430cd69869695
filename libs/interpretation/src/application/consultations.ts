import { v7 as uuidv7 } from 'uuid';
import { DomainError, type CommandContext, type CommandHandler, type CommandResult } from '@gongkai/platform';
import { toShanghaiDate, type WorkingDayCalendar } from '@gongkai/working-days';
import { consultationStreamId, type ConsultationState } from '../domain/consultation';
import { consultationDecider, type ConsultationCommand } from '../domain/consultation.decide';
import { maskPersonalData } from '../domain/personal-data';
import { actsForUnit, actsForUnitOf } from './authorize';
import { currentLimits } from './limits';
import { contactDigest } from './personal-data';

type Command<T extends ConsultationCommand['type']> = Extract<ConsultationCommand, { type: T }>;

export type OpenConsultationInput = Omit<Command<'OpenConsultation'>, 'type' | 'today' | 'limits'>;
export interface CommentInput {
  content: string;
  commenterName?: string;
  contact?: string;
}

const notFound = () => DomainError.notFound('CONSULTATION_NOT_FOUND', '该征求意见不存在。');
const unitOf = (state: ConsultationState) => (state.status === 'none' ? null : state.opened.unitId);

/** Public consultations (向社会公开征求意见): opening, citizens' comments with their personal data kept apart, moderation, adoption. */
export class Consultations {
  constructor(
    private readonly commands: CommandHandler,
    private readonly calendar: WorkingDayCalendar,
    private readonly personalDataKey: Buffer,
  ) {}

  private get decider() {
    return consultationDecider(this.calendar);
  }

  async open(input: OpenConsultationInput, context: CommandContext): Promise<CommandResult<ConsultationState>> {
    const limits = await currentLimits(this.commands);
    return this.commands.handle(
      this.decider,
      consultationStreamId(input.consultationId),
      { type: 'OpenConsultation', ...input, today: toShanghaiDate(context.now), limits },
      context,
      { authorize: actsForUnit(context.actor, input.unitId) },
    );
  }

  /**
   * A citizen's comment: the event keeps a masked name and the contact's digest in clear, and the name,
   * contact (and the text as written, when numbers in it were masked) sealed with the key of a new data
   * subject (`personalDataRef`) by the command handler (crypto-shredding, ADR 0010).
   */
  async comment(consultationId: string, input: CommentInput, context: CommandContext): Promise<{ commentId: string; revision: number }> {
    const commentId = uuidv7();
    const { state } = await this.commands.load(this.decider, consultationStreamId(consultationId));
    const unitId = unitOf(state);
    if (unitId === null) throw notFound();
    const name = input.commenterName || null;
    const contact = input.contact || null;
    const personal = name || contact || maskPersonalData(input.content) !== input.content;
    const command: ConsultationCommand = {
      type: 'SubmitComment',
      commentId,
      content: input.content,
      ...(name ? { commenterName: name } : {}),
      ...(contact ? { contact } : {}),
      contactDigest: contact ? contactDigest(this.personalDataKey, `consultation:${consultationId}`, contact) : null,
      personalDataRef: personal ? uuidv7() : null,
      today: toShanghaiDate(context.now),
    };
    const { revision } = await this.commands.handle(this.decider, consultationStreamId(consultationId), command, context);
    return { commentId, revision };
  }

  moderate(consultationId: string, input: Omit<Command<'ModerateComment'>, 'type'>, context: CommandContext) {
    return this.onExisting(consultationId, { type: 'ModerateComment', ...input }, context);
  }

  publishAdoption(consultationId: string, input: Omit<Command<'PublishAdoption'>, 'type' | 'today'>, context: CommandContext) {
    return this.onExisting(consultationId, { type: 'PublishAdoption', ...input, today: toShanghaiDate(context.now) }, context);
  }

  /** A command on an existing consultation, by staff acting for its unit. */
  private onExisting(consultationId: string, command: ConsultationCommand, context: CommandContext) {
    return this.commands.handle(this.decider, consultationStreamId(consultationId), command, context, {
      authorize: actsForUnitOf(context.actor, unitOf, notFound),
    });
  }
}
