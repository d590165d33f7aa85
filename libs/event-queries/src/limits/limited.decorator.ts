import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { finalize, type Observable } from 'rxjs';
import { type LimitedCall, ReportLimits } from './report-limits';

const LIMITED_CALL = 'bindery:limited-call';

/** Admits the request by {@link ReportLimits} before the handler runs, and ends it when the answer is made. */
@Injectable()
export class LimitInterceptor implements NestInterceptor {
  constructor(
    private readonly limits: ReportLimits,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const call = this.reflector.getAllAndOverride<LimitedCall>(LIMITED_CALL, [
      context.getHandler(),
      context.getClass(),
    ]);
    const { projectId } = context.switchToHttp().getRequest<{ params: { projectId: string } }>().params;
    const end = this.limits.admit(call, projectId);
    return next.handle().pipe(finalize(end));
  }
}

/**
 * Puts a project's route (or a controller's) under the report limits: its concurrency and rate for `report`,
 * its rate for `rules-run`. Runs after the auth guard, so only the project's own callers use its allowance.
 */
export const Limited = (call: LimitedCall) =>
  applyDecorators(SetMetadata(LIMITED_CALL, call), UseInterceptors(LimitInterceptor));
