import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { isPersonalDataToken, PILOT_DOMAINS, type EventEnvelope } from '@gongkai/contracts';
import {
  DomainError,
  encryptField,
  revealSealed,
  subjectIdOf,
  type Composed,
  type EventHandler,
  type Notice,
  type NoticeComposer,
  type NoticeOutbox,
  type PersonalDataKeys,
} from '@gongkai/platform';
import type { CataloguePublicationsProjection, PublicationEntry } from '../read-models/publications.projection';
import type { CatalogueUnitsProjection } from '../read-models/units.projection';

/** What a citizen follows: one unit's or one domain's new publications. */
export type SubscriptionTarget = { unitId: string } | { domainCode: string };

/**
 * A subscription (精准推送). Kept as state, not as events: a reader's preference, not a record of the
 * openness work. The address is stored sealed with a key of the subscriber (crypto-shredding, issue
 * 19: `catalogue.subscriber/<subscriptionId>` in the platform's key store), so a backup of the
 * collection holds no address that outlives an unsubscription. Unsubscribing deletes the document and
 * the key. The outbox holds only its id.
 */
interface Subscription {
  subscriptionId: string;
  email: string;
  target: SubscriptionTarget;
  status: 'pending' | 'confirmed';
  createdAt: Date;
  confirmedAt: Date | null;
}

export const CONFIRM_KIND = 'subscription_confirm';
export const PUBLICATION_KIND = 'publication';

/** The key-store scope of subscribers: one data subject per subscription. */
export const SUBSCRIBER_SCOPE = 'catalogue.subscriber';
const subscriberOf = (subscriptionId: string) => subjectIdOf(SUBSCRIBER_SCOPE, subscriptionId);

const domainName = (code: string) => PILOT_DOMAINS.find((d) => d.code === code)?.name;
const targetKey = (t: SubscriptionTarget) => ('unitId' in t ? `unit:${t.unitId}` : `domain:${t.domainCode}`);

/** Subscriptions: subscribe (a confirmation e-mail), confirm and unsubscribe by the signed link token. */
export class Subscriptions {
  constructor(
    private readonly connection: Connection,
    private readonly outbox: NoticeOutbox,
    private readonly units: Pick<CatalogueUnitsProjection, 'get'>,
    private readonly linkKey: Buffer,
    private readonly keys: PersonalDataKeys | null,
  ) {}

  private async sealed(subscriptionId: string, address: string): Promise<string> {
    if (!this.keys) throw new Error('subscriptions without a personal-data key store');
    return encryptField(await this.keys.getOrCreate(subscriberOf(subscriptionId)), address);
  }

  private get subscriptions() {
    return this.connection.collection<Omit<Subscription, 'subscriptionId'> & { _id: string }>('subscriptions');
  }

  /**
   * The subscription of an address to a target: a keyed digest (HMAC with the link key), so an id kept
   * after an unsubscription (the outbox's notices) confirms nothing about a guessed address. A
   * subscription made before (an unkeyed digest) keeps its id, and its links keep working.
   */
  private async subscriptionIdOf(address: string, target: SubscriptionTarget): Promise<string> {
    const of = (digest: string) => `sub-${digest.slice(0, 24)}`;
    const what = `${address}|${targetKey(target)}`;
    const legacy = of(createHash('sha256').update(what).digest('hex'));
    if (await this.subscriptions.findOne({ _id: legacy }, { projection: { _id: 1 } })) return legacy;
    return of(createHmac('sha256', this.linkKey).update(`subscriber:${what}`).digest('hex'));
  }

  /** `<subscriptionId>.<HMAC>`: the link proves the address received it, nothing stored to match. */
  tokenOf(subscriptionId: string): string {
    return `${subscriptionId}.${createHmac('sha256', this.linkKey).update(`subscription:${subscriptionId}`).digest('base64url')}`;
  }

  private idFromToken(token: string): string {
    const [id, mac] = token.split('.');
    const expected = id ? this.tokenOf(id).split('.')[1] : '';
    if (!id || !mac || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) {
      throw DomainError.notFound('SUBSCRIPTION_LINK_INVALID', '链接无效或订阅已取消。');
    }
    return id;
  }

  /** The target's name as the e-mails and the portal say it, or a validation error for an unknown one. */
  async targetName(target: SubscriptionTarget): Promise<string> {
    if ('domainCode' in target) {
      const name = domainName(target.domainCode);
      if (!name) throw DomainError.validation('SUBSCRIPTION_TARGET_UNKNOWN', '所选领域不存在。');
      return name;
    }
    const unit = await this.units.get(target.unitId);
    if (!unit) throw DomainError.validation('SUBSCRIPTION_TARGET_UNKNOWN', '所选单位不存在。');
    return unit.name;
  }

