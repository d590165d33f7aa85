import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
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
  LOG_FORMAT: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('pretty')])),
  INGEST_FLUSH_EVENTS: Type.Integer({ minimum: 1, maximum: 100_000, default: 20_000 }),
  INGEST_FLUSH_INTERVAL_MS: Type.Integer({ minimum: 1, maximum: 10_000, default: 50 }),
  INGEST_MAX_BUFFERED_EVENTS: Type.Integer({ minimum: 1, default: 100_000 }),
  INGEST_MAX_CONCURRENT_INSERTS: Type.Integer({ minimum: 1, maximum: 16, default: 1 }),
  INGEST_MAX_EVENT_BYTES: Type.Integer({ minimum: 1_024, default: 32 * 1024 }),
  INGEST_MAX_BATCH_BYTES: Type.Integer({ minimum: 1_024, default: 500 * 1024 }),
  INGEST_RATE_LIMIT_PER_SECOND: Type.Integer({ minimum: 1, default: 100_000 }),
  // An ISO 8601 time with its zone; read by isoTime below (TypeBox's Value knows no string formats).
  INGEST_MIN_TIMESTAMP: Type.String({ minLength: 1, default: '2000-01-01T00:00:00Z' }),
  INGEST_MAX_FUTURE_SECONDS: Type.Integer({ minimum: 0, maximum: 31_536_000, default: 86_400 }),
  KEY_CACHE_TTL_MS: Type.Integer({ minimum: 0, default: 10_000 }),
  QUERY_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 3_600, default: 30 }),
  // Report isolation (docs/security.md, Limits): what one report may take of the engine, and how many run.
  REPORT_MAX_MEMORY_BYTES: Type.Integer({ minimum: 16 * 2 ** 20, default: 2 ** 30 }),
  // 0: half the CPU cores, at least 1.
  REPORT_MAX_THREADS: Type.Integer({ minimum: 0, maximum: 256, default: 0 }),
  REPORT_MAX_RESULT_BYTES: Type.Integer({ minimum: 2 ** 20, default: 128 * 2 ** 20 }),
  REPORT_MAX_QUERIES: Type.Integer({ minimum: 1, maximum: 256, default: 4 }),
  REPORT_MAX_CONCURRENT: Type.Integer({ minimum: 1, maximum: 4096, default: 16 }),
  REPORT_MAX_CONCURRENT_PER_PROJECT: Type.Integer({ minimum: 1, maximum: 256, default: 4 }),
  REPORT_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 600 }),
  RULES_RUN_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 6 }),
  // Read by libuv itself, at the first use of its thread pool; here only to know how large the pool is.
  UV_THREADPOOL_SIZE: Type.Integer({ minimum: 1, maximum: 1024, default: 4 }),
  SIGNING_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  QUEUE_PREFIX: Type.String({ pattern: '^[A-Za-z0-9_.:-]+$', default: 'bindery' }),
  DASHBOARD_DIR: Type.Optional(Type.String({ minLength: 1 })),
  HTTP_REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1_000, maximum: 600_000, default: 30_000 }),
  HTTP_HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 1_000, maximum: 120_000, default: 10_000 }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 5, maximum: 10_080, default: 720 }),
  SESSION_MAX_HOURS: Type.Integer({ minimum: 1, maximum: 2_160, default: 168 }),
  // OpenID Connect sign-in: all three, or none; read by oidcConfig below.
  OIDC_ISSUER_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  OIDC_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1, maxLength: 1_000 })),
  OIDC_PROVIDER_NAME: Type.String({ minLength: 1, maxLength: 60, default: 'single sign-on' }),
  // Whose X-Forwarded-* headers are believed: proxy-addr's names and addresses (the client address decides
  // rate limits and back-off, so a client on the internet must not choose it).
  TRUST_PROXY: Type.String({ minLength: 1, default: 'loopback,linklocal,uniquelocal' }),
  RULES_INTERVAL_SECONDS: Type.Union([Type.Literal(0), Type.Integer({ minimum: 10, maximum: 86_400 })], {
    default: 3_600,
  }),
  // Outbound requests (webhooks): comma-separated hosts, IP addresses and CIDRs; read by allowList below.
  OUTBOUND_ALLOW_HOSTS: Type.Optional(Type.String()),
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
  /** The earliest event time accepted (epoch ms); an earlier item is refused, never stored. */
  minTimestamp: number;
  /** How far past its receipt an event's time may be; a later item is refused, never stored. */
  maxFutureSeconds: number;
}

