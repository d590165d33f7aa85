import 'reflect-metadata';
import { type AddressInfo } from 'node:net';
import { type INestApplicationContext } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { pino } from 'pino';
import { AdminTokenService } from '@bindery/auth';
import { type BinderyConfig } from '@bindery/config';
import { ensureRedis, RedisUnavailableError, stopRedisAfterShutdown } from '@bindery/queue';
import { startHttpApp } from '@bindery/server';
import { StandaloneModule } from './app.module';

async function main(): Promise<void> {
  const { app, config } = await startHttpApp({
    title: 'Bindery',
    docs: true,
    dashboard: true,
    defaultPort: 8080,
    module: (c) => StandaloneModule.forRoot(c),
    beforeCreate: startRedisWhenMissing,
  });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://localhost:${port}`;
  const token = app.get(AdminTokenService).generatedToken;
  const lines = [
    '',
    `Bindery is running at ${url}  (dashboard: sign in as a project's member; API docs: ${url}/docs)`,
    token
      ? `Admin token (shown once, stored hashed under ${config.dataDir}): ${token}`
      : 'Admin token: BINDERY_ADMIN_TOKEN, or the one printed on first start',
    'Next: see it work on 60 days of a demo product (in another terminal):',
    `  BINDERY_URL=${url} BINDERY_ADMIN_TOKEN=<admin token> npm run demo`,
    'or create your own project and send events with its write key:',
    `  curl -s -X POST ${url}/v1/projects -H "Authorization: Bearer <admin token>" -H 'Content-Type: application/json' -d '{"name":"My app"}'`,
    '',
  ];
  await writeAfterLogs(app, lines.join('\n') + '\n');
}

/**
 * Writes to the destination of the app's logs (pino.symbols are pino's documented way in): pino writes
 * asynchronously, so text written to stdout directly would come out before the last start-up lines.
 */
async function writeAfterLogs(app: INestApplicationContext, text: string): Promise<void> {
  const { logger } = await app.resolve(PinoLogger);
  (logger as unknown as Record<symbol, { write(text: string): void }>)[pino.symbols.streamSym]!.write(text);
}

/** The embedded default needs no Redis set up beforehand: a local one is started when none answers. */
async function startRedisWhenMissing(config: BinderyConfig): Promise<void> {
  const logger = pino({ level: config.logLevel }).child({ context: 'EmbeddedRedis' });
  const redis = await ensureRedis({
    redisUrl: config.redisUrl,
    dataDir: config.dataDir,
    searchPath: process.env['PATH'],
    logger,
  });
  if (redis) stopRedisAfterShutdown(redis);
}

void main().catch((error: unknown) => {
  if (!(error instanceof RedisUnavailableError)) throw error;
  process.stderr.write(`bindery: ${error.message}\n`);
  process.exit(1);
});
