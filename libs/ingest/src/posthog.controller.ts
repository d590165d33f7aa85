import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import {
  InvalidInput,
  type PostHogBody,
  PostHogEventSchema,
  type PostHogResult,
  PostHogResultSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { parseTime } from './event-time';
import { IngestService } from './ingest.service';
import { fromPostHogForm, isObject } from './posthog-form';
import { mapPostHogEvent } from './posthog.mapper';

interface Unpacked {
  items: unknown[];
  token: unknown;
  sentAt: unknown;
  single: boolean;
}

function tokenOf(e: unknown): unknown {
  if (!isObject(e)) return undefined;
  return e.api_key ?? e.token ?? (isObject(e.properties) ? e.properties.token : undefined);
}

/** Accepts the three shapes PostHog clients send: `{ api_key, batch }`, an array of events, or one event. */
function unpack(form: unknown): Unpacked {
  const body = fromPostHogForm(form);
  if (Array.isArray(body)) return { items: body, token: tokenOf(body[0]), sentAt: undefined, single: false };
  if (isObject(body) && Array.isArray(body.batch)) {
    return {
      items: body.batch,
      token: tokenOf(body) ?? tokenOf(body.batch[0]),
      sentAt: body.sent_at,
      single: false,
    };
  }
  if (isObject(body) && 'event' in body) {
    return { items: [body], token: tokenOf(body), sentAt: body.sent_at, single: true };
  }
  throw InvalidInput('Expected { api_key, batch: [...] }, an array of events, or one event');
}

/** PostHog's capture API, wire-compatible, so posthog-js and posthog-node can send to Bindery. */
@ApiTags('ingest: PostHog')
@Controller()
export class PostHogController {
  constructor(private readonly ingest: IngestService) {}

  @Post(['batch', 'capture', 'e', 'i/v0/e'])
  @HttpCode(200)
  @Endpoint({
    summary: 'PostHog capture',
    description:
      'PostHog `/batch/`, `/capture/`, `/e/`, `/i/v0/e/`: `{ api_key, batch, sent_at }`, an array of events or one ' +
      'event; project token as `api_key` or `token` in the body or `properties.token`. gzip by `Content-Encoding` ' +
      'or magic bytes. `$identify`, `$groupidentify`, `$create_alias` and `$groups` map onto users, accounts and ' +
      'aliases; `uuid` is the event id.',
    body: Type.Union([
      Type.Object({
        api_key: Type.Optional(Type.String()),
        batch: Type.Array(PostHogEventSchema),
        sent_at: Type.Optional(Type.String()),
      }),
      Type.Array(PostHogEventSchema),
      PostHogEventSchema,
    ]),
    bodyCheckedPerItem: true,
    response: { status: 200, schema: PostHogResultSchema },
    errors: [400, 401, 413, 422, 429, 503],
  })
  async capture(@Body() body: PostHogBody): Promise<PostHogResult> {
    const { items, token, sentAt, single } = unpack(body);
    // One envelope for the whole batch, its sentAt parsed once rather than for every item.
    const envelope = {
      sentAt: parseTime(sentAt),
      receivedAt: Date.now(),
      maxEventBytes: this.ingest.maxEventBytes,
    };
    const outcome = await this.ingest.ingest({
      source: 'posthog',
      writeKey: typeof token === 'string' ? token : undefined,
      items,
      single,
      map: (projectId, item) => mapPostHogEvent(projectId, item, envelope),
    });
    return { status: 1, ...outcome };
  }
}
