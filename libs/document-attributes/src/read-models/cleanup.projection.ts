import type { Connection } from 'mongoose';
import type { CleanupCampaignOpened, CleanupResultPublished, EventEnvelope } from '@gongkai/contracts';
import { projectDocument, type Projection, viewOf } from '@gongkai/platform';

export interface CleanupResultView {
  campaignId: string;
  title: string;
  unitId: string;
  publishedOn: string;
  entries: CleanupResultPublished['entries'];
}

/** Cleanup campaigns and the result lists the units published (文件清理结果). */
export class CleanupProjection implements Projection {
  readonly name = 'document-attributes.cleanup';
  readonly collections = ['cleanup_campaigns', 'cleanup_results'];
  readonly eventTypes = ['document-attributes.CleanupCampaignOpened', 'document-attributes.CleanupResultPublished'];

  constructor(private readonly connection: Connection) {}

  private get campaigns() {
    return this.connection.collection('cleanup_campaigns');
  }
  private get results() {
    return this.connection.collection('cleanup_results');
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (event.type === 'document-attributes.CleanupCampaignOpened') {
      const data = event.data as CleanupCampaignOpened;
      await projectDocument(this.campaigns, data.campaignId, event, () => ({ ...data }));
      return;
    }
    const data = event.data as CleanupResultPublished;
    const campaign = await this.campaigns.findOne({ _id: data.campaignId as never });
    await projectDocument<CleanupResultView>(this.results, `${data.campaignId}:${data.unitId}`, event, () => ({
      campaignId: data.campaignId,
      title: (campaign?.title as string | undefined) ?? data.campaignId,
      unitId: data.unitId,
      publishedOn: data.publishedOn,
      entries: data.entries,
    }));
  }

  async listResults(filter: { campaignId?: string; unitId?: string }): Promise<CleanupResultView[]> {
    const query: Record<string, unknown> = {};
    if (filter.campaignId) query.campaignId = filter.campaignId;
    if (filter.unitId) query.unitId = filter.unitId;
    const docs = await this.results.find(query, { sort: { publishedOn: -1 } }).toArray();
    return docs.map((doc) => viewOf<CleanupResultView>(doc));
  }
}