  /**
   * Records the subscription (pending) and queues its confirmation e-mail. The same address and
   * target again: the same subscription, a new confirmation while it is pending, nothing once confirmed.
   * The answer is the same either way (no one learns whether an address subscribes).
   */
  async subscribe(email: string, target: SubscriptionTarget, now: Date): Promise<{ targetName: string }> {
    const targetName = await this.targetName(target);
    const address = email.trim().toLowerCase();
    const subscriptionId = await this.subscriptionIdOf(address, target);
    if (!(await this.subscriptions.findOne({ _id: subscriptionId }, { projection: { _id: 1 } }))) {
      const email = await this.sealed(subscriptionId, address);
      await this.subscriptions.updateOne(
        { _id: subscriptionId },
        { $setOnInsert: { email, target, status: 'pending', createdAt: now, confirmedAt: null } },
        { upsert: true },
      );
    }
    const current = await this.subscriptions.findOne({ _id: subscriptionId });
    if (current?.status === 'pending') {
      await this.outbox.enqueue(
        {
          noticeId: `${CONFIRM_KIND}-${subscriptionId}-${now.getTime()}`,
          kind: CONFIRM_KIND,
          channel: 'email',
          unitId: 'unitId' in target ? target.unitId : 'district',
          subjectId: subscriptionId,
          cause: null,
        },
        now,
      );
    }
    return { targetName };
  }

  async confirm(token: string, now: Date): Promise<{ targetName: string }> {
    const id = this.idFromToken(token);
    const found = await this.subscriptions.findOneAndUpdate(
      { _id: id },
      { $set: { status: 'confirmed', confirmedAt: now } },
      { returnDocument: 'after' },
    );
    if (!found) throw DomainError.notFound('SUBSCRIPTION_LINK_INVALID', '链接无效或订阅已取消。');
    return { targetName: await this.targetName(found.target) };
  }

  /** One click: the subscription is deleted and its subscriber's key with it (the address is unreadable in any backup). Again: the same answer. */
  async unsubscribe(token: string): Promise<{ unsubscribed: true }> {
    const id = this.idFromToken(token);
    await this.subscriptions.deleteOne({ _id: id });
    await this.keys?.shred(subscriberOf(id));
    return { unsubscribed: true };
  }

  /** The subscription with its address in clear (for the e-mails only); the address reads 已删除 if its key is gone. */
  async get(subscriptionId: string): Promise<Subscription | null> {
    const doc = await this.subscriptions.findOne({ _id: subscriptionId });
    if (!doc) return null;
    const { _id, ...rest } = doc;
    const email = this.keys ? await revealSealed(rest.email, subscriberOf(_id), { keys: this.keys }) : rest.email;
    return { subscriptionId: _id, ...rest, email };
  }

  /** Seals the addresses stored in clear before crypto-shredding (idempotent; run on start). Returns how many. */
  async sealPlaintext(): Promise<number> {
    await this.connection.asPromise();
    let count = 0;
    for (const doc of await this.subscriptions.find({}, { projection: { email: 1 } }).toArray()) {
      if (isPersonalDataToken(doc.email)) continue;
      await this.subscriptions.updateOne({ _id: doc._id, email: doc.email }, { $set: { email: await this.sealed(doc._id, doc.email) } });
      count += 1;
    }
    return count;
  }

  /**
   * The subscriptions an entry matters to: its unit's and its domains', confirmed before it was
   * published (`at`: a publication recorded earlier is not sent to a later subscriber, however late the
   * read model applies it).
   */
  async matching(entry: PublicationEntry, at: Date): Promise<string[]> {
    const docs = await this.subscriptions
      .find(
        {
          status: 'confirmed',
          confirmedAt: { $lte: at },
          $or: [{ 'target.unitId': entry.unitId }, { 'target.domainCode': { $in: entry.domainCodes } }],
        },
        { projection: { _id: 1 } },
      )
      .toArray();
    return docs.map((d) => d._id);
  }
}

const alertShape = z.object({ unitId: z.string().min(1) });

/**
 * Process manager: a new publication (catalogue item published or revised, a document's publication
 * recorded) queues one e-mail per confirmed subscription it matches, from the entry the publications read
 * model made of the event. It is handed the event only after that read model has applied it
 * (`readsAfter`, ADR 0017); the notice id (`publication-<eventId>-<subscription>`) makes a redelivery a no-op.
 */
export class PublicationAlerts implements EventHandler {
  readonly name = 'catalogue.publication-alerts';
  readonly eventTypes = ['catalogue.ItemPublished', 'catalogue.ItemRevised', 'document-attributes.PublicationRecorded'];
  readonly readsAfter = ['catalogue.publications'];

