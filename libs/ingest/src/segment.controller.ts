import { Body, Controller, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBasicAuth, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { credentialFromHeader } from '@bindery/auth';
import {
  type IngestResult,
  IngestResultSchema,
  type SegmentBatchBody,
  SegmentBatchBodySchema,
  SegmentMessages,
  type SegmentType,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { parseTime } from './event-time';
import { IngestService } from './ingest.service';
import { mapSegmentMessage, type SegmentEnvelope } from './segment.mapper';

const ERRORS = [400, 401, 413, 422, 429, 503];
type Body = Record<string, unknown> & { writeKey?: string; sentAt?: unknown };

const single = (type: SegmentType) =>
  Endpoint({
    summary: `Segment ${type} call`,
    description:
      `Segment Tracking API \`/v1/${type}\` (\`/v1/${type[0]}\` from Segment’s browser SDK). Write key as Basic ` +
      'user, Bearer, or `writeKey` in the body.',
    body: Type.Intersect([SegmentMessages[type], Type.Object({ writeKey: Type.Optional(Type.String()) })]),
    response: { status: 200, schema: IngestResultSchema },
    errors: ERRORS,
  });

/**
 * The Segment HTTP Tracking API, wire-compatible, so any Segment library can send to Bindery: with the paths of
 * Segment's browser SDK (`/v1/t|i|g|p|s|a` for each call by its first letter, `/v1/b` for a batch) and
 * RudderStack's beacon batch, which speak the same messages.
 */
@ApiTags('ingest: Segment')
@ApiBasicAuth('writeKey')
@Controller()
export class SegmentController {
  constructor(private readonly ingest: IngestService) {}

  @Post(['v1/batch', 'v1/b'])
  @HttpCode(200)
  @Endpoint({
    summary: 'Segment batch',
    description:
      '`/v1/batch` (`/v1/b` from Segment’s browser SDK): up to 500 KB of Segment messages. Top-level `context` is merged into each item; timestamps are corrected ' +
      'for client clock skew with `sentAt` (timestamp = receivedAt − (sentAt − timestamp)). Invalid items are ' +
      'listed in `rejected` with their index and reason while the others are stored; the answer comes only once ' +
      'the stored events are in ClickHouse. An item over 32 KB is refused; if no item is accepted the answer is ' +
      '400 (or 413 when an item was too large). A repeated `messageId` is stored once. Times (`timestamp`, else ' +
      'RudderStack’s `originalTimestamp`) outside the configured bounds, and items nested deeper than 32 levels, are ' +
      'refused on their own; 422 when the event store refuses this request’s rows, other requests unaffected.',
    body: SegmentBatchBodySchema,
    response: { status: 200, schema: IngestResultSchema },
    errors: ERRORS,
  })
  batch(
    @Body() body: SegmentBatchBody,
    @Headers('authorization') authorization?: string,
  ): Promise<IngestResult> {
    return this.many(body, credentialFromHeader(authorization) ?? body.writeKey);
  }

  @Post('beacon/v1/batch')
  @HttpCode(200)
  @Endpoint({
    summary: 'RudderStack beacon batch',
    description:
      'What @rudderstack/analytics-js sends with `useBeacon`: a Segment batch as `text/plain`, the write key as ' +
      '`?writeKey=`. Answered as `/v1/batch`.',
    body: SegmentBatchBodySchema,
    query: Type.Object({ writeKey: Type.String({ minLength: 1, maxLength: 200 }) }),
    response: { status: 200, schema: IngestResultSchema },
    errors: ERRORS,
  })
  beacon(@Body() body: SegmentBatchBody, @Query('writeKey') writeKey: string): Promise<IngestResult> {
    return this.many(body, writeKey);
  }

  private async many(body: SegmentBatchBody, writeKey: string | undefined): Promise<IngestResult> {
    // One envelope for the whole batch, its sentAt parsed once rather than for every item.
    const envelope: SegmentEnvelope = {
      context: body.context,
      sentAt: parseTime(body.sentAt),
      receivedAt: Date.now(),
      maxEventBytes: this.ingest.maxEventBytes,
    };
    const outcome = await this.ingest.ingest({
      source: 'segment',
      writeKey,
      items: body.batch,
      single: false,
      map: (projectId, item) => mapSegmentMessage(projectId, item, undefined, envelope),
    });
    return { success: true, ...outcome };
  }

  @Post(['v1/track', 'v1/t'])
  @HttpCode(200)
  @single('track')
  track(@Body() body: Body, @Headers('authorization') a?: string): Promise<IngestResult> {
    return this.one('track', body, a);
  }

  @Post(['v1/identify', 'v1/i'])
  @HttpCode(200)
  @single('identify')
  identify(@Body() body: Body, @Headers('authorization') a?: string): Promise<IngestResult> {
    return this.one('identify', body, a);
  }

  @Post(['v1/group', 'v1/g'])
  @HttpCode(200)
  @single('group')
  group(@Body() body: Body, @Headers('authorization') a?: string): Promise<IngestResult> {
    return this.one('group', body, a);
  }

  @Post(['v1/page', 'v1/p'])
  @HttpCode(200)
  @single('page')
  page(@Body() body: Body, @Headers('authorization') a?: string): Promise<IngestResult> {
    return this.one('page', body, a);
  }

  @Post(['v1/screen', 'v1/s'])
  @HttpCode(200)
  @single('screen')
  screen(@Body() body: Body, @Headers('authorization') a?: string): Promise<IngestResult> {
    return this.one('screen', body, a);
  }

  @Post(['v1/alias', 'v1/a'])
  @HttpCode(200)
  @single('alias')
  alias(@Body() body: Body, @Headers('authorization') a?: string): Promise<IngestResult> {
    return this.one('alias', body, a);
  }

  private async one(type: SegmentType, body: Body, authorization: string | undefined): Promise<IngestResult> {
    const receivedAt = Date.now();
    const { writeKey, ...message } = body;
    const outcome = await this.ingest.ingest({
      source: 'segment',
      writeKey: credentialFromHeader(authorization) ?? writeKey,
      items: [message],
      single: true,
      map: (projectId, item) =>
        mapSegmentMessage(projectId, item, type, { receivedAt, maxEventBytes: this.ingest.maxEventBytes }),
    });
    return { success: true, ...outcome };
  }
}
