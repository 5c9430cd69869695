import type { CataloguePublicationsProjection } from '../read-models/publications.projection';
import { atomFeed, type Subscriptions } from './subscriptions';

/** The Atom feeds of the portal: a unit's and a domain's newest publications. */
export class CatalogueFeeds {
  constructor(
    private readonly publications: Pick<CataloguePublicationsProjection, 'latest'>,
    private readonly subscriptions: Pick<Subscriptions, 'targetName'>,
    private readonly portalBaseUrl: string,
  ) {}

  async unit(unitId: string): Promise<string> {
    const name = await this.subscriptions.targetName({ unitId });
    return this.feed(`units/${unitId}`, `${name} 新发布的政府信息`, `/units/${unitId}`, await this.publications.latest({ unitId }));
  }

  async domain(domainCode: string): Promise<string> {
    const name = await this.subscriptions.targetName({ domainCode });
    return this.feed(
      `domains/${domainCode}`,
      `${name}领域新发布的政府信息`,
      `/domains/${domainCode}`,
      await this.publications.latest({ domainCode }),
    );
  }

  private feed(path: string, title: string, page: string, entries: Awaited<ReturnType<CataloguePublicationsProjection['latest']>>) {
    return atomFeed({
      id: `${this.portalBaseUrl}/api/catalogue/feeds/${path}`,
      title,
      self: `${this.portalBaseUrl}/api/catalogue/feeds/${path}`,
      portal: this.portalBaseUrl,
      alternate: `${this.portalBaseUrl}${page}`,
      entries,
      updated: entries[0] ? new Date(entries[0].publishedAt).toISOString() : '2019-05-15T00:00:00.000Z',
    });
  }
}
