import { Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import Handlebars from 'handlebars';
import { type UnsubscribeQuery, UnsubscribeQuerySchema } from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { EmailsApiService } from './emails-api.service';

/** A small page of its own: the link works without the dashboard or a login. */
function page(title: string, body: string): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<meta name="robots" content="noindex"><title>${title}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">${body}</body></html>`
  );
}

const escape = (text: string) => Handlebars.Utils.escapeExpression(text);

/**
 * The links in every email, without a login. A GET only shows a page that asks, because mail scanners fetch
 * links to check them; the unsubscribe itself is a POST: RFC 8058 one-click from the mailbox provider (a form
 * `List-Unsubscribe=One-Click`, urlencoded or multipart, or no body), or the page's button.
 */
@ApiTags('outreach')
@Controller('v1/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly emails: EmailsApiService) {}

  @Get()
  @Endpoint({
    summary: 'The page of an email’s unsubscribe link: asks to confirm',
    description: 'Unsubscribes nobody: link scanners fetch it. Its button posts to the same link.',
    query: UnsubscribeQuerySchema,
    response: { status: 200, schema: Type.String({ description: 'An HTML page' }) },
    errors: [400],
  })
  confirm(@Query() q: UnsubscribeQuery, @Res({ passthrough: true }) reply: FastifyReply): string {
    const email = this.emails.unsubscriber(q.token);
    // Set here, not by decorator: an error must still go out as the JSON error body.
    void reply.header('content-type', 'text/html; charset=utf-8');
    // An empty action posts to this very URL, token included.
    return page(
      'Unsubscribe',
      `<p>Stop these emails to <strong>${escape(email)}</strong>?</p>` +
        `<form method="post" action=""><button type="submit">Unsubscribe</button></form>`,
    );
  }

  @Post()
  @HttpCode(200)
  @Endpoint({
    summary: 'Unsubscribe (RFC 8058 one-click, or the confirmation page’s button)',
    description:
      'Any body or none: mailbox providers post `List-Unsubscribe=One-Click` as a urlencoded or multipart form. ' +
      'Answers a page to a browser, JSON otherwise. Links stay valid as long as the signing secret does.',
    query: UnsubscribeQuerySchema,
    response: { status: 200, schema: Type.Object({ unsubscribed: Type.Boolean() }) },
    errors: [400],
  })
  async unsubscribe(
    @Query() q: UnsubscribeQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ unsubscribed: boolean } | string> {
    const email = await this.emails.unsubscribe(q.token);
    if (!accept?.includes('text/html')) return { unsubscribed: true };
    void reply.header('content-type', 'text/html; charset=utf-8');
    return page('Unsubscribed', `<p>${escape(email)} will get no more of these emails.</p>`);
  }
}