/**
 * A target that outbound requests may reach although its addresses are private, loopback or link-local: a
 * host name (exactly, whatever it resolves to), or a subnet (an IP address is a subnet of one).
 */
export type OutboundAllowEntry =
  | { kind: 'host'; name: string }
  | { kind: 'subnet'; address: string; prefix: number; family: 'ipv4' | 'ipv6' };

export interface OidcConfig {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** The provider's name on the sign-in page's button ("Sign in with …"). */
  name: string;
}

export interface OutboundConfig {
  /** OUTBOUND_ALLOW_HOSTS: on-premises targets exempt from the private-address refusal. */
  allow: OutboundAllowEntry[];
}

/** Limits on reports (and on the rule evaluations that read events the same way). */
export interface ReportLimitsConfig {
  /** ClickHouse max_memory_usage of each report query; past it the report answers 422 report_too_large. */
  maxMemoryBytes: number;
  /** ClickHouse max_threads of each report query. */
  maxThreads: number;
  /** ClickHouse max_result_bytes: the most a report query may hand to Node; past it, 422 report_too_large. */
  maxResultBytes: number;
  /**
   * Report queries the engine runs at once (with chDB, at most the thread pool less two); a report's query waits
   * for one. The engine's memory for reports is at most this many times maxMemoryBytes.
   */
  maxQueries: number;
  /** Reports in progress at once in this process, running or waiting for the engine; past it, 503. */
  maxConcurrent: number;
  /** Reports of one project in progress at once; past it, 429. */
  maxConcurrentPerProject: number;
  /** Reports a project may start per minute (bursts up to that many); past it, 429. */
  rateLimitPerMinute: number;
  /** Calls of POST …/rules/run a project may make per minute; past it, 429. */
  rulesRunRateLimitPerMinute: number;
  /**
   * libuv's thread pool (UV_THREADPOOL_SIZE, which Node reads when the process starts its pool): chDB runs each
   * query on one of its threads, so with chDB it bounds the report queries that run at once.
   */
  threadpoolSize: number;
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
  /** One human-readable line per entry (a terminal's default), or JSON lines (otherwise: for log collectors). */
  logFormat: 'json' | 'pretty';
  ingest: IngestConfig;
  keyCacheTtlMs: number;
  /** A report query running longer is stopped by ClickHouse (max_execution_time) and answered 504. */
  queryTimeoutSeconds: number;
  /** What one report may take of the engine, and how many run at once (docs/security.md, Limits). */
  reports: ReportLimitsConfig;
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
  /** Dashboard sessions end after this long unused (idle) and this long after sign-in (absolute). */
  sessions: { idleMinutes: number; maxHours: number };
  /** Sign-in with an OpenID Connect provider, when OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
  oidc?: OidcConfig;
  /** The proxies whose X-Forwarded-For, -Host and -Proto are believed (TRUST_PROXY). */
  trustProxy: string[];
  /** Where webhooks (and any other outbound request) may go besides the public internet. */
  outbound: OutboundConfig;
}

/** A configuration value that cannot start Bindery; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
/** The first instant ClickHouse's DateTime64 columns hold. */
const DATETIME64_MIN = Date.UTC(1900, 0, 1);

/** Epoch milliseconds of an ISO 8601 time with its zone, in the past and within what the events table holds. */
function isoTime(variable: string, value: string): number {
  const ms = ISO_TIME.test(value) ? Date.parse(value) : NaN;
  const problem = Number.isNaN(ms)
    ? 'expected an ISO 8601 time with its zone, e.g. 2000-01-01T00:00:00Z'
    : ms < DATETIME64_MIN
      ? 'expected a time from 1900-01-01T00:00:00Z on'
      : ms >= Date.now()
        ? 'expected a time in the past'
        : undefined;
  if (problem)
    throw new ConfigError(`Invalid environment variable ${variable}=${JSON.stringify(value)}: ${problem}`);
  return ms;
}

