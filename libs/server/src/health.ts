import { Controller, type DynamicModule, Get, Inject, Module, Res, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';

/** Something `/readyz` checks: resolves when the dependency answers. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

const READINESS_CHECKS = Symbol('READINESS_CHECKS');
const CHECK_TIMEOUT_MS = 2_000;

async function run(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return 'ok';
  } catch (error) {
    return `error: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  /** Liveness: the process serves HTTP. */
  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every dependency answers; 503 names the ones that do not. */
  @Get('readyz')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const results = await Promise.all(this.checks.map(async (c) => [c.name, await run(c)] as const));
    const checks = Object.fromEntries(results);
    const ready = results.every(([, r]) => r === 'ok');
    await reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
  }
}

/** `GET /healthz` and `GET /readyz` over the checks an app composes. */
@Module({})
export class HealthModule {
  static forChecks(checks: Type<ReadinessCheck>[]): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        { provide: READINESS_CHECKS, inject: checks, useFactory: (...all: ReadinessCheck[]) => all },
      ],
    };
  }
}
