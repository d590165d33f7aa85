import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectAccessGuard } from '@bindery/auth';
import {
  type DropoffPage,
  DropoffPageSchema,
  type DropoffQuery,
  DropoffQuerySchema,
  type FunnelIdParams,
  FunnelIdParamsSchema,
  type FunnelQuery,
  FunnelQuerySchema,
  type FunnelResult,
  FunnelResultSchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
  type SavedFunnelQuery,
  SavedFunnelQuerySchema,
} from '@bindery/contracts';
import { Limited } from '@bindery/event-queries';
import { Endpoint } from '@bindery/server';
import { FunnelService } from './funnel.service';
import { SavedFunnelsService } from './saved-funnels.service';

const SEMANTICS =
  'Actions (track, page, screen; duplicates by event id counted once) of each subject (user: userId, else ' +
  'anonymousId; account: groupId) are ordered by time, then, at the same millisecond, by the first step they ' +
  'match and by the set of steps they match. A subject reaches step k when, from a step-1 action inside [from, to), it performed steps 2..k in ' +
  'that order with distinct actions, each at or after the previous (equal times count as in order), all within ' +
  'windowSeconds of step 1. strict: no other action of the subject between consecutive steps. unordered: a ' +
  'window of windowSeconds starting at a step action inside [from, to) holds actions of all steps 1..k, in any ' +
  'order (one action may satisfy several steps). count(k): subjects that reach k; dropOff(k) = count(k) − ' +
  'count(k+1). Times to convert are between consecutive steps of the best path: furthest reach, then the latest ' +
  'step 1, then the first matching action for each next step (unordered: between the completions of steps k−1 ' +
  'and k); median and mean, rounded to the millisecond. A breakdown computes the funnel once per value of the ' +
  'property on step-1 actions (null when missing), counting only step-1 actions with that value. With trend ' +
  '(day or week), `trend` gives per period of the project’s time zone, from the one holding `from` to the one ' +
  'holding the last millisecond before `to`, the subjects whose best path’s step 1 falls in it and those of ' +
  'them that reached the last step (an unordered step 1 after `to` counts in the last period). The full ' +
  'statement is docs/analytics.md.';

@ApiTags('funnels')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Limited('report')
@Controller('v1/projects/:projectId/funnels')
export class FunnelController {
  constructor(
    private readonly funnels: FunnelService,
    private readonly saved: SavedFunnelsService,
  ) {}

  @Post('query')
  @HttpCode(200)
  @Endpoint({
    access: 'read',
    summary: 'Funnel: how many subjects reach each step, drop-off and time to convert',
    description: SEMANTICS,
    params: ProjectIdParamsSchema,
    body: FunnelQuerySchema,
    response: { status: 200, schema: FunnelResultSchema },
    errors: [400, 401, 403, 422, 429, 503, 504],
  })
  query(@Param() params: ProjectIdParams, @Body() body: FunnelQuery): Promise<FunnelResult> {
    return this.funnels.query(params.projectId, body);
  }

  @Post(':funnelId/query')
  @HttpCode(200)
  @Endpoint({
    access: 'read',
    summary: 'Run a saved funnel over a range',
    description: SEMANTICS,
    params: FunnelIdParamsSchema,
    body: SavedFunnelQuerySchema,
    response: { status: 200, schema: FunnelResultSchema },
    errors: [400, 401, 403, 404, 422, 429, 503, 504],
  })
  async querySaved(@Param() params: FunnelIdParams, @Body() body: SavedFunnelQuery): Promise<FunnelResult> {
    const { steps, windowSeconds, order, aggregateBy } = await this.saved.get(
      params.projectId,
      params.funnelId,
    );
    return this.funnels.query(params.projectId, { steps, windowSeconds, order, aggregateBy, ...body });
  }

  @Get('dropoffs')
  @Endpoint({
    access: 'read',
    summary: 'Who stopped at a step: the subjects whose furthest step is `step`',
    description:
      'The funnel is `query` (the JSON body of /funnels/query, URL-encoded) or a saved `funnelId` with `from` ' +
      'and `to`. Subjects are listed by id, each with the time it reached the step on its best path and its ' +
      'most recent action: the people to call. ' +
      SEMANTICS,
    params: ProjectIdParamsSchema,
    query: DropoffQuerySchema,
    response: { status: 200, schema: DropoffPageSchema },
    errors: [400, 401, 403, 404, 422, 429, 503, 504],
  })
  async dropoffs(@Param() params: ProjectIdParams, @Query() query: DropoffQuery): Promise<DropoffPage> {
    return this.funnels.dropoffs(params.projectId, await this.saved.resolve(params.projectId, query), query);
  }
}
