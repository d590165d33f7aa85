import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import { type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { type BinderyConfig, ConfigError, loadConfig } from '@bindery/config';
import { rewriteSdkUrl, SDK_PATH, SDK_REQUEST_HEADERS } from '@bindery/contracts';
import { registerBodyParser } from './body-parser';
import { serveDashboard } from './dashboard';
import { AllExceptionsFilter } from './exception.filter';
import { StartupQuietLogger } from './startup-logger';

export interface HttpAppOptions {
  /** Serve the OpenAPI document at /docs (and /docs/json). */
  docs: boolean;
  /** Serve the dashboard at `/` (config.dashboardDir, or the one built beside the code). */
  dashboard?: boolean;
  title: string;
}

/** Builds a Bindery HTTP app on Fastify: one body parser, one error shape, pino logs, OpenAPI docs. */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  config: BinderyConfig,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.ingest.maxBatchBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    rewriteUrl: (req: { url?: string }) => rewriteSdkUrl(req.url ?? '/'),
    // Slow clients (a trickled body, headers that never end) are answered 408 instead of held open.
    requestTimeout: config.http.requestTimeoutMs,
    http: {
      headersTimeout: Math.min(config.http.headersTimeoutMs, config.http.requestTimeoutMs),
      connectionsCheckingInterval: 1_000,
    },
    // Unknown body fields are refused (400), not dropped in silence; a value may have several JSON types.
    ajv: { customOptions: { removeAdditional: false, allowUnionTypes: true } },
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new StartupQuietLogger(app.get(Logger)));
  // Nest holds buffered logs until listen(): flushed now, start-up work (migrations) shows as it happens.
  app.flushLogs();
  registerBodyParser(adapter.getInstance(), config.ingest.maxBatchBytes);
  app.useGlobalFilters(new AllExceptionsFilter());
  // SDKs call ingest from any web page (write keys are public); the other APIs are not for browsers elsewhere.
  // @fastify/cors is typed against the root fastify, Nest's adapter against its own copy: the same API.
  await app.register(fastifyCors as unknown as Parameters<typeof app.register>[0], CORS as never);
  app.enableShutdownHooks();
  if (options.docs) setUpDocs(app, options.title);
  if (options.dashboard) await serveDashboard(app, config.dashboardDir);
  await app.init();
  return app;
}

const SDK_CORS = {
  origin: true,
  // Some SDKs send credentials (cookies are never read here): the origin is echoed, not `*`.
  credentials: true,
  methods: ['GET', 'POST'],
  allowedHeaders: SDK_REQUEST_HEADERS,
  maxAge: 86_400,
};

const CORS: FastifyCorsOptions = {
  delegator: (req, callback) => callback(null, SDK_PATH.test(req.url ?? '') ? SDK_CORS : { origin: false }),
};

function setUpDocs(app: INestApplication, title: string): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(title)
      .setDescription(
        'Bindery: product-usage telemetry and proactive customer-success outreach. ' +
          'Ingest takes a write key; project APIs take the project secret key as a Bearer token; ' +
          'admin APIs take BINDERY_ADMIN_TOKEN. Errors are `{ "error": { "code", "message", "details"? } }`.',
      )
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', description: 'Project secret key or admin token' },
        'bearer',
      )
      .addBasicAuth(
        { type: 'http', scheme: 'basic', description: 'Segment style: the write key as user name' },
        'writeKey',
      )
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
}

export interface StartOptions extends HttpAppOptions {
  defaultPort: number;
  module: (config: BinderyConfig) => Type<unknown> | DynamicModule;
  /** Runs once the environment is valid, before the app is built (the standalone app starts Redis there). */
  beforeCreate?: (config: BinderyConfig) => Promise<void>;
}

/**
 * Starts an app as a process: validates the environment (a bad value stops it with a message naming the
 * variable), builds the app, listens on PORT. Returns the running app and its config.
 */
export async function startHttpApp(
  options: StartOptions,
): Promise<{ app: NestFastifyApplication; config: BinderyConfig }> {
  let config: BinderyConfig;
  try {
    config = loadConfig(process.env, { port: options.defaultPort });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`bindery: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  await options.beforeCreate?.(config);
  const app = await createHttpApp(options.module(config), config, options);
  await app.listen({ port: config.port, host: '0.0.0.0' });
  return { app, config };
}
