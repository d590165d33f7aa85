import { Controller, Get, Query, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import { NotFound } from '@bindery/contracts';
import { EmailClickRepository } from '@bindery/db';
import { Endpoint } from '@bindery/server';
import { readOpenToken, TRANSPARENT_GIF } from './open-pixel';
import { SigningKey } from './signing-key';

const OpenQuerySchema = Type.Object({ token: Type.String({ minLength: 10, maxLength: 1000 }) });
type OpenQuery = Static<typeof OpenQuerySchema>;

/**
 * The tracking image of training emails (projects with `openTracking` on), without a login: its first load
 * counts the email as opened. Every load answers the same transparent GIF, never to be cached, so that a later
 * open of the email asks again. A token Bindery did not sign, or an altered one, records nothing and answers
 * 404: an image that is not there shows nothing in a mail client either.
 */
@ApiTags('outreach')
@Controller('v1/open')
export class OpenController {
  constructor(
    private readonly emails: EmailClickRepository,
    private readonly signingKey: SigningKey,
  ) {}

  @Get()
  @Endpoint({
    summary: 'The tracking image of an email: counts the first open, answers a transparent 1×1 GIF',
    description:
      'Opens are unreliable: clients that block images never load it, image proxies load it for everyone. ' +
      'A token that Bindery did not sign, or that was altered, records nothing and is answered 404.',
    query: OpenQuerySchema,
    response: { status: 200, schema: Type.String({ description: 'image/gif, 1×1, transparent' }) },
    errors: [400, 404],
  })
  async open(@Query() q: OpenQuery, @Res() reply: FastifyReply): Promise<void> {
    const open = readOpenToken(q.token, this.signingKey.value);
    if (!open) throw NotFound('No such tracking image');
    await this.emails.recordOpen(open.projectId, open.outboxId);
    await reply
      .status(200)
      .header('content-type', 'image/gif')
      .header('cache-control', 'no-store, no-cache, must-revalidate, max-age=0')
      .header('pragma', 'no-cache')
      .header('expires', '0')
      .send(TRANSPARENT_GIF);
  }
}
