import type { CleanupCampaignOpened, CleanupResultPublished, EventEnvelope } from '@gongkai/contracts';
import { asTyped, BatchedProjection, documentChange, type DocumentChange, type TypedEnvelope, viewOf } from '@gongkai/platform';

type CleanupEnvelope =
  | TypedEnvelope<'document-attributes.CleanupCampaignOpened', CleanupCampaignOpened>
  | TypedEnvelope<'document-attributes.CleanupResultPublished', CleanupResultPublished>;

export interface CleanupResultView {
  campaignId: string;
  title: string;
  unitId: string;
  publishedOn: string;
  entries: CleanupResultPublished['entries'];
}

/** As stored: the campaign's title is read with the results (a campaign's title never changes once opened). */
type StoredCleanupResult = Omit<CleanupResultView, 'title'>;

/**
 * Cleanup campaigns and the result lists the units published (文件清理结果). Batched: every event
 * changes its own document; a result takes its campaign's title when read.
 */
export class CleanupProjection extends BatchedProjection {
  readonly name = 'document-attributes.cleanup';
  readonly collections = ['cleanup_campaigns', 'cleanup_results'];
  readonly eventTypes = ['document-attributes.CleanupCampaignOpened', 'document-attributes.CleanupResultPublished'];

  private get campaigns() {
    return this.connection.collection('cleanup_campaigns');
  }
  private get results() {
    return this.connection.collection('cleanup_results');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<CleanupEnvelope>(envelope);
    switch (event.type) {
      case 'document-attributes.CleanupCampaignOpened':
        return [documentChange<CleanupCampaignOpened>('cleanup_campaigns', event.data.campaignId, () => ({ ...event.data }))];
      case 'document-attributes.CleanupResultPublished': {
        const { campaignId, unitId, publishedOn, entries } = event.data;
        return [
          documentChange<StoredCleanupResult>('cleanup_results', `${campaignId}:${unitId}`, () => ({
            campaignId,
            unitId,
            publishedOn,
            entries,
          })),
        ];
      }
    }
  }

  async listResults(filter: { campaignId?: string; unitId?: string }): Promise<CleanupResultView[]> {
    const query: Record<string, unknown> = {};
    if (filter.campaignId) query.campaignId = filter.campaignId;
    if (filter.unitId) query.unitId = filter.unitId;
    const results = (await this.results.find(query, { sort: { publishedOn: -1 } }).toArray()).map((doc) =>
      viewOf<StoredCleanupResult>(doc),
    );
    const titles = new Map<string, string>();
    for (const campaignId of new Set(results.map((r) => r.campaignId))) {
      const campaign = await this.campaigns.findOne({ _id: campaignId as never }, { projection: { title: 1 } });
      titles.set(campaignId, (campaign?.title as string | undefined) ?? campaignId);
    }
    return results.map(({ campaignId, unitId, publishedOn, entries }) => ({
      campaignId,
      title: titles.get(campaignId) ?? campaignId,
      unitId,
      publishedOn,
      entries,
    }));
  }
}
