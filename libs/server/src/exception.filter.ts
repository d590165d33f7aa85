import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { errorResponse } from './error-response';

/** Renders every exception from a route as `{ error: { code, message, details? } }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body, headers } = errorResponse(exception);
    if (status >= 500) this.logger.error({ err: exception }, 'Request failed');
    void reply.status(status).headers(headers).send(body);
  }
}
