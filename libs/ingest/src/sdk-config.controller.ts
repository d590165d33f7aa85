import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { credentialFromHeader, ProjectKeysService } from '@bindery/auth';
import { Endpoint } from '@bindery/server';
import {
  postHogConfig,
  postHogConfigScript,
  postHogDecide,
  postHogFlags,
  rudderStackSourceConfig,
  segmentSettings,
} from './sdk-config';

const Json = Type.Record(Type.String(), Type.Unknown());
const KeyParam = (name: string) =>
  Type.Object({ [name]: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

/** Where Segment's settings path lands once the HTTP app has rewritten it (`rewriteSdkUrl`). */
const SEGMENT_SETTINGS_ROUTE = 'sdk/segment/:writeKey/settings';

/** The origin a client reached this server at (behind a proxy: as the proxy says). */
const originOf = (req: FastifyRequest) => new URL(`${req.protocol}://${req.host}`);

/**
 * The configuration the stock browser SDKs load before they send anything, answered so that they send
 * everything to Bindery and ask for nothing else (no destinations, flags, recordings or surveys).
 */
@ApiTags('ingest: SDK configuration')
@Controller()
export class SdkConfigController {
  constructor(private readonly keys: ProjectKeysService) {}

  @Get(SEGMENT_SETTINGS_ROUTE)
  @Endpoint({
    summary: 'Segment settings (analytics-next)',
    description:
      '`GET /v1/projects/<writeKey>/settings`, the path @segment/analytics-next loads from its `cdnURL`: the ' +
      'Segment.io destination pointed at this server, no other destination, no client metrics.',
    params: KeyParam('writeKey'),
    response: { status: 200, schema: Json },
    errors: [401],
  })
  async segment(@Param('writeKey') writeKey: string, @Req() req: FastifyRequest) {
    await this.keys.resolve(writeKey, 'write');
    return segmentSettings(writeKey, originOf(req));
  }

  @Get('array/:token/config')
  @Endpoint({
    summary: 'PostHog remote config (posthog-js)',
    description:
      'Compression on; feature flags, session recording, surveys, heatmaps and exception capture off.',
    params: KeyParam('token'),
    response: { status: 200, schema: Json },
    errors: [401],
  })
  async postHog(@Param('token') token: string) {
    await this.keys.resolve(token, 'write');
    return postHogConfig();
  }

  @Get('array/:token/config.js')
  @Endpoint({
    summary: 'PostHog remote config as a script (posthog-js)',
    description:
      'The remote config as posthog-js loads it first: a script that sets `window._POSTHOG_REMOTE_CONFIG`.',
    params: KeyParam('token'),
    response: { status: 200, schema: Type.String() },
    errors: [401],
  })
  async postHogScript(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    await this.keys.resolve(token, 'write');
    // Set once the key is known: an error is answered as JSON.
    void reply.type('text/javascript; charset=utf-8');
    return postHogConfigScript(token);
  }

  @Post('flags')
  @HttpCode(200)
  @Endpoint({
    summary: 'PostHog feature flags (posthog-js, posthog-node)',
    description: 'Bindery has no feature flags: every project gets none.',
    response: { status: 200, schema: Json },
  })
  flags() {
    return postHogFlags();
  }

  @Post('decide')
  @HttpCode(200)
  @Endpoint({
    summary: 'PostHog decide (older posthog-js)',
    description: 'The remote config and the (empty) feature flags in one answer.',
    response: { status: 200, schema: Json },
  })
  decide() {
    return postHogDecide();
  }

  @Get('sourceConfig')
  @Endpoint({
    summary: 'RudderStack source config (@rudderstack/analytics-js)',
    description:
      'Loaded from the SDK’s `configUrl`: an enabled source with no destinations. Write key as Basic user or ' +
      '`?writeKey=`.',
    query: Type.Object({ writeKey: Type.Optional(Type.String({ maxLength: 200 })) }),
    response: { status: 200, schema: Json },
    errors: [401],
  })
  async rudderStack(
    @Query('writeKey') queryKey: string | undefined,
    @Headers('authorization') authorization?: string,
  ) {
    const writeKey = credentialFromHeader(authorization) ?? queryKey;
    await this.keys.resolve(writeKey, 'write');
    return rudderStackSourceConfig(writeKey as string);
  }
}
