import { CLEANUP_OUTCOMES, type CleanupCampaignOpened, type CleanupResultPublished } from '@gongkai/contracts';
import { DomainError, type Decider, type DomainEvent } from '@gongkai/platform/domain';
import { isLocalDate } from '@gongkai/working-days';

/** A cleanup campaign (文件清理): each unit publishes its result list (清理结果) on the portal. */
export type CleanupCampaignEvent =
  | DomainEvent<'document-attributes.CleanupCampaignOpened', CleanupCampaignOpened>
  | DomainEvent<'document-attributes.CleanupResultPublished', CleanupResultPublished>;

export type CleanupCampaignState =
  { status: 'none' } | { status: 'open'; campaignId: string; title: string; openedOn: string; publishedUnits: string[] };

export type CleanupEntry = { documentId: string; outcome: (typeof CLEANUP_OUTCOMES)[number]; note: string | null };

export type CleanupCampaignCommand =
  | { type: 'OpenCleanupCampaign'; campaignId: string; title: string; openedOn: string }
  | { type: 'PublishCleanupResult'; unitId: string; publishedOn: string; entries: CleanupEntry[] };

export const cleanupCampaignStreamId = (campaignId: string) => `document-attributes.cleanup-campaign-${campaignId}`;

type Command<T extends CleanupCampaignCommand['type']> = Extract<CleanupCampaignCommand, { type: T }>;
type OpenCampaign = Extract<CleanupCampaignState, { status: 'open' }>;

function openCleanupCampaign(command: Command<'OpenCleanupCampaign'>, state: CleanupCampaignState): CleanupCampaignEvent[] | DomainError {
  if (state.status === 'open') return DomainError.conflict('CLEANUP_CAMPAIGN_EXISTS', `清理活动 ${command.campaignId} 已存在。`);
  if (!isLocalDate(command.openedOn)) return DomainError.validation('INVALID_DATE', '日期无效，应为 YYYY-MM-DD。');
  const { type: _type, ...data } = command;
  return [{ type: 'document-attributes.CleanupCampaignOpened', data }];
}

function publishCleanupResult(command: Command<'PublishCleanupResult'>, state: OpenCampaign): CleanupCampaignEvent[] | DomainError {
  if (state.publishedUnits.includes(command.unitId)) {
    return DomainError.conflict('CLEANUP_RESULT_ALREADY_PUBLISHED', `单位 ${command.unitId} 已公布本次清理结果。`);
  }
  if (!isLocalDate(command.publishedOn) || command.publishedOn < state.openedOn) {
    return DomainError.rule('INVALID_PUBLICATION_DATE', '公布日期无效或早于清理活动启动日期。');
  }
  const ids = command.entries.map((e) => e.documentId);
  if (new Set(ids).size !== ids.length) return DomainError.rule('DUPLICATE_CLEANUP_ENTRY', '清理结果中同一公文只能列一次。');
  return [
    {
      type: 'document-attributes.CleanupResultPublished',
      data: { campaignId: state.campaignId, unitId: command.unitId, publishedOn: command.publishedOn, entries: command.entries },
    },
  ];
}

export function decideCleanupCampaign(command: CleanupCampaignCommand, state: CleanupCampaignState): CleanupCampaignEvent[] | DomainError {
  if (command.type === 'OpenCleanupCampaign') return openCleanupCampaign(command, state);
  if (state.status !== 'open') return DomainError.notFound('CLEANUP_CAMPAIGN_NOT_FOUND', '该清理活动不存在。');
  return publishCleanupResult(command, state);
}

export const cleanupCampaignDecider: Decider<CleanupCampaignCommand, CleanupCampaignEvent, CleanupCampaignState> = {
  initialState: { status: 'none' },
  evolve: (state, event) =>
    event.type === 'document-attributes.CleanupCampaignOpened'
      ? { status: 'open', ...event.data, publishedUnits: [] }
      : state.status === 'open'
        ? { ...state, publishedUnits: [...state.publishedUnits, event.data.unitId] }
        : state,
  decide: decideCleanupCampaign,
};
