import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const Port = Type.Integer({ minimum: 0, maximum: 65535 });

/** The environment Bindery reads, with defaults: the one place that knows variable names. */
const EnvSchema = Type.Object({
  PORT: Type.Optional(Port),
  DATA_DIR: Type.String({ minLength: 1, default: '.data' }),
  CLICKHOUSE_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  CLICKHOUSE_CLUSTER: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]+$' })),
  CLICKHOUSE_DATABASE: Type.String({ pattern: '^[A-Za-z0-9_]+$', default: 'default' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  REDIS_URL: Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Bindery <bindery@localhost>' }),
  BINDERY_ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  INGEST_FLUSH_EVENTS: Type.Integer({ minimum: 1, maximum: 100_000, default: 20_000 }),
  INGEST_FLUSH_INTERVAL_MS: Type.Integer({ minimum: 1, maximum: 10_000, default: 50 }),
  INGEST_MAX_BUFFERED_EVENTS: Type.Integer({ minimum: 1, default: 100_000 }),
  INGEST_MAX_CONCURRENT_INSERTS: Type.Integer({ minimum: 1, maximum: 16, default: 1 }),
  INGEST_MAX_EVENT_BYTES: Type.Integer({ minimum: 1_024, default: 32 * 1024 }),
  INGEST_MAX_BATCH_BYTES: Type.Integer({ minimum: 1_024, default: 500 * 1024 }),
  INGEST_RATE_LIMIT_PER_SECOND: Type.Integer({ minimum: 1, default: 100_000 }),
  KEY_CACHE_TTL_MS: Type.Integer({ minimum: 0, default: 10_000 }),
  QUERY_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 3_600, default: 30 }),
  SIGNING_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  QUEUE_PREFIX: Type.String({ pattern: '^[A-Za-z0-9_.:-]+$', default: 'bindery' }),
  DASHBOARD_DIR: Type.Optional(Type.String({ minLength: 1 })),
  HTTP_REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1_000, maximum: 600_000, default: 30_000 }),
  HTTP_HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 1_000, maximum: 120_000, default: 10_000 }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  // Whose X-Forwarded-* headers are believed: proxy-addr's names and addresses (the client address decides
  // rate limits and back-off, so a client on the internet must not choose it).
  TRUST_PROXY: Type.String({ minLength: 1, default: 'loopback,linklocal,uniquelocal' }),
  RULES_INTERVAL_SECONDS: Type.Union([Type.Literal(0), Type.Integer({ minimum: 10, maximum: 86_400 })], {
    default: 300,
  }),
});
type Env = Static<typeof EnvSchema>;

export interface IngestConfig {
  /** Group commit: an insert starts once this many events wait… */
  flushEvents: number;
  /** …or this long after the first of them arrived. */
  flushIntervalMs: number;
  /** Past this many events buffered or in flight, ingest answers 503 instead of growing. */
  maxBufferedEvents: number;
  maxConcurrentInserts: number;
  maxEventBytes: number;
  maxBatchBytes: number;
  /** Events a project may send per second to one instance (bursts up to twice that); past it, 429. */
  rateLimitPerSecond: number;
}

/** Bindery's whole configuration, read once from the environment and validated. */
export interface BinderyConfig {
  port: number;
  dataDir: string;
  clickhouse: { url?: string; cluster?: string; database: string };
  databaseUrl?: string;
  redisUrl: string;
  smtpUrl?: string;
  mailFrom: string;
  adminToken?: string;
  publicUrl: string;
  logLevel: string;
  ingest: IngestConfig;
  keyCacheTtlMs: number;
  /** A report query running longer is stopped by ClickHouse (max_execution_time) and answered 504. */
  queryTimeoutSeconds: number;
  /**
   * Key of the HMAC that signs unsubscribe links: SIGNING_SECRET, or one generated under DATA_DIR on first
   * use (the embedded mode; every app of a distributed deployment needs the same SIGNING_SECRET).
   */
  signingSecret?: string;
  /** Prefix of every BullMQ key in Redis (one Redis can serve several deployments, or tests). */
  queuePrefix: string;
  /** How often the rules worker evaluates each project's rules; 0: only when asked (POST …/rules/run). */
  rulesIntervalSeconds: number;
  /** The built dashboard that api and standalone serve at `/` (default: dist/apps/dashboard beside the code). */
  dashboardDir?: string;
  /** A request whose headers, or whose whole body, take longer to arrive is answered 408 and closed. */
  http: { requestTimeoutMs: number; headersTimeoutMs: number };
  /** When set, `GET /metrics` needs it as a Bearer token. */
  metricsToken?: string;
  /** The proxies whose X-Forwarded-For, -Host and -Proto are believed (TRUST_PROXY). */
  trustProxy: string[];
}

/** A configuration value that cannot start Bindery; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the environment; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv, defaults: { port: number }): BinderyConfig {
  const raw: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(EnvSchema.properties)) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    // Value.Convert would read '1e5' as 1 and 'true' as 1: integers must be written as plain digits.
    if ((schema as { type?: string }).type === 'integer' && !/^-?\d+$/.test(value.trim())) {
      throw new ConfigError(
        `Invalid environment variable ${key}=${JSON.stringify(value)}: expected a whole number`,
      );
    }
    raw[key] = value;
  }
  const converted = Value.Convert(EnvSchema, Value.Default(EnvSchema, raw));
  const first = Value.Errors(EnvSchema, converted).First();
  if (first) {
    const variable = first.path.replace(/^\//, '');
    throw new ConfigError(
      `Invalid environment variable ${variable}=${JSON.stringify(raw[variable])}: ${first.message}`,
    );
  }
  const e = converted as Env;
  const port = e.PORT ?? defaults.port;
  return {
    port,
    dataDir: e.DATA_DIR,
    clickhouse: { url: e.CLICKHOUSE_URL, cluster: e.CLICKHOUSE_CLUSTER, database: e.CLICKHOUSE_DATABASE },
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    adminToken: e.BINDERY_ADMIN_TOKEN,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    ingest: {
      flushEvents: e.INGEST_FLUSH_EVENTS,
      flushIntervalMs: e.INGEST_FLUSH_INTERVAL_MS,
      maxBufferedEvents: e.INGEST_MAX_BUFFERED_EVENTS,
      maxConcurrentInserts: e.INGEST_MAX_CONCURRENT_INSERTS,
      maxEventBytes: e.INGEST_MAX_EVENT_BYTES,
      maxBatchBytes: e.INGEST_MAX_BATCH_BYTES,
      rateLimitPerSecond: e.INGEST_RATE_LIMIT_PER_SECOND,
    },
    keyCacheTtlMs: e.KEY_CACHE_TTL_MS,
    queryTimeoutSeconds: e.QUERY_TIMEOUT_SECONDS,
    signingSecret: e.SIGNING_SECRET,
    queuePrefix: e.QUEUE_PREFIX,
    rulesIntervalSeconds: e.RULES_INTERVAL_SECONDS,
    dashboardDir: e.DASHBOARD_DIR,
    http: { requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS, headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS },
    metricsToken: e.METRICS_TOKEN,
    trustProxy: e.TRUST_PROXY.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  };
}
