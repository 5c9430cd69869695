import { AssignerProtocol, type Consumer, type Kafka, type PartitionAssigner } from 'kafkajs';
import { createKafkaClient, type KafkaConnection, type KafkaLog } from './kafka-event-bus';
import { LeadershipTransitions, type LeaderElection, type LeaderRole } from './leader-election';

export interface KafkaLeaderElectionOptions extends KafkaConnection {
  clientId: string;
  /** The consumer group the candidates join: `<prefix>.relay-leader.<service>`. */
  groupId: string;
  /** The single-partition lease topic: `<prefix>.relay-lease.<service>` (created if missing). */
  topic: string;
  /**
   * Kafka session timeout: how long the coordinator waits for a silent leader (a crashed pod)
   * before it hands partition 0 to another candidate. Broker bounds: group.min/max.session.timeout.ms.
   */
  sessionTimeoutMs: number;
  log?: KafkaLog;
  /** Election events for the log: elected, demoted, joined with or without the lease. */
  onEvent?: (event: LeaseEvent) => void;
}

export type LeaseEvent =
  | { kind: 'joined'; memberId: string; generation?: number; leader: boolean; durationMs: number }
  | { kind: 'rebalancing'; memberId: string }
  | { kind: 'crashed'; error: string; restart: boolean }
  | { kind: 'lease-stale'; sinceMs: number }
  | { kind: 'role-failed'; error: string }
  | { kind: 'changed'; leader: boolean };

const PROTOCOL = 'GongkaiRelayLease';
const HELD = Buffer.from('held');

/**
 * Leader election with a Kafka consumer group as the lease: every candidate joins the same group on
 * a one-partition topic, and the member assigned partition 0 leads. The group coordinator
 * guarantees one owner per partition per generation; a rebalance (a candidate joins, leaves or
 * stops heartbeating for `sessionTimeoutMs`) revokes it from everyone first. The assignment is
 * sticky: the member that held partition 0 in the last generation keeps it, so a new replica
 * joining does not move the relay.
 *
 * Hand-over window: kafkajs re-joins without waiting for us, so a batch the old leader already had
 * in flight when it learned of the rebalance may still complete after the new leader starts; the
 * relay then re-publishes at most that batch (at-least-once, consumers are idempotent).
 */
export class KafkaLeaderElection implements LeaderElection {
  private readonly kafka: Kafka;
  private readonly heartbeatIntervalMs: number;
  private consumer: Consumer | null = null;
  private transitions: LeadershipTransitions | null = null;
  /** Partition 0 was ours in the last generation we joined (the sticky assigner reads it). */
  private held = false;
  /** When the request that last proved our membership to the coordinator was sent. */
  private lastContactAt = 0;
  private lastHeartbeatSentAt = 0;
  private stopped = false;
  private staleReported = false;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: KafkaLeaderElectionOptions) {
    this.kafka = createKafkaClient({
      brokers: options.brokers,
      ssl: options.ssl,
      sasl: options.sasl,
      clientId: options.clientId,
      log: options.log,
    });
    this.heartbeatIntervalMs = Math.max(300, Math.floor(options.sessionTimeoutMs / 10));
  }

  async start(role: LeaderRole): Promise<void> {
    this.stopped = false;
    this.transitions = new LeadershipTransitions(role, {
      onChange: (leader) => this.options.onEvent?.({ kind: 'changed', leader }),
      onError: (error) => this.options.onEvent?.({ kind: 'role-failed', error: String(error) }),
    });
    await this.ensureLeaseTopic();
    await this.join();
  }

  /**
   * Partition 0 is ours and the coordinator heard from us recently enough that it cannot have
   * expired our session yet (a process frozen longer than that does not publish on waking up).
   */
  isLeader(): boolean {
    if (!this.transitions?.elected) return false;
    const since = Date.now() - this.lastContactAt;
    const fresh = since < this.options.sessionTimeoutMs - this.heartbeatIntervalMs;
    if (!fresh && !this.staleReported) this.options.onEvent?.({ kind: 'lease-stale', sinceMs: since });
    this.staleReported = !fresh;
    return fresh;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    // First stop the work, then leave the group: the next leader starts after our last publish.
    await this.transitions?.set(false);
    this.held = false;
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = null;
  }

  private async ensureLeaseTopic(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      if (!(await admin.listTopics()).includes(this.options.topic)) {
        // Concurrent candidates may race here; createTopics then answers false, not an error.
        await admin.createTopics({ waitForLeaders: true, topics: [{ topic: this.options.topic, numPartitions: 1 }] });
      }
    } finally {
      await admin.disconnect();
    }
  }

  private async join(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs,
      // Also the fetch long-poll: an idle member heartbeats, and learns of a rebalance, this often.
      heartbeatInterval: this.heartbeatIntervalMs,
      maxWaitTimeInMs: this.heartbeatIntervalMs,
      rebalanceTimeout: Math.max(this.options.sessionTimeoutMs, 10000),
      partitionAssigners: [this.stickyLeaseAssigner],
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    this.consumer = consumer;
    const { GROUP_JOIN, REBALANCING, HEARTBEAT, REQUEST, CRASH, STOP } = consumer.events;
    consumer.on(REQUEST, ({ payload }) => {
      if (payload.apiName === 'Heartbeat') this.lastHeartbeatSentAt = payload.sentAt;
    });
    consumer.on(HEARTBEAT, () => {
      this.lastContactAt = this.lastHeartbeatSentAt;
    });
    consumer.on(GROUP_JOIN, ({ payload }) => {
      const leader = (payload.memberAssignment[this.options.topic] ?? []).includes(0);
      this.held = leader;
      this.lastContactAt = Date.now() - payload.duration;
      this.options.onEvent?.({ kind: 'joined', memberId: payload.memberId, leader, durationMs: payload.duration });
      void this.transitions?.set(leader);
    });
    // The coordinator revokes every assignment during a rebalance: stop before re-joining.
    consumer.on(REBALANCING, ({ payload }) => {
      this.options.onEvent?.({ kind: 'rebalancing', memberId: payload.memberId });
      void this.transitions?.set(false);
    });
    consumer.on(STOP, () => void this.transitions?.set(false));
    consumer.on(CRASH, ({ payload }) => {
      this.options.onEvent?.({ kind: 'crashed', error: payload.error.message, restart: payload.restart });
      void this.transitions?.set(false);
      if (!payload.restart && !this.stopped) {
        // kafkajs gave up on this consumer: join again with a new one.
        this.restartTimer = setTimeout(() => void this.join().catch(() => undefined), 2000);
        this.restartTimer.unref();
      }
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.options.topic], fromBeginning: false });
    // Nothing is ever written to the lease topic; run() resolves after the first join.
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
  }

  /** Partition 0 stays with the member that held it; otherwise it goes to the lowest member id. */
  private readonly stickyLeaseAssigner: PartitionAssigner = () => ({
    name: PROTOCOL,
    version: 1,
    protocol: ({ topics }) => ({
      name: PROTOCOL,
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: this.held ? HELD : Buffer.alloc(0) }),
    }),
    assign: async ({ members }) => {
      const candidates = members
        .map((m) => ({
          memberId: m.memberId,
          held: AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.userData?.equals(HELD) ?? false,
        }))
        .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
      const leader = (candidates.find((c) => c.held) ?? candidates[0])?.memberId;
      return members.map((m) => ({
        memberId: m.memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 1,
          assignment: m.memberId === leader ? { [this.options.topic]: [0] } : {},
          userData: Buffer.alloc(0),
        }),
      }));
    },
  });
}