/** OpenID Connect sign-in when its three variables are set; one or two of them is a mistake worth stopping for. */
function oidcConfig(e: Env): OidcConfig | undefined {
  const set = [e.OIDC_ISSUER_URL, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter((v) => v !== undefined);
  if (set.length === 0) return undefined;
  if (!e.OIDC_ISSUER_URL || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) {
    throw new ConfigError(
      'OpenID Connect sign-in needs OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together',
    );
  }
  return {
    issuerUrl: e.OIDC_ISSUER_URL,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    name: e.OIDC_PROVIDER_NAME,
  };
}

/**
 * The entries of an allow-list of outbound targets: host names as the URL parser writes them (so `0x7f000001`
 * is 127.0.0.1), IP addresses (IPv6 with or without brackets) and CIDRs.
 */
function allowList(variable: string, value: string | undefined): OutboundAllowEntry[] {
  const entries: OutboundAllowEntry[] = [];
  for (const raw of (value ?? '').split(',').map((s) => s.trim())) {
    if (raw === '') continue;
    const bad = (why: string) =>
      new ConfigError(`Invalid environment variable ${variable}: ${JSON.stringify(raw)} ${why}`);
    const [host = '', prefixText, ...rest] = raw.split('/');

    const bare = host.replace(/^\[(.*)\]$/, '$1');
    const family = isIP(bare);
    if (family !== 0 || prefixText !== undefined) {
      const bits = family === 4 ? 32 : 128;
      const prefix =
        prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
      if (family === 0 || rest.length > 0 || !(prefix >= 0 && prefix <= bits)) {
        throw bad('is not an IP address or a CIDR (e.g. 10.1.2.3, 10.0.0.0/8, fd00::/8)');
      }
      entries.push({ kind: 'subnet', address: bare, prefix, family: family === 4 ? 'ipv4' : 'ipv6' });
      continue;
    }
    let name: string;
    try {
      const url = new URL(`http://${raw}`);
      if (url.host !== url.hostname || url.pathname !== '/' || url.username || url.search || url.hash) {
        throw new Error('not a bare host');
      }
      name = url.hostname;
    } catch {
      throw bad('is not a host name, an IP address or a CIDR (no scheme, port or path)');
    }
    const address = name.replace(/^\[(.*)\]$/, '$1');
    const written = isIP(address);
    entries.push(
      written === 0
        ? { kind: 'host', name }
        : {
            kind: 'subnet',
            address,
            prefix: written === 4 ? 32 : 128,
            family: written === 4 ? 'ipv4' : 'ipv6',
          },
    );
  }
  return entries;
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
    logFormat: e.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    ingest: {
      flushEvents: e.INGEST_FLUSH_EVENTS,
      flushIntervalMs: e.INGEST_FLUSH_INTERVAL_MS,
      maxBufferedEvents: e.INGEST_MAX_BUFFERED_EVENTS,
      maxConcurrentInserts: e.INGEST_MAX_CONCURRENT_INSERTS,
      maxEventBytes: e.INGEST_MAX_EVENT_BYTES,
      maxBatchBytes: e.INGEST_MAX_BATCH_BYTES,
      rateLimitPerSecond: e.INGEST_RATE_LIMIT_PER_SECOND,
      minTimestamp: isoTime('INGEST_MIN_TIMESTAMP', e.INGEST_MIN_TIMESTAMP),
      maxFutureSeconds: e.INGEST_MAX_FUTURE_SECONDS,
    },
    keyCacheTtlMs: e.KEY_CACHE_TTL_MS,
    queryTimeoutSeconds: e.QUERY_TIMEOUT_SECONDS,
    reports: {
      maxMemoryBytes: e.REPORT_MAX_MEMORY_BYTES,
      maxThreads: e.REPORT_MAX_THREADS || Math.max(1, Math.floor(availableParallelism() / 2)),
      maxResultBytes: e.REPORT_MAX_RESULT_BYTES,
      maxQueries: e.REPORT_MAX_QUERIES,
      maxConcurrent: e.REPORT_MAX_CONCURRENT,
      maxConcurrentPerProject: e.REPORT_MAX_CONCURRENT_PER_PROJECT,
      rateLimitPerMinute: e.REPORT_RATE_LIMIT_PER_MINUTE,
      rulesRunRateLimitPerMinute: e.RULES_RUN_RATE_LIMIT_PER_MINUTE,
      threadpoolSize: e.UV_THREADPOOL_SIZE,
    },
    signingSecret: e.SIGNING_SECRET,
    queuePrefix: e.QUEUE_PREFIX,
    rulesIntervalSeconds: e.RULES_INTERVAL_SECONDS,
    dashboardDir: e.DASHBOARD_DIR,
    http: { requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS, headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS },
    metricsToken: e.METRICS_TOKEN,
    sessions: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    oidc: oidcConfig(e),
    trustProxy: e.TRUST_PROXY.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    outbound: { allow: allowList('OUTBOUND_ALLOW_HOSTS', e.OUTBOUND_ALLOW_HOSTS) },
  };
}
