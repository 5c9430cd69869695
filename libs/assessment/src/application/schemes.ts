import type { TrainingRecorded } from '@gongkai/contracts';
import { CommandHandler, ConsumerCatchUp, DomainError, type CommandContext } from '@gongkai/platform';
import { evaluationStreamId } from '../domain/evaluation';
import { evaluationDecider } from '../domain/evaluation.decide';
import { assesses, schemeStreamId } from '../domain/scheme';
import { schemeDecider, type PublishSchemeCommand } from '../domain/scheme.decide';
import { trainingStreamId } from '../domain/training';
import { trainingDecider } from '../domain/training.decide';
import type { AssessmentUnitsProjection } from '../read-models/units.projection';
import { frozenFormOf, parseAsOf, schemeRefOf, type ScoringService } from './scoring.service';

/** The district office's commands: schemes, manual scores, freezing the year's result, trainings. */
export class AssessmentSchemes {
  constructor(
    private readonly commands: CommandHandler,
    private readonly scoring: ScoringService,
    private readonly units: AssessmentUnitsProjection,
    private readonly catchUp: ConsumerCatchUp,
    /** How long a freeze waits for the facts to consume every event recorded before it. */
    private readonly freezeCatchUpSeconds: number,
  ) {}

  /** A scheme or its next version; a revision is refused once the scheme's scores are frozen. */
  async publish(scheme: Omit<PublishSchemeCommand, 'type' | 'scoresFrozen'>, context: CommandContext) {
    const scoresFrozen = (await this.commands.load(evaluationDecider, evaluationStreamId(scheme.schemeId))).state.frozen !== null;
    const result = await this.commands.handle(
      schemeDecider,
      schemeStreamId(scheme.schemeId),
      { type: 'PublishScheme', ...scheme, scoresFrozen },
      context,
    );
    return {
      schemeId: scheme.schemeId,
      version: result.state.status === 'published' ? result.state.current.version : null,
      eventId: result.events[0]?.eventId,
      revision: result.revision,
    };
  }

  /** The scheme's stream state (current and every version) with its revision. */
  async scheme(schemeId: string) {
    const { state, revision } = await this.commands.load(schemeDecider, schemeStreamId(schemeId));
    if (state.status !== 'published') throw DomainError.notFound('SCHEME_NOT_FOUND', `考核方案“${schemeId}”不存在。`);
    return { ...state, revision };
  }

  /** A manual score on the scheme's current version, for a unit the scheme assesses (as the facts know it). */
  async recordManualScore(
    schemeId: string,
    score: { unitId: string; indicatorId: string; points: number; reason: string; evidence: string[] },
    context: CommandContext,
  ) {
    const scheme = schemeRefOf((await this.commands.load(schemeDecider, schemeStreamId(schemeId))).state);
    const unit = await this.units.get(score.unitId);
    const unitAssessed = !!unit && !!scheme && assesses(scheme.version, unit.kind);
    const result = await this.commands.handle(
      evaluationDecider,
      evaluationStreamId(schemeId),
      { type: 'RecordManualScore', scheme, unitAssessed, ...score },
      context,
    );
    return { eventId: result.events[0]?.eventId, score: result.events[0]?.data, revision: result.revision };
  }

  /**
   * Freezes the result as of `asOf` (default: now). The facts must first hold every event recorded
   * up to now (late records of other units included); the decider refuses otherwise.
   */
  async freeze(schemeId: string, request: { asOf?: string; reason?: string }, context: CommandContext) {
    const asOf = parseAsOf(request.asOf, context.now);
    if (asOf > context.now) throw DomainError.validation('AS_OF_IN_FUTURE', '不能按未来的时间固化考核结果。');
    const scheme = await this.scoring.scheme(schemeId);
    const caughtUp = await this.catchUp.waitFor('assessment', { timeoutMs: this.freezeCatchUpSeconds * 1000 });
    const factsCatchUp = {
      caughtUp: caughtUp.caughtUp,
      remaining: caughtUp.remaining,
      waitedSeconds: Math.round(caughtUp.waitedMs / 1000),
    };
    const sheet = await this.scoring.compute(schemeId, asOf);
    const result = await this.commands.handle(
      evaluationDecider,
      evaluationStreamId(schemeId),
      { type: 'FreezeScores', scheme, result: frozenFormOf(sheet), reason: request.reason ?? null, factsCatchUp },
      context,
    );
    return { eventId: result.events[0]?.eventId, frozen: result.events[0]?.data, revision: result.revision };
  }

  async recordTraining(training: TrainingRecorded, context: CommandContext) {
    const result = await this.commands.handle(
      trainingDecider,
      trainingStreamId(training.trainingId),
      { type: 'RecordTraining', ...training },
      context,
    );
    return { eventId: result.events[0]?.eventId, revision: result.revision };
  }
}
