import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { makePrivateDir } from '@bindery/config';
import { connect } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

/** Nothing answers at REDIS_URL and no Redis could be started for it; the message says what to do. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

export interface EmbeddedRedisOptions {
  /** REDIS_URL. */
  redisUrl: string;
  /** DATA_DIR: a server started here keeps its files in DATA_DIR/redis. */
  dataDir: string;
  /** The directories searched for `redis-server`, joined like PATH. */
  searchPath: string | undefined;
  /** How long Redis may take to answer the first PING before it counts as absent. */
  probeTimeoutMs?: number;
  /** How long a started server may take to answer PING. */
  startTimeoutMs?: number;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

/** A redis-server this process started and owns. */
export interface EmbeddedRedis {
  readonly pid: number;
  /** Its working directory: the AOF files are there. */
  readonly dir: string;
  /** Ends the server (SIGTERM, SIGKILL if it lingers) and waits until it has exited. */
  stop(): Promise<void>;
}

interface LocalTarget {
  host: string;
  port: number;
  password: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Makes sure a Redis answers at REDIS_URL: when nothing does and the URL names this machine, starts
 * `redis-server` with its data under DATA_DIR/redis and returns it; returns undefined when one already answers
 * or the URL is not ours to serve. Throws a RedisUnavailableError when there is nothing to start.
 */
export async function ensureRedis(options: EmbeddedRedisOptions): Promise<EmbeddedRedis | undefined> {
  const target = localTarget(options.redisUrl);
  if (!target) return undefined;
  if (await answersPing(target, options.probeTimeoutMs ?? 1_000)) return undefined;
  const binary = findExecutable('redis-server', options.searchPath);
  if (!binary) throw new RedisUnavailableError(noRedisMessage(options.redisUrl, target.port));
  const dir = resolve(options.dataDir, 'redis');
  makePrivateDir(options.dataDir, dir);
  const server = await startRedis(binary, target, dir, options);
  options.logger?.info(
    { redisPid: server.pid, dir },
    `Nothing answered at ${redacted(options.redisUrl)}: started ${binary} (stops with Bindery)`,
  );
  return server;
}

/**
 * Stops the server once the app has shut down on SIGINT or SIGTERM. Nest's shutdown hooks take the signal
 * first and raise it again when the app has closed (their listener removed): the server stops on that second
 * delivery, so that workers and queues close against a live Redis, and the signal then ends the process.
 */
export function stopRedisAfterShutdown(server: EmbeddedRedis): void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    for (const s of signals) process.removeListener(s, onSignal);
    void server.stop().finally(() => process.kill(process.pid, signal));
  };
  for (const s of signals) process.on(s, onSignal);
}

/**
 * The host and port of a REDIS_URL that this process may serve itself. Only a plain redis:// URL on loopback:
 * a URL naming another host (or TLS, or an ACL user) means the operator runs that Redis, and an empty local
 * server would not be the one the app connects to; its absence is for /readyz to report, as in the
 * distributed apps.
 */
function localTarget(redisUrl: string): LocalTarget | undefined {
  const url = new URL(redisUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (url.protocol !== 'redis:' || !LOOPBACK_HOSTS.has(host)) return undefined;
  if (url.username !== '' && url.username !== 'default') return undefined;
  return { host, port: Number(url.port || 6379), password: decodeURIComponent(url.password) };
}

/** Whether something answers PING like Redis does (an error reply such as NOAUTH counts: a Redis is there). */
function answersPing(target: LocalTarget, timeoutMs: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: target.host, port: target.port });
    const finish = (answered: boolean): void => {
      socket.destroy();
      done(answered);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (reply) => finish(reply[0] === 0x2b /* + */ || reply[0] === 0x2d /* - */));
  });
}

function findExecutable(name: string, searchPath: string | undefined): string | undefined {
  for (const folder of (searchPath ?? '').split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

async function startRedis(
  binary: string,
  target: LocalTarget,
  dir: string,
  options: EmbeddedRedisOptions,
): Promise<EmbeddedRedis> {
  const args = [
    ...(target.password ? ['-'] : []),
    '--port',
    String(target.port),
    '--bind',
    target.host === '::1' ? '::1' : '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--save',
    '',
    '--daemonize',
    'no',
  ];
  // A process group of its own: Ctrl-C in the terminal reaches the app, which stops Redis after its shutdown.
  const child = spawn(binary, args, { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-2_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // A server that fails at once closes its stdin under our write: its exit says why, not the EPIPE.
  child.stdin.on('error', () => undefined);
  // The password goes in as configuration on stdin, not as an argument that `ps` would show.
  child.stdin.end(target.password ? `requirepass ${JSON.stringify(target.password)}\n` : '');

  // The last resort when the process ends without shutting down: exit handlers can only be synchronous.
  const killOnExit = (): void => void child.kill('SIGTERM');
  process.once('exit', killOnExit);
  let spawnError: Error | undefined;
  let state: 'starting' | 'ready' | 'stopping' = 'starting';
  child.once('error', (error) => (spawnError = error));
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      if (state === 'ready') options.logger?.warn({ code, signal }, `redis-server exited: ${output.trim()}`);
      done();
    }),
  );
  // After the exit, the last of its output may still be in the pipes: 'close' comes once they are read.
  const closed = new Promise<void>((done) => child.once('close', () => done()));

  const server: EmbeddedRedis = {
    pid: child.pid ?? 0,
    dir,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || spawnError) return;
      if (state === 'ready') options.logger?.info({ redisPid: child.pid }, 'Stopping redis-server');
      state = 'stopping';
      child.kill('SIGTERM');
      const lingering = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(lingering);
    },
  };

  const timeoutMs = options.startTimeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError) throw new RedisUnavailableError(`Could not run ${binary}: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      await closed;
      throw new RedisUnavailableError(
        `${binary} exited (${child.exitCode ?? child.signalCode}) before answering at ` +
          `REDIS_URL=${redacted(options.redisUrl)}:\n${output.trim()}`,
      );
    }
    if (await answersPing(target, 250)) {
      state = 'ready';
      return server;
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new RedisUnavailableError(
        `${binary} did not answer PING at REDIS_URL=${redacted(options.redisUrl)} within ` +
          `${timeoutMs / 1_000} s; stopped it. Its output:\n${output.trim()}`,
      );
    }
    await sleep(50);
  }
}

function noRedisMessage(redisUrl: string, port: number): string {
  return (
    `Nothing answers at REDIS_URL=${redacted(redisUrl)} and there is no redis-server on the PATH to start ` +
    `one. Install Redis (apt-get install redis-server, or brew install redis) and run npm start again, ` +
    `or run one in Docker (docker run -d -p ${port}:6379 redis:7), or set REDIS_URL to a running Redis.`
  );
}

function redacted(redisUrl: string): string {
  const url = new URL(redisUrl);
  if (url.password) url.password = '***';
  return url.toString();
}
