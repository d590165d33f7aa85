import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type EmbeddedRedis, ensureRedis, RedisUnavailableError } from '@bindery/queue';
import { freePort, isRunning } from '@bindery/testing';

/** A folder holding one executable `redis-server` script, to stand in for a broken one. */
function fakeRedisServer(root: string, script: string): string {
  const bin = mkdtempSync(join(root, 'bin-'));
  writeFileSync(join(bin, 'redis-server'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, 'redis-server'), 0o755);
  return bin;
}

describe('the Redis that the standalone app starts when none answers', () => {
  let root: string;
  const started: EmbeddedRedis[] = [];

  beforeAll(() => {
    root = mkdtempSync(join(process.env['BINDERY_TEST_ROOT'] ?? tmpdir(), 'embedded-redis-'));
  });

  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()));
    rmSync(root, { recursive: true, force: true });
  });

  it('starts redis-server on the URL port with its data under DATA_DIR/redis, and stop() ends it', async () => {
    const port = await freePort();
    const redisUrl = `redis://127.0.0.1:${port}`;
    const dataDir = join(root, 'data');

    const server = await ensureRedis({ redisUrl, dataDir, searchPath: process.env['PATH'] });
    expect(server).toBeDefined();
    started.push(server!);
    expect(server!.dir).toBe(join(dataDir, 'redis'));

    const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      expect(await client.ping()).toBe('PONG');
      expect(await client.config('GET', 'dir')).toEqual(['dir', join(dataDir, 'redis')]);
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    } finally {
      client.disconnect();
    }
    expect(existsSync(join(dataDir, 'redis', 'appendonlydir'))).toBe(true);

    // One answers now: nothing more is started.
    await expect(
      ensureRedis({ redisUrl, dataDir, searchPath: process.env['PATH'] }),
    ).resolves.toBeUndefined();

    await server!.stop();
    expect(isRunning(server!.pid)).toBe(false);
  });

  it('requires the password of the URL, passed without showing it on the command line', async () => {
    const port = await freePort();
    const server = await ensureRedis({
      redisUrl: `redis://:s3cret@127.0.0.1:${port}`,
      dataDir: join(root, 'password'),
      searchPath: process.env['PATH'],
    });
    started.push(server!);
    expect(readFileSync(`/proc/${server!.pid}/cmdline`, 'utf8')).not.toContain('s3cret');
    const anonymous = new Redis(`redis://127.0.0.1:${port}`, {
      lazyConnect: true,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
    });
    const authenticated = new Redis(`redis://:s3cret@127.0.0.1:${port}`, { lazyConnect: true });
    try {
      await anonymous.connect();
      await expect(anonymous.ping()).rejects.toThrow(/NOAUTH/);
      await authenticated.connect();
      expect(await authenticated.ping()).toBe('PONG');
    } finally {
      anonymous.disconnect();
      authenticated.disconnect();
    }
    await server!.stop();
  });

  it('without redis-server on the PATH, fails with a message that says how to get Redis', async () => {
    const port = await freePort();
    const emptyBin = mkdtempSync(join(root, 'empty-bin-'));

    const attempt = ensureRedis({
      redisUrl: `redis://:secret@localhost:${port}`,
      dataDir: join(root, 'unused'),
      searchPath: emptyBin,
    });

    await expect(attempt).rejects.toBeInstanceOf(RedisUnavailableError);
    await expect(attempt).rejects.toThrow(
      `Nothing answers at REDIS_URL=redis://:***@localhost:${port} and there is no redis-server on the PATH ` +
        'to start one. Install Redis (apt-get install redis-server, or brew install redis) and run npm start ' +
        `again, or run one in Docker (docker run -d -p ${port}:6379 redis:7), or set REDIS_URL to a running Redis.`,
    );
    expect(existsSync(join(root, 'unused'))).toBe(false);
  });

  it('leaves a REDIS_URL on another host alone', async () => {
    await expect(
      ensureRedis({ redisUrl: 'redis://192.0.2.1:6379', dataDir: join(root, 'remote'), searchPath: '' }),
    ).resolves.toBeUndefined();
  });

  it('reports a redis-server that exits at once, with its output', async () => {
    const bin = fakeRedisServer(root, 'echo "Fatal: bad config" >&2; exit 1');
    await expect(
      ensureRedis({
        redisUrl: `redis://127.0.0.1:${await freePort()}`,
        dataDir: join(root, 'crash'),
        searchPath: bin,
      }),
    ).rejects.toThrow(/redis-server exited \(1\) before answering at REDIS_URL=.*\nFatal: bad config/);
  });

  it('stops a redis-server that does not answer PING in time, with a clear error', async () => {
    const bin = fakeRedisServer(root, 'echo $$ > "$0.pid"; exec sleep 30');
    await expect(
      ensureRedis({
        redisUrl: `redis://127.0.0.1:${await freePort()}`,
        dataDir: join(root, 'silent'),
        searchPath: bin,
        startTimeoutMs: 300,
      }),
    ).rejects.toThrow(/redis-server did not answer PING at REDIS_URL=.* within 0.3 s; stopped it/);
    expect(isRunning(Number(readFileSync(join(bin, 'redis-server.pid'), 'utf8')))).toBe(false);
  });
});
