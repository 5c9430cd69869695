import type { EventEnvelope, ReviewCycleOpened, YearlyReviewDecided } from '@gongkai/contracts';
import {
  asTyped,
  DomainError,
  systemContext,
  type CommandHandler,
  type EventHandler,
  type Logger,
  type TypedEnvelope,
} from '@gongkai/platform';
import type { WorkingDayCalendar } from '@gongkai/working-days';
import { documentStreamId, type RegisteredDocument } from '../domain/document';
import { documentDecider } from '../domain/document.decide';
import { reviewCycleDecider, reviewCycleStreamId } from '../domain/review-cycle';
import type { DocumentEnvelope } from '../read-models/document-view';
import type { DocumentsProjection } from '../read-models/documents.projection';

type Handled =
  | TypedEnvelope<'document-attributes.ReviewCycleOpened', ReviewCycleOpened>
  | TypedEnvelope<'document-attributes.YearlyReviewDecided', YearlyReviewDecided>;

type Decided = Extract<DocumentEnvelope, { type: 'document-attributes.YearlyReviewDecided' }>;

/**
 * The yearly review process manager. When the district office opens a cycle it opens a review task
 * on every in-force 不予公开 / 依申请公开 document (found through the documents read model) and assigns
 * each unit its tasks; after each decision it checks, on the event store itself, whether every task
 * of that unit is decided, and records the unit's completion (an assessment input).
 *
 * Every step is idempotent (the deciders ignore a repeated opening, assignment or completion), so a
 * redelivery or a crash half-way is safe.
 */
export class YearlyReviewProcess implements EventHandler {
  readonly name = 'document-attributes.yearly-review-process';
  readonly eventTypes = ['document-attributes.ReviewCycleOpened', 'document-attributes.YearlyReviewDecided'];
  /** The documents to review come from the documents read model: it has applied everything up to the cycle's opening. */
  readonly readsAfter = ['document-attributes.documents'];

  constructor(
    private readonly commands: CommandHandler,
    private readonly documents: DocumentsProjection,
    private readonly logger: Logger,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async handle(envelope: EventEnvelope): Promise<void> {
    const event = asTyped<Handled>(envelope);
    switch (event.type) {
      case 'document-attributes.ReviewCycleOpened':
        return this.assignTasks(event, event.data.year);
      case 'document-attributes.YearlyReviewDecided':
        return this.completeIfDone(event, event.data.year, event.data.unitId);
    }
  }

  private async assignTasks(event: Handled, year: number): Promise<void> {
    const candidates = await this.documents.withheldInForce();
    const byUnit = new Map<string, string[]>();
    for (const view of candidates) {
      let opened: RegisteredDocument | null = null;
      try {
        const result = await this.commands.handle(
          documentDecider(this.calendar),
          documentStreamId(view.documentId),
          { type: 'OpenYearlyReview', year },
          systemContext(this.name, event),
        );
        opened = result.state as RegisteredDocument;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // e.g. the read model lagged behind a repeal: this document is not reviewed this year.
        this.logger.warn({ documentId: view.documentId, year, code: error.code }, 'no yearly review task for this document');
        continue;
      }
      if (opened.openReviewYear === year || opened.reviewedYears.includes(year)) {
        byUnit.set(opened.unitId, [...(byUnit.get(opened.unitId) ?? []), opened.documentId]);
      }
    }
    for (const [unitId, documentIds] of byUnit) {
      await this.commands.handle(
        reviewCycleDecider,
        reviewCycleStreamId(year),
        { type: 'AssignReviewTasks', unitId, documentIds },
        systemContext(this.name, event),
      );
      await this.completeIfDone(event, year, unitId);
    }
  }

  private async completeIfDone(event: Handled, year: number, unitId: string): Promise<void> {
    const cycle = await this.commands.load(reviewCycleDecider, reviewCycleStreamId(year));
    if (cycle.state.status !== 'open') return;
    const unit = cycle.state.units[unitId];
    if (!unit || unit.completed) return;
    let kept = 0;
    let released = 0;
    let lastDecidedOn = '';
    for (const documentId of unit.documentIds) {
      const { history } = await this.commands.load(documentDecider(this.calendar), documentStreamId(documentId));
      const decision = history
        .map((e) => asTyped<DocumentEnvelope>(e))
        .find((e): e is Decided => e.type === 'document-attributes.YearlyReviewDecided' && e.data.year === year);
      if (!decision) return; // still open
      if (decision.data.decision === 'keep') kept += 1;
      else released += 1;
      if (decision.data.decidedOn > lastDecidedOn) lastDecidedOn = decision.data.decidedOn;
    }
    await this.commands.handle(
      reviewCycleDecider,
      reviewCycleStreamId(year),
      { type: 'CompleteUnitReview', unitId, kept, released, completedOn: lastDecidedOn || cycle.state.openedOn },
      systemContext(this.name, event),
    );
  }
}
