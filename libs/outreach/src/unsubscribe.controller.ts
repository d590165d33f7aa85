import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import Handlebars from 'handlebars';
import { type UnsubscribeQuery, UnsubscribeQuerySchema } from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { EmailsApiService } from './emails-api.service';

/** The links in every email: no login, effective at once (RFC 8058 one-click by POST, a page by GET). */
@ApiTags('outreach')
@Controller('v1/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly emails: EmailsApiService) {}

  @Get()
  @Endpoint({
    summary: 'Unsubscribe from an email’s link',
    query: UnsubscribeQuerySchema,
    response: { status: 200, schema: Type.String({ description: 'An HTML page' }) },
    errors: [400],
  })
  async page(@Query() q: UnsubscribeQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const email = await this.emails.unsubscribe(q.token);
    // Set here, not by decorator: an error must still go out as the JSON error body.
    void reply.header('content-type', 'text/html; charset=utf-8');
    return `<!doctype html><html><head><meta charset="utf-8"><title>Unsubscribed</title></head><body><p>${Handlebars.Utils.escapeExpression(email)} will get no more of these emails.</p></body></html>`;
  }

  @Post()
  @HttpCode(200)
  @Endpoint({
    summary: 'One-click unsubscribe (List-Unsubscribe-Post)',
    query: UnsubscribeQuerySchema,
    response: { status: 200, schema: Type.Object({ unsubscribed: Type.Boolean() }) },
    errors: [400],
  })
  async oneClick(@Query() q: UnsubscribeQuery): Promise<{ unsubscribed: boolean }> {
    await this.emails.unsubscribe(q.token);
    return { unsubscribed: true };
  }
}
