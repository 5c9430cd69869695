import { deciderSpec } from '@gongkai/platform/decider-spec';
import { cleanupCampaignDecider, type CleanupCampaignEvent } from './cleanup-campaign';

describe('cleanup campaign (文件清理)', () => {
  const spec = deciderSpec(cleanupCampaignDecider);
  const opened = spec.given().when({
    type: 'OpenCleanupCampaign',
    campaignId: 'QL-2026',
    title: '2026年度行政规范性文件清理',
    openedOn: '2026-10-08',
  }).decision as CleanupCampaignEvent[];
  const entries = [{ documentId: 'doc-1', outcome: '废止' as const, note: null }];

  it('publishes one result list per unit, after the opening, without duplicates', () => {
    spec
      .given()
      .when({ type: 'PublishCleanupResult', unitId: 'TEZ-EDU', publishedOn: '2026-11-02', entries })
      .thenError('CLEANUP_CAMPAIGN_NOT_FOUND');
    const published = spec.given(...opened).when({
      type: 'PublishCleanupResult',
      unitId: 'TEZ-EDU',
      publishedOn: '2026-11-02',
      entries,
    }).decision as CleanupCampaignEvent[];
    expect(published[0].data).toEqual({ campaignId: 'QL-2026', unitId: 'TEZ-EDU', publishedOn: '2026-11-02', entries });
    spec
      .given(...opened, ...published)
      .when({ type: 'PublishCleanupResult', unitId: 'TEZ-EDU', publishedOn: '2026-11-03', entries })
      .thenError('CLEANUP_RESULT_ALREADY_PUBLISHED');
    spec
      .given(...opened)
      .when({ type: 'PublishCleanupResult', unitId: 'TEZ-ZSZ', publishedOn: '2026-10-01', entries })
      .thenError('INVALID_PUBLICATION_DATE');
    spec
      .given(...opened)
      .when({ type: 'PublishCleanupResult', unitId: 'TEZ-ZSZ', publishedOn: '2026-11-02', entries: [...entries, ...entries] })
      .thenError('DUPLICATE_CLEANUP_ENTRY');
  });
});
