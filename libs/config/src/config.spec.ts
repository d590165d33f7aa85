import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from './config';

const load = (env: NodeJS.ProcessEnv) => loadConfig(env, { port: 3000 });

/** The ConfigError that loading `env` throws. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has a default for everything but the optional services', () => {
    expect(load({})).toEqual({
      port: 3000,
      dataDir: '.data',
      clickhouse: { url: undefined, cluster: undefined, database: 'default' },
      databaseUrl: undefined,
      redisUrl: 'redis://127.0.0.1:6379',
      smtpUrl: undefined,
      mailFrom: 'Bindery <bindery@localhost>',
      adminToken: undefined,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      // Not a terminal under jest: JSON lines.
      logFormat: 'json',
      ingest: {
        flushEvents: 20_000,
        flushIntervalMs: 50,
        maxBufferedEvents: 100_000,
        maxConcurrentInserts: 1,
        maxEventBytes: 32_768,
        maxBatchBytes: 512_000,
        rateLimitPerSecond: 100_000,
        minTimestamp: Date.parse('2000-01-01T00:00:00Z'),
        maxFutureSeconds: 86_400,
      },
      keyCacheTtlMs: 10_000,
      queryTimeoutSeconds: 30,
      reports: {
        maxMemoryBytes: 2 ** 30,
        maxThreads: Math.max(1, Math.floor(availableParallelism() / 2)),
        maxResultBytes: 128 * 2 ** 20,
        maxQueries: 4,
        maxConcurrent: 16,
        maxConcurrentPerProject: 4,
        rateLimitPerMinute: 600,
        rulesRunRateLimitPerMinute: 6,
        threadpoolSize: 4,
      },
      queuePrefix: 'bindery',
      rulesIntervalSeconds: 3_600,
      outbound: { allow: [] },
      http: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 },
      sessions: { idleMinutes: 720, maxHours: 168 },
      trustProxy: ['loopback', 'linklocal', 'uniquelocal'],
    });
  });

  it('takes the default port from its caller', () => {
    const config = loadConfig({}, { port: 4100 });

    expect(config.port).toBe(4100);
    expect(config.publicUrl).toBe('http://localhost:4100');
  });

  it('reads every variable, numbers parsed from their strings', () => {
    const config = load({
      PORT: '8080',
      DATA_DIR: '/var/lib/bindery',
      CLICKHOUSE_URL: 'http://ch:8123',
      CLICKHOUSE_CLUSTER: 'main.c-1',
      CLICKHOUSE_DATABASE: 'bindery',
      DATABASE_URL: 'postgresql://pg/bindery',
      REDIS_URL: 'rediss://redis:6380',
      SMTP_URL: 'smtps://mail:465',
      MAIL_FROM: 'Ops <ops@example.com>',
      BINDERY_ADMIN_TOKEN: '0123456789abcdef',
      PUBLIC_URL: 'https://bindery.example.com',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
      INGEST_FLUSH_EVENTS: '100',
      INGEST_FLUSH_INTERVAL_MS: '20',
      INGEST_MAX_BUFFERED_EVENTS: '2000',
      INGEST_MAX_CONCURRENT_INSERTS: '4',
      INGEST_MAX_EVENT_BYTES: '1024',
      INGEST_MAX_BATCH_BYTES: '65536',
      INGEST_RATE_LIMIT_PER_SECOND: '500',
      INGEST_MIN_TIMESTAMP: '1995-06-01T00:00:00+02:00',
      INGEST_MAX_FUTURE_SECONDS: '3600',
      KEY_CACHE_TTL_MS: '0',
      QUERY_TIMEOUT_SECONDS: '5',
      REPORT_MAX_MEMORY_BYTES: '536870912',
      REPORT_MAX_THREADS: '3',
      REPORT_MAX_RESULT_BYTES: '1048576',
      REPORT_MAX_QUERIES: '6',
      REPORT_MAX_CONCURRENT: '8',
      REPORT_MAX_CONCURRENT_PER_PROJECT: '1',
      REPORT_RATE_LIMIT_PER_MINUTE: '30',
      RULES_RUN_RATE_LIMIT_PER_MINUTE: '2',
      UV_THREADPOOL_SIZE: '16',
      QUEUE_PREFIX: 'test:1',
      RULES_INTERVAL_SECONDS: '60',
      HTTP_REQUEST_TIMEOUT_MS: '20000',
      HTTP_HEADERS_TIMEOUT_MS: '5000',
      METRICS_TOKEN: 'metrics-token-0123',
      SESSION_IDLE_MINUTES: '30',
      SESSION_MAX_HOURS: '12',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
    });

    expect(config).toEqual({
      port: 8080,
      dataDir: '/var/lib/bindery',
      clickhouse: { url: 'http://ch:8123', cluster: 'main.c-1', database: 'bindery' },
      databaseUrl: 'postgresql://pg/bindery',
      redisUrl: 'rediss://redis:6380',
      smtpUrl: 'smtps://mail:465',
      mailFrom: 'Ops <ops@example.com>',
      adminToken: '0123456789abcdef',
      publicUrl: 'https://bindery.example.com',
      logLevel: 'debug',
      logFormat: 'pretty',
      ingest: {
        flushEvents: 100,
        flushIntervalMs: 20,
        maxBufferedEvents: 2000,
        maxConcurrentInserts: 4,
        maxEventBytes: 1024,
        maxBatchBytes: 65_536,
        rateLimitPerSecond: 500,
        minTimestamp: Date.parse('1995-05-31T22:00:00Z'),
        maxFutureSeconds: 3600,
      },
      keyCacheTtlMs: 0,
      queryTimeoutSeconds: 5,
      reports: {
        maxMemoryBytes: 536_870_912,
        maxThreads: 3,
        maxResultBytes: 1_048_576,
        maxQueries: 6,
        maxConcurrent: 8,
        maxConcurrentPerProject: 1,
        rateLimitPerMinute: 30,
        rulesRunRateLimitPerMinute: 2,
        threadpoolSize: 16,
      },
      queuePrefix: 'test:1',
      rulesIntervalSeconds: 60,
      outbound: { allow: [] },
      http: { requestTimeoutMs: 20_000, headersTimeoutMs: 5_000 },
      metricsToken: 'metrics-token-0123',
      sessions: { idleMinutes: 30, maxHours: 12 },
      trustProxy: ['10.0.0.0/8', '127.0.0.1'],
    });
  });

  it('treats empty strings as unset', () => {
    const config = load({ PORT: '', DATA_DIR: '', REDIS_URL: '', DATABASE_URL: '', INGEST_FLUSH_EVENTS: '' });

    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('.data');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.ingest.flushEvents).toBe(20_000);
  });

  it('builds the public URL from PORT when PUBLIC_URL is unset', () => {
    expect(load({ PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
  });

  it('strips a trailing slash from PUBLIC_URL', () => {
    expect(load({ PUBLIC_URL: 'https://bindery.example.com/' }).publicUrl).toBe(
      'https://bindery.example.com',
    );
    expect(load({ PUBLIC_URL: 'https://example.com/bindery/' }).publicUrl).toBe(
      'https://example.com/bindery',
    );
  });

  it('ignores variables it does not know', () => {
    expect(load({ HOME: '/root', PATH: '/bin' })).toEqual(load({}));
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '-1'],
    ['PORT', '65536'],
    ['INGEST_FLUSH_EVENTS', '0'],
    ['INGEST_FLUSH_EVENTS', '100001'],
    ['INGEST_FLUSH_INTERVAL_MS', '10001'],
    ['INGEST_MAX_CONCURRENT_INSERTS', '17'],
    ['INGEST_MAX_EVENT_BYTES', '1023'],
    ['DATABASE_URL', 'mysql://x'],
    ['CLICKHOUSE_URL', 'tcp://ch:9000'],
    ['CLICKHOUSE_CLUSTER', 'c 1'],
    ['CLICKHOUSE_DATABASE', 'my-db'],
    ['REDIS_URL', 'localhost:6379'],
    ['SMTP_URL', 'mail:25'],
    ['BINDERY_ADMIN_TOKEN', 'short'],
    ['PUBLIC_URL', 'bindery.example.com'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_LEVEL', 'INFO'],
    ['LOG_FORMAT', 'text'],
    ['PORT', '1e3'],
    ['PORT', '8080.5'],
    ['PORT', '0x10'],
    ['INGEST_MAX_BUFFERED_EVENTS', '1e5'],
    ['INGEST_FLUSH_EVENTS', 'true'],
    ['KEY_CACHE_TTL_MS', 'false'],
    ['QUERY_TIMEOUT_SECONDS', '0'],
    ['RULES_INTERVAL_SECONDS', '5'],
    ['QUEUE_PREFIX', 'a b'],
    ['INGEST_MIN_TIMESTAMP', '2000-01-01'],
    ['INGEST_MIN_TIMESTAMP', '2000-01-01T00:00:00'],
    ['INGEST_MIN_TIMESTAMP', 'yesterday'],
    ['INGEST_MIN_TIMESTAMP', '2000-13-01T00:00:00Z'],
    ['INGEST_MIN_TIMESTAMP', '1899-12-31T23:59:59Z'],
    ['INGEST_MIN_TIMESTAMP', '2999-01-01T00:00:00Z'],
    ['INGEST_MAX_FUTURE_SECONDS', '-1'],
    ['INGEST_MAX_FUTURE_SECONDS', '31536001'],
    ['INGEST_MAX_FUTURE_SECONDS', '1.5'],
  ])('refuses %s=%s with a ConfigError naming the variable', (variable, value) => {
    const error = configError({ [variable]: value });

    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(new RegExp(`^Invalid environment variable ${variable}=`));
  });

  it('says what is wrong with the value', () => {
    expect(configError({ PORT: 'abc' }).message).toBe(
      'Invalid environment variable PORT="abc": expected a whole number',
    );
    expect(configError({ BINDERY_ADMIN_TOKEN: 'short' }).message).toBe(
      'Invalid environment variable BINDERY_ADMIN_TOKEN="short": Expected string length greater or equal to 16',
    );
  });

  it('says what a bad minimum event time should look like', () => {
    expect(configError({ INGEST_MIN_TIMESTAMP: '2000-01-01' }).message).toBe(
      'Invalid environment variable INGEST_MIN_TIMESTAMP="2000-01-01": expected an ISO 8601 time with its zone, e.g. 2000-01-01T00:00:00Z',
    );
    expect(configError({ INGEST_MIN_TIMESTAMP: '2999-01-01T00:00:00Z' }).message).toMatch(/in the past$/);
  });

  it('takes OpenID Connect sign-in from its three variables together, or not at all', () => {
    const oidc = {
      OIDC_ISSUER_URL: 'https://login.vendor.example/realms/staff',
      OIDC_CLIENT_ID: 'bindery',
      OIDC_CLIENT_SECRET: 'a secret',
    };
    expect(load({}).oidc).toBeUndefined();
    expect(load(oidc).oidc).toEqual({
      issuerUrl: 'https://login.vendor.example/realms/staff',
      clientId: 'bindery',
      clientSecret: 'a secret',
      name: 'single sign-on',
    });
    expect(load({ ...oidc, OIDC_PROVIDER_NAME: 'Keycloak' }).oidc?.name).toBe('Keycloak');
    expect(configError({ OIDC_ISSUER_URL: oidc.OIDC_ISSUER_URL }).message).toBe(
      'OpenID Connect sign-in needs OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together',
    );
    expect(configError({ ...oidc, OIDC_ISSUER_URL: 'login.vendor.example' }).message).toMatch(
      /^Invalid environment variable OIDC_ISSUER_URL=/,
    );
  });

  it('names the first bad variable when several are bad', () => {
    expect(configError({ LOG_LEVEL: 'loud', PORT: 'abc' }).message).toMatch(
      /^Invalid environment variable PORT=/,
    );
  });
});
