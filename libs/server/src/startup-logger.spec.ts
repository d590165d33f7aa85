import { type LoggerService } from '@nestjs/common';
import { StartupQuietLogger } from './startup-logger';

/** A logger that keeps what it is asked to write, by level. */
function recording(lines: [string, unknown, ...unknown[]][]): LoggerService {
  const at =
    (level: string) =>
    (message: unknown, ...params: unknown[]) =>
      lines.push([level, message, ...params]);
  return {
    log: at('info'),
    error: at('error'),
    warn: at('warn'),
    debug: at('debug'),
    verbose: at('verbose'),
    fatal: at('fatal'),
  };
}

describe('StartupQuietLogger', () => {
  it('moves the module and route listing to debug, and passes everything else as it is', () => {
    const lines: [string, unknown, ...unknown[]][] = [];
    const logger = new StartupQuietLogger(recording(lines));
    logger.log('Mapped {/v1/projects, POST} route', 'RouterExplorer');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('ProjectsController {/v1/projects}:', 'RoutesResolver');
    logger.log('ran 3 migrations', 'ClickHouseMigrations');
    logger.log({ projectId: 'p' }, 'email written', 'EmailService');
    logger.warn('slow start', 'Redis');
    logger.error('broken', 'stack', 'Db');

    expect(lines).toEqual([
      ['debug', 'Mapped {/v1/projects, POST} route', 'RouterExplorer'],
      ['debug', 'AppModule dependencies initialized', 'InstanceLoader'],
      ['debug', 'ProjectsController {/v1/projects}:', 'RoutesResolver'],
      ['info', 'ran 3 migrations', 'ClickHouseMigrations'],
      ['info', { projectId: 'p' }, 'email written', 'EmailService'],
      ['warn', 'slow start', 'Redis'],
      ['error', 'broken', 'stack', 'Db'],
    ]);
  });
});
