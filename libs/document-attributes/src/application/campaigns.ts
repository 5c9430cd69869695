import {
  assertReadsUnit,
  DomainError,
  readsEveryUnit,
  unitActionError,
  type CommandContext,
  type CommandHandler,
  type Principal,
} from '@gongkai/platform';
import { cleanupCampaignDecider, cleanupCampaignStreamId, type CleanupEntry } from '../domain/cleanup-campaign';
import { documentStreamId } from '../domain/document';
import { reviewCycleDecider, reviewCycleStreamId } from '../domain/review-cycle';
import type { DocumentsProjection, ReviewProgress } from '../read-models/documents.projection';
import { statutoryDocumentDecider, today } from './document-commands';

/** The district's campaigns on documents: the yearly review (年度评估) and the cleanup (文件清理). */

export async function openReviewCycle(
  commands: CommandHandler,
  input: { year: number; openedOn?: string; dueOn: string },
  context: CommandContext,
): Promise<{ year: number; revision: number }> {
  const result = await commands.handle(
    reviewCycleDecider,
    reviewCycleStreamId(input.year),
    { type: 'OpenReviewCycle', year: input.year, openedOn: input.openedOn ?? today(context), dueOn: input.dueOn },
    context,
  );
  return { year: input.year, revision: result.revision };
}

/**
 * A cycle's progress by unit: assigned tasks and completed units from the cycle's stream, the
 * per-unit counts from the read model. Unit staff see their own unit only.
 */
export async function reviewCycleProgress(
  commands: CommandHandler,
  documents: DocumentsProjection,
  principal: Principal,
  year: number,
): Promise<ReviewProgress & { assignedTasks: Record<string, number>; completedUnits: string[] }> {
  const cycle = await commands.load(reviewCycleDecider, reviewCycleStreamId(year));
  if (cycle.state.status !== 'open') throw DomainError.notFound('REVIEW_CYCLE_NOT_FOUND', '该年度评估尚未启动。');
  const ownUnitOnly = !readsEveryUnit(principal);
  if (ownUnitOnly) assertReadsUnit(principal, principal.unitId ?? '');
  const progress = await documents.reviewProgress(year, ownUnitOnly ? (principal.unitId ?? undefined) : undefined);
  const units = cycle.state.units;
  const visible = Object.keys(units).filter((u) => !ownUnitOnly || u === principal.unitId);
  return {
    ...progress,
    assignedTasks: Object.fromEntries(visible.map((u) => [u, units[u].documentIds.length])),
    completedUnits: Object.keys(units).filter((u) => units[u].completed && (!ownUnitOnly || u === principal.unitId)),
  };
}

export async function openCleanupCampaign(
  commands: CommandHandler,
  input: { campaignId: string; title: string; openedOn?: string },
  context: CommandContext,
): Promise<{ campaignId: string; revision: number }> {
  const result = await commands.handle(
    cleanupCampaignDecider,
    cleanupCampaignStreamId(input.campaignId),
    { type: 'OpenCleanupCampaign', campaignId: input.campaignId, title: input.title, openedOn: input.openedOn ?? today(context) },
    context,
  );
  return { campaignId: input.campaignId, revision: result.revision };
}

/**
 * 公布清理结果: every entry must be an issued document of this unit (checked before anything is
 * written); those listed as 失效 or 废止 are declared so on their own streams, then the list is published.
 */
export async function publishCleanupResult(
  commands: CommandHandler,
  campaignId: string,
  unitId: string,
  input: { publishedOn?: string; entries: CleanupEntry[] },
  context: CommandContext,
): Promise<{ campaignId: string; unitId: string; revision: number }> {
  const refused = unitActionError(context.actor, unitId);
  if (refused) throw refused;
  const campaign = await commands.load(cleanupCampaignDecider, cleanupCampaignStreamId(campaignId));
  if (campaign.state.status !== 'open') throw DomainError.notFound('CLEANUP_CAMPAIGN_NOT_FOUND', '该清理活动不存在。');
  const publishedOn = input.publishedOn ?? today(context);
  const once = { ...context, expectedRevision: undefined };
  const decider = statutoryDocumentDecider();
  for (const entry of input.entries) {
    const { state } = await commands.load(decider, documentStreamId(entry.documentId));
    if (state.status !== 'registered' || state.unitId !== unitId || state.phase !== 'issued') {
      throw DomainError.rule('CLEANUP_ENTRY_NOT_OWN_DOCUMENT', `清理结果中的公文 ${entry.documentId} 不是本单位已印发的公文。`);
    }
  }
  for (const entry of input.entries) {
    if (entry.outcome !== '失效' && entry.outcome !== '废止') continue;
    const { state } = await commands.load(decider, documentStreamId(entry.documentId));
    if (state.status === 'registered' && state.validity !== '现行有效') continue;
    await commands.handle(
      decider,
      documentStreamId(entry.documentId),
      {
        type: 'InvalidateDocument',
        status: entry.outcome,
        effectiveOn: publishedOn,
        legalBasis: `文件清理：${campaign.state.title}`,
        campaignId,
      },
      once,
    );
  }
  const result = await commands.handle(
    cleanupCampaignDecider,
    cleanupCampaignStreamId(campaignId),
    { type: 'PublishCleanupResult', unitId, publishedOn, entries: input.entries },
    once,
  );
  return { campaignId, unitId, revision: result.revision };
}
