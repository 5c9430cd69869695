import { existsSync } from 'node:fs';
import { z } from 'zod';

const booleanFromEnv = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * Every setting of gongkai, read from the environment once at start-up. A missing or invalid
 * setting stops the process with one line naming it (see `loadConfig`).
 */
export const configSchema = z
  .object({
    /** `standalone` runs every module in one process; a service name runs that service alone. */
    GONGKAI_SHAPE: z.enum(['standalone', 'catalogue', 'document-attributes', 'requests', 'interpretation', 'assessment']),
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HTTP_HOST: z.string().default('127.0.0.1'),
    /**
     * Where Prometheus scrapes `/metrics`: a port of its own (on HTTP_HOST), never the public HTTP
     * port, which then answers 404 for it. Unset: `/metrics` on HTTP_PORT (local development only).
     */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /**
     * Which proxies in front may say who the client is (X-Forwarded-For), as Express's `trust proxy`:
     * `false` (default: the connecting address is the client), a hop count (`1` behind one ingress),
     * or a comma list of addresses, CIDRs or `loopback`/`linklocal`/`uniquelocal`.
     */
    HTTP_TRUST_PROXY: z
      .string()
      .regex(/^(false|true|\d{1,2}|[\w.:/]+(,\s*[\w.:/]+)*)$/, 'must be false, a hop count, or a comma list of addresses/CIDRs')
      .default('false'),
    /** Public write endpoints (filing a request, commenting, registering for an open day): submissions per minute per client address, and the burst. */
    PUBLIC_SUBMISSIONS_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(10),
    /** The portal's anonymous reads: how long a cached answer is trusted at most (ADR 0018); 0 turns the read cache off. */
    READ_CACHE_MAX_AGE_MS: z.coerce.number().int().min(0).max(60000).default(1000),
    /** The read cache's size at most, in MB of JSON. */
    READ_CACHE_MAX_MB: z.coerce.number().int().min(1).max(1024).default(16),
    /** `sqlite:<file>` (embedded) or `esdb://…` / `kurrentdb://…` (EventStoreDB). */
    EVENT_STORE_URL: z
      .string()
      .regex(/^(sqlite:.+|esdb(\+discover)?:\/\/.+|kurrentdb(\+discover)?:\/\/.+)$/, 'must be sqlite:<file> or esdb://host:port?…')
      .default('sqlite:./data/events.db'),
    /** Comma-separated host:port list; required by the distributed shape, ignored by standalone. */
    KAFKA_BROKERS: z
      .string()
      .regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'must be host:port[,host:port…]')
      .optional(),
    /** Topics `<prefix>.<service>` and consumer groups `<prefix>.<service>`. */
    KAFKA_TOPIC_PREFIX: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,40}$/)
      .default('gongkai'),
    KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(64).default(3),
    /** TLS to the brokers; with KAFKA_SSL_CA_FILE the brokers' certificates must chain to that CA (PEM), else to the system CAs. */
    KAFKA_SSL: booleanFromEnv.default(false),
    KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
    /** SASL authentication to the brokers (with KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD). */
    KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
    KAFKA_SASL_USERNAME: z.string().min(1).optional(),
    KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
    MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a mongodb:// URL'),
    /** Each service keeps its read models in database `<prefix>-<service>`. */
    MONGODB_DB_PREFIX: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,30}$/)
      .default('gongkai'),
    /** HS256 shared secret for local use (≥ 32 characters), or… */
    AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** …RS256 through an identity provider's JWKS. */
    AUTH_JWKS_URL: z.string().url().optional(),
    AUTH_ISSUER: z.string().default('gongkai'),
    AUTH_AUDIENCE: z.string().default('gongkai'),
    /**
     * The token claim carrying the gongkai role: a string or a list (Keycloak's realm roles by
     * default; `resource_access.<client>.roles` for client roles, `groups` for group paths, `role`
     * for a plain claim). Dots walk into objects. Exactly one gongkai role must be present.
     */
    AUTH_ROLE_CLAIM: z
      .string()
      .regex(/^[\w:/.-]+$/, 'must be a claim name or a dotted path')
      .default('realm_access.roles'),
    /** Prefix before the gongkai role in that claim (`gongkai-` for `gongkai-clerk`, `/gongkai/` for group paths); empty = none. */
    AUTH_ROLE_PREFIX: z.string().max(100).default(''),
    /** The claim carrying the unit id (required for clerks, reviewers and office heads). */
    AUTH_UNIT_CLAIM: z
      .string()
      .regex(/^[\w:/.-]+$/, 'must be a claim name or a dotted path')
      .default('unit'),
    /** Claims tried in order for the display name (comma list); the subject when none is present. */
    AUTH_NAME_CLAIMS: z
      .string()
      .regex(/^[\w:/.-]+(,\s*[\w:/.-]+)*$/, 'must be a comma list of claim names')
      .default('name,preferred_username'),
    /**
     * The console's client at the identity provider (a public client, Authorization Code + PKCE):
     * with AUTH_JWKS_URL, `GET /api/auth/sign-in` tells the console to sign in there (issuer = AUTH_ISSUER).
     */
    AUTH_CONSOLE_CLIENT_ID: z
      .string()
      .regex(/^[\w.:-]{1,100}$/, 'must be a client id')
      .optional(),
    /** Seconds of clock difference with the identity provider tolerated on a token's expiry. */
    AUTH_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(5),
    /** Lets `/api/auth/dev-token` mint tokens: the standalone demo only, never production. */
    AUTH_DEV_LOGIN: booleanFromEnv.default(false),
    RELAY_ENABLED: booleanFromEnv.default(true),
    /**
     * Kafka session timeout of the relay's leader election (ADR 0007): how long a crashed leader
     * keeps the lease before another replica takes over. Within the broker's
     * group.min.session.timeout.ms (default 6000) and group.max.session.timeout.ms.
     */
    RELAY_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300000).default(10000),
    /** Requests: open cases with this many working days left or fewer are flagged as near due. */
    REQUESTS_NEAR_DUE_DAYS: z.coerce.number().int().min(0).max(20).default(3),
    /**
     * Requests: whether the fee period stops the reply clock (unconfirmed rule, DOMAIN.md §3; 109号 is
     * believed to exclude it). Default paused, the safer reading for the unit; legal office to confirm.
     */
    REQUESTS_FEE_PAUSES_CLOCK: booleanFromEnv.default(true),
    /** Requests: a one-person office may review its own reply drafts (recorded on the case). Default false. */
    REQUESTS_ALLOW_SELF_REVIEW: booleanFromEnv.default(false),
    /** Requests: the reconsideration body printed on a unit's replies until its letter settings name one (行政复议法 Art. 24). */
    REQUESTS_RECONSIDERATION_BODY: z.string().min(2).max(100).default('台儿庄区人民政府'),
    /** Requests: replies that tell the applicant to apply for reconsideration before suing (行政复议法 Art. 23): withheld | all_refusals. */
    REQUESTS_RECONSIDERATION_FIRST: z.enum(['withheld', 'all_refusals']).default('withheld'),
    /**
     * Requests: what the district government's own annual report covers (Art. 49; L): `government` —
     * the government and its office as an agency (units of kind district_office), separately from the
     * departments' and towns' reports; `all` — every unit added up.
     */
    REQUESTS_DISTRICT_REPORT_SCOPE: z.enum(['government', 'all']).default('government'),
    /** Requests: distinct applicants who obtained the same information → suggest proactive disclosure. */
    REQUESTS_FREQUENT_THRESHOLD: z.coerce.number().int().min(2).max(1000).default(3),
    /** Requests: JSON of internal working-day limits per stage, e.g. {"in_progress": 8}. */
    REQUESTS_STAGE_LIMITS: z
      .string()
      .refine((text) => {
        try {
          const parsed: unknown = JSON.parse(text);
          return !!parsed && typeof parsed === 'object' && Object.values(parsed).every((v) => Number.isInteger(v) && (v as number) >= 0);
        } catch {
          return false;
        }
      }, 'must be a JSON object of whole numbers of working days, e.g. {"in_progress": 8}')
      .optional(),
    /**
     * Requests: years an applicant's personal data is kept after the last of their requests was
     * archived (or closed, if never archived); then the retention job erases it (crypto-shredding).
     * Default 10 (the 定期10年 of the district's archive rules for 依申请公开 files; L: confirm with
     * the archives office, docs/legal-settings.md).
     */
    REQUESTS_APPLICANT_RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(10),
    /** Requests: hours between runs of the personal-data retention job (0 = off, e.g. run it from a CronJob instead). Default 24. */
    REQUESTS_RETENTION_CHECK_HOURS: z.coerce.number().min(0).max(500).default(24),
    /** Requests: key of the applicant-identity HMAC (≥ 32 characters); derived from AUTH_JWT_SECRET when unset. */
    REQUESTS_IDENTITY_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Interpretation: key of the HMAC over commenters' and registrants' contacts (≥ 32 characters); derived from AUTH_JWT_SECRET when unset. */
    INTERPRETATION_PERSONAL_DATA_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    /**
     * Interpretation: days a commenter's or open-day registrant's personal data is kept after the
     * consultation's adoption (采纳情况) was published (or it closed, when none was) or the open day was
     * held; then the retention job erases it (crypto-shredding). Default 365 (L: confirm with the
     * archives office and the legal adviser, docs/legal-settings.md).
     */
    INTERPRETATION_PERSONAL_DATA_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** Interpretation: hours between runs of the personal-data retention job (0 = off). Default 24. */
    INTERPRETATION_RETENTION_CHECK_HOURS: z.coerce.number().min(0).max(500).default(24),
    /**
     * Master key (≥ 32 characters) wrapping every data subject's key in the personal-data key store
     * (crypto-shredding, libs/platform/src/personal-data). Required wherever personal data is written
     * or read, except in the demo (AUTH_DEV_LOGIN=true), where it is derived from AUTH_JWT_SECRET.
     */
    PERSONAL_DATA_MASTER_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Catalogue: megabytes an uploaded .xlsx/.docx may unpack to (a zip bomb is refused past it). */
    CATALOGUE_IMPORT_MAX_UNPACKED_MB: z.coerce.number().min(1).max(1024).default(20),
    /** Catalogue: megabytes an uploaded .xlsx/.docx may have as sent (compressed). */
    CATALOGUE_IMPORT_MAX_UPLOAD_MB: z.coerce.number().min(0.1).max(200).default(5),
    /** Catalogue: rows an uploaded file's sheets may have together (counted before they are parsed). */
    CATALOGUE_IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1000000).default(20000),
    /** Catalogue: seconds the import worker may take to read an uploaded file before it is stopped. */
    CATALOGUE_IMPORT_MAX_SECONDS: z.coerce.number().min(1).max(600).default(30),
    /** Catalogue: megabytes of heap the import worker may use (beyond it the file is refused); within the pod's memory limit. */
    CATALOGUE_IMPORT_WORKER_HEAP_MB: z.coerce.number().int().min(64).max(4096).default(256),
    /** Assessment: seconds a freeze waits for the facts to consume everything published before it refuses. */
    ASSESSMENT_FREEZE_CATCH_UP_S: z.coerce.number().min(0).max(600).default(30),
    /**
     * Where files (document bodies, annexes, reply attachments) are kept: `file:<directory>` (embedded;
     * a PersistentVolume in Kubernetes) or `s3://<bucket>[/<key prefix>]` (S3-compatible object storage,
     * with the S3_* settings).
     */
    BLOB_STORE_URL: z
      .string()
      .regex(/^(file:.+|s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[\w./-]*)?)$/, 'must be file:<directory> or s3://<bucket>[/<prefix>]')
      .default('file:./data/blobs'),
    /** Largest file accepted, in bytes (default 50 MB; at most 5 GiB, the S3 single-upload limit). */
    BLOB_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(5 * 1024 ** 3)
      .default(50 * 1024 ** 2),
    /** S3 store: local directory where uploads are staged (hashed, measured, recognised) before they are sent; default the system temp directory. */
    BLOB_STAGING_DIR: z.string().min(1).optional(),
    /** S3 store: the endpoint of an S3-compatible server (SeaweedFS, MinIO, …); unset = AWS S3. */
    S3_ENDPOINT: z.string().url().optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    /** S3 store: static credentials (both or neither; without them the SDK's default chain is used, e.g. a workload identity). */
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** S3 store: path-style URLs (`<endpoint>/<bucket>/<key>`), as SeaweedFS and MinIO need; default true when S3_ENDPOINT is set. */
    S3_FORCE_PATH_STYLE: booleanFromEnv.optional(),
    /**
     * Notices by e-mail: the SMTP server, `smtp://[user:password@]host:port` (STARTTLS when offered) or
     * `smtps://…` (TLS). Unset: notices are recorded in the outbox and wait (the console shows them pending).
     */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/.+/, 'must be smtp://host:port or smtps://host:port')
      .optional(),
    /** Notices by e-mail: the sender, e.g. `台儿庄区政府信息公开 <gongkai@taierzhuang.gov.cn>`. */
    NOTICES_FROM: z.string().min(3).max(200).default('政府信息公开 <gongkai@localhost>'),
    /** The public address of the portal, for the links in e-mails and Atom feeds (confirm, unsubscribe, item pages). */
    PORTAL_BASE_URL: z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'must be an http(s) URL')
      .transform((url) => url.replace(/\/+$/, ''))
      .default('http://127.0.0.1:3000'),
    /** Subscriptions: key (≥ 32 characters) of the HMAC in the confirm and unsubscribe links; derived from AUTH_JWT_SECRET when unset. */
    SUBSCRIPTIONS_LINK_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Notices: how often (ms) the outbox sender looks for notices due. */
    NOTICES_POLL_MS: z.coerce.number().int().min(50).max(600000).default(2000),
    /** Notices: attempts before a notice is marked failed (the console shows it; staff send it by other means). */
    NOTICES_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
    /** Notices: the first retry's delay (ms); each next one doubles, up to one hour. */
    NOTICES_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3600000).default(30000),
    /**
     * Requests: the staff's daily digest of what falls due, per unit: `<unitId>=<address>[,<address>…]`
     * separated by `;` (work addresses of the openness office). Unset: no digest.
     */
    NOTICES_DIGEST_TO: z
      .string()
      .regex(/^[A-Za-z0-9-]+=[^;=\s]+@[^;=\s]+(;[A-Za-z0-9-]+=[^;=\s]+@[^;=\s]+)*$/, 'must be UNIT=address[,address];UNIT=address')
      .optional(),
    /** Requests: the hour (Beijing, 0-23) from which the day's digest is sent. */
    NOTICES_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((config, ctx) => {
    if (config.GONGKAI_SHAPE !== 'standalone' && !config.KAFKA_BROKERS) {
      ctx.addIssue({ code: 'custom', path: ['KAFKA_BROKERS'], message: 'is required when a service runs alone' });
    }
    if (config.KAFKA_SASL_MECHANISM && (!config.KAFKA_SASL_USERNAME || !config.KAFKA_SASL_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [config.KAFKA_SASL_USERNAME ? 'KAFKA_SASL_PASSWORD' : 'KAFKA_SASL_USERNAME'],
        message: 'is required with KAFKA_SASL_MECHANISM',
      });
    }
    if (!config.KAFKA_SASL_MECHANISM && (config.KAFKA_SASL_USERNAME || config.KAFKA_SASL_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['KAFKA_SASL_MECHANISM'],
        message: 'is required with KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD (plain, scram-sha-256 or scram-sha-512)',
      });
    }
    if (config.KAFKA_SASL_MECHANISM === 'plain' && !config.KAFKA_SSL) {
      ctx.addIssue({
        code: 'custom',
        path: ['KAFKA_SSL'],
        message: 'must be true with KAFKA_SASL_MECHANISM=plain (the password would travel in clear)',
      });
    }
    if (config.KAFKA_SSL_CA_FILE && !config.KAFKA_SSL) {
      ctx.addIssue({ code: 'custom', path: ['KAFKA_SSL'], message: 'must be true when KAFKA_SSL_CA_FILE is set' });
    }
    if (config.KAFKA_SSL_CA_FILE && !existsSync(config.KAFKA_SSL_CA_FILE)) {
      ctx.addIssue({ code: 'custom', path: ['KAFKA_SSL_CA_FILE'], message: `file not found: ${config.KAFKA_SSL_CA_FILE}` });
    }
    if (!config.S3_ACCESS_KEY_ID !== !config.S3_SECRET_ACCESS_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: [config.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
        message: 'is required with the other S3 credential (set both or neither)',
      });
    }
    if (!config.AUTH_JWT_SECRET && !config.AUTH_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWT_SECRET'], message: 'or AUTH_JWKS_URL is required' });
    }
    if (!config.REQUESTS_IDENTITY_KEY && !config.AUTH_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['REQUESTS_IDENTITY_KEY'], message: 'is required when AUTH_JWT_SECRET is not set' });
    }
    if (!config.SUBSCRIPTIONS_LINK_KEY && !config.AUTH_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SUBSCRIPTIONS_LINK_KEY'], message: 'is required when AUTH_JWT_SECRET is not set' });
    }
    if (!config.INTERPRETATION_PERSONAL_DATA_KEY && !config.AUTH_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['INTERPRETATION_PERSONAL_DATA_KEY'], message: 'is required when AUTH_JWT_SECRET is not set' });
    }
  });

export type GongkaiConfig = z.infer<typeof configSchema>;

export class ConfigurationError extends Error {}

/** Parses the environment; the error message is one line naming each bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): GongkaiConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const missing = issue.code === 'invalid_type' && !(name in present);
    return `${name} ${missing ? 'is missing' : issue.message}`;
  });
  throw new ConfigurationError(`Configuration error: ${problems.join('; ')}`);
}
