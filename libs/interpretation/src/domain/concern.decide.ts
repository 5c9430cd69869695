import {
  CONCERN_RESPONSE_KIND_LABELS,
  type CONCERN_SOURCES,
  type INTERPRETATION_CHANNELS,
  type ConcernResponseKind,
  type ConcernSeverity,
  type InterpretationLimits,
} from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { evolveConcern, initialConcernState, type ConcernEvent, type ConcernState } from './concern';

type Source = (typeof CONCERN_SOURCES)[number];
type Channel = (typeof INTERPRETATION_CHANNELS)[number];

export type ConcernCommand =
  | {
      type: 'RegisterConcern';
      concernId: string;
      source: Source;
      topic: string;
      summary: string;
      severity: ConcernSeverity;
      /** When the concern was picked up (舆情发现时间), ISO instant; not in the future of `at`. */
      registeredAt: string;
      /** When the command is given (ISO instant). */
      at: string;
      limits: InterpretationLimits;
    }
  | { type: 'AssignConcern'; unitId: string; note?: string }
  | { type: 'PublishResponse'; kind: ConcernResponseKind; content: string; channel: Channel; at: string };

type Command<T extends ConcernCommand['type']> = Extract<ConcernCommand, { type: T }>;
type Existing = Exclude<ConcernState, { status: 'none' }>;

const HOUR = 3600_000;

/** The responses a severity requires and their limits in hours. */
export function requiredResponses(
  severity: ConcernSeverity,
  limits: InterpretationLimits,
): { kind: ConcernResponseKind; hours: number | null }[] {
  switch (severity) {
    case 'major_emergency':
      return [
        { kind: 'authoritative_information', hours: limits.majorEmergencyInformationHours },
        { kind: 'press_conference', hours: limits.majorEmergencyPressConferenceHours },
      ];
    case 'hot_issue':
      return [{ kind: 'response', hours: limits.hotIssueResponseHours }];
    case 'ordinary':
      return [{ kind: 'response', hours: limits.ordinaryResponseHours }];
  }
}

function registerConcern(command: Command<'RegisterConcern'>, state: ConcernState): ConcernEvent[] | DomainError {
  if (state.status !== 'none') return DomainError.conflict('CONCERN_EXISTS', `关切 ${command.concernId} 已登记。`);
  const registered = Date.parse(command.registeredAt);
  if (registered > Date.parse(command.at)) return DomainError.rule('CONCERN_IN_FUTURE', '发现时间不能晚于当前时间。');
  const dueBy = requiredResponses(command.severity, command.limits).map(({ kind, hours }) => ({
    kind,
    hours,
    dueAt: hours === null ? null : new Date(registered + hours * HOUR).toISOString(),
  }));
  const { concernId, source, topic, summary, severity } = command;
  return [
    {
      type: 'interpretation.ConcernRegistered',
      data: { concernId, source, topic, summary, severity, registeredAt: new Date(registered).toISOString(), dueBy },
    },
  ];
}

function assignConcern(command: Command<'AssignConcern'>, state: Existing): ConcernEvent[] | DomainError {
  if (state.unitId === command.unitId) return [];
  if (state.responses.length > 0) return DomainError.rule('CONCERN_ALREADY_ANSWERED', '该关切已有回应，不能再改派。');
  return [
    {
      type: 'interpretation.ConcernAssigned',
      data: { concernId: state.registered.concernId, unitId: command.unitId, ...(command.note ? { note: command.note } : {}) },
    },
  ];
}

function publishResponse(command: Command<'PublishResponse'>, state: Existing): ConcernEvent[] | DomainError {
  const { concernId, severity } = state.registered;
  if (!state.unitId) return DomainError.rule('CONCERN_NOT_ASSIGNED', '该关切尚未交办给责任单位，不能发布回应。');
  const due = state.registered.dueBy.find((d) => d.kind === command.kind);
  if (!due) {
    const expected = state.registered.dueBy.map((d) => CONCERN_RESPONSE_KIND_LABELS[d.kind]).join('、');
    return DomainError.rule(
      'RESPONSE_KIND_NOT_EXPECTED',
      `此类关切应以“${expected}”方式回应，而非“${CONCERN_RESPONSE_KIND_LABELS[command.kind]}”。`,
    );
  }
  if (state.responses.some((r) => r.kind === command.kind)) {
    return DomainError.conflict('RESPONSE_ALREADY_PUBLISHED', `该关切已${CONCERN_RESPONSE_KIND_LABELS[command.kind]}。`);
  }
  const publishedAt = Date.parse(command.at);
  const hoursTaken = Math.round(((publishedAt - Date.parse(state.registered.registeredAt)) / HOUR) * 100) / 100;
  const onTime = due.dueAt === null || publishedAt <= Date.parse(due.dueAt);
  return [
    {
      type: 'interpretation.ConcernResponsePublished',
      data: {
        concernId,
        unitId: state.unitId,
        severity,
        kind: command.kind,
        content: command.content,
        channel: command.channel,
        publishedAt: new Date(publishedAt).toISOString(),
        dueAt: due.dueAt,
        hoursTaken,
        onTime,
      },
    },
  ];
}

function decideConcern(command: ConcernCommand, state: ConcernState): ConcernEvent[] | DomainError {
  if (command.type === 'RegisterConcern') return registerConcern(command, state);
  if (state.status === 'none') return DomainError.notFound('CONCERN_NOT_FOUND', '该关切不存在。');
  return command.type === 'AssignConcern' ? assignConcern(command, state) : publishResponse(command, state);
}

export const concernDecider: Decider<ConcernCommand, ConcernEvent, ConcernState> = {
  initialState: initialConcernState,
  evolve: evolveConcern,
  decide: decideConcern,
};
