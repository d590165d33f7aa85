import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type BinderyConfig, ConfigModule } from '@bindery/config';
import { HealthModule, type ReadinessCheck } from './health';
import { redactRequest } from './log-redaction';
import { MetricsModule } from './metrics';

/** What every Bindery process has: validated config, structured logs, metrics, health and readiness. */
@Module({})
export class PlatformModule {
  static forRoot(config: BinderyConfig, readiness: Type<ReadinessCheck>[]): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            customLogLevel: (_req, res, err) =>
              err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug',
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            serializers: { req: redactRequest },
            // In a terminal: "12:00:01 INFO: ClickHouseMigrations: ran 3 migrations {projectId…}", a line each.
            ...(config.logFormat === 'pretty' && {
              transport: {
                target: require.resolve('pino-pretty'),
                options: {
                  singleLine: true,
                  translateTime: 'SYS:HH:MM:ss',
                  ignore: 'pid,hostname,context',
                  messageFormat: '{if context}{context}: {end}{msg}',
                },
              },
            }),
          },
        }),
        MetricsModule,
        HealthModule.forChecks(readiness),
      ],
    };
  }
}
