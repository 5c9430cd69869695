import type { Connection } from 'mongoose';
import type { CleanupCampaignOpened, CleanupResultPublished, EventEnvelope } from '@gongkai/contracts';
import { asTyped, projectDocument, type Projection, type TypedEnvelope, viewOf } from '@gongkai/platform';

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

  async handle(envelope: EventEnvelope): Promise<void> {
    const event = asTyped<CleanupEnvelope>(envelope);
    switch (event.type) {
      case 'document-attributes.CleanupCampaignOpened':
        return this.open(event);
      case 'document-attributes.CleanupResultPublished':
        return this.publish(event);
    }
  }

  private async open(event: Extract<CleanupEnvelope, { type: 'document-attributes.CleanupCampaignOpened' }>): Promise<void> {
    await projectDocument(this.campaigns, event.data.campaignId, event, () => ({ ...event.data }));
  }

  private async publish(event: Extract<CleanupEnvelope, { type: 'document-attributes.CleanupResultPublished' }>): Promise<void> {
    const data = event.data;
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
