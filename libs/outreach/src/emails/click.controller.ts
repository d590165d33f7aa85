import { Controller, Get, Query, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import { InvalidInput } from '@bindery/contracts';
import { EmailClickRepository } from '@bindery/db';
import { Endpoint } from '@bindery/server';
import { readClickToken } from './click-token';
import { SigningKey } from './signing-key';

// A query parameter, not a path segment: Fastify refuses path parameters over 100 characters.
const ClickQuerySchema = Type.Object({ token: Type.String({ minLength: 10, maxLength: 4000 }) });
type ClickQuery = Static<typeof ClickQuerySchema>;

/**
 * The tracked links of training emails, without a login: the target is the one signed into the token when the
 * email was written, never one the request names, so the link cannot redirect anywhere else. The first click
 * on an email's links counts; every click redirects.
 */
@ApiTags('outreach')
@Controller('v1/click')
export class ClickController {
  constructor(
    private readonly clicks: EmailClickRepository,
    private readonly signingKey: SigningKey,
  ) {}

  @Get()
  @Endpoint({
    summary: 'A tracked link of an email: counts the click and redirects (302) to the page it stands for',
    description: 'A token that Bindery did not sign, or that was altered, is refused with 400.',
    query: ClickQuerySchema,
    response: { status: 302, schema: Type.Null({ description: 'Location: the page' }) },
    errors: [400],
  })
  async click(@Query() q: ClickQuery, @Res() reply: FastifyReply): Promise<void> {
    const click = readClickToken(q.token, this.signingKey.value);
    if (!click) throw InvalidInput('token: not a link Bindery made, or one that was altered');
    await this.clicks.record(click.projectId, click.outboxId, click.url);
    await reply.status(302).header('location', click.url).header('cache-control', 'no-store').send();
  }
}