  constructor(
    private readonly publications: Pick<CataloguePublicationsProjection, 'get'>,
    private readonly subscriptions: Pick<Subscriptions, 'matching'>,
    private readonly outbox: NoticeOutbox,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (!alertShape.safeParse(event.data).success) return;
    const entry = await this.publications.get(event.eventId);
    // The read model has applied the event: no entry means none is due (e.g. a document registered
    // before that read model existed), so no alert.
    if (!entry) return;
    for (const subscriptionId of await this.subscriptions.matching(entry, new Date(event.recordedAt))) {
      await this.outbox.enqueue(
        {
          noticeId: `${PUBLICATION_KIND}-${event.eventId}-${subscriptionId}`,
          kind: PUBLICATION_KIND,
          channel: 'email',
          unitId: entry.unitId,
          subjectId: subscriptionId,
          cause: { eventId: event.eventId, type: event.type, streamId: event.streamId, streamRevision: event.streamRevision },
        },
        new Date(event.recordedAt),
      );
    }
  }
}

/** The subscription e-mails: the confirmation, and each new publication (with a one-click unsubscribe). */
export class SubscriptionComposer implements NoticeComposer {
  constructor(
    private readonly subscriptions: Subscriptions,
    private readonly publications: Pick<CataloguePublicationsProjection, 'get'>,
    private readonly portalBaseUrl: string,
  ) {}

  async compose(notice: Notice): Promise<Composed> {
    const subscription = notice.subjectId ? await this.subscriptions.get(notice.subjectId) : null;
    if (!subscription) return { cancel: '订阅已取消' };
    const token = this.subscriptions.tokenOf(subscription.subscriptionId);
    const targetName = await this.subscriptions.targetName(subscription.target);
    const unsubscribePage = `${this.portalBaseUrl}/subscribe/unsubscribe?token=${encodeURIComponent(token)}`;
    const unsubscribeApi = `${this.portalBaseUrl}/api/catalogue/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`;
    if (notice.kind === CONFIRM_KIND) {
      if (subscription.status === 'confirmed') return { cancel: '订阅已确认' };
      return {
        mail: {
          noticeId: notice.noticeId,
          to: [subscription.email],
          subject: `【政务公开订阅】请确认订阅“${targetName}”的公开信息`,
          text:
            `您好：\n\n有人用本邮箱订阅了“${targetName}”新发布的政府信息。如果是您本人，请打开以下链接确认：\n` +
            `${this.portalBaseUrl}/subscribe/confirm?token=${encodeURIComponent(token)}\n\n如果不是您本人，请忽略本邮件，不会再收到任何订阅邮件。`,
        },
      };
    }
    if (subscription.status !== 'confirmed') return { cancel: '订阅未确认' };
    const entry = notice.cause ? await this.publications.get(notice.cause.eventId) : null;
    if (!entry) return { wait: '发布信息尚未同步到读模型' };
    const link = entry.link.startsWith('/') ? `${this.portalBaseUrl}${entry.link}` : entry.link;
    return {
      mail: {
        noticeId: notice.noticeId,
        to: [subscription.email],
        subject: `【政务公开订阅】${targetName}：${entry.title}`,
        text: `您订阅的“${targetName}”有新发布的政府信息：\n\n${entry.summary}\n${link}\n\n退订（一键取消，不再收到本订阅的邮件）：\n${unsubscribePage}`,
        headers: { 'List-Unsubscribe': `<${unsubscribeApi}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      },
    };
  }
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An Atom 1.0 feed (RFC 4287) of a unit's or a domain's publications. */
export function atomFeed(feed: {
  id: string;
  title: string;
  self: string;
  /** The portal's base URL (entry links relative to it) and the page the feed mirrors. */
  portal: string;
  alternate: string;
  entries: PublicationEntry[];
  updated: string;
}): string {
  const entries = feed.entries.map((e) => {
    const link = e.link.startsWith('/') ? `${feed.portal}${e.link}` : e.link;
    return [
      '  <entry>',
      `    <id>urn:gongkai:publication:${xml(e.entryId)}</id>`,
      `    <title>${xml(e.title)}</title>`,
      `    <link rel="alternate" href="${xml(link)}"/>`,
      `    <updated>${xml(new Date(e.publishedAt).toISOString())}</updated>`,
      `    <summary>${xml(e.summary)}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xml(feed.id)}</id>`,
    `  <title>${xml(feed.title)}</title>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(feed.self)}"/>`,
    `  <link rel="alternate" href="${xml(feed.alternate)}"/>`,
    `  <updated>${xml(feed.updated)}</updated>`,
    '  <author><name>政府信息公开</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
