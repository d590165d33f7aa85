import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectAccessGuard } from '@bindery/auth';
import {
  type FeedbackBoard,
  FeedbackBoardSchema,
  type FeedbackInbox,
  FeedbackInboxSchema,
  type FeedbackMergeBody,
  FeedbackMergeBodySchema,
  type FeedbackPatch,
  FeedbackPatchSchema,
  type FeedbackRequest,
  type FeedbackRequestBody,
  FeedbackRequestBodySchema,
  type FeedbackRequestIdParams,
  FeedbackRequestIdParamsSchema,
  FeedbackRequestSchema,
  type FeedbackVoteBody,
  FeedbackVoteBodySchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { FeedbackService } from './feedback.service';
import { FeedbackStatusService } from './feedback-status.service';

const ACTOR = 'api';

/** The team's inbox of feedback requests, and the project's public board. */
@ApiTags('feedback')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId/feedback')
export class FeedbackController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly status: FeedbackStatusService,
  ) {}

  @Get('requests')
  @Endpoint({
    access: 'read',
    summary: 'The feedback inbox: requests, most votes first, with their voters’ MRR',
    description:
      'Requests merged into another are left out. `mrr` sums the current `mrr` (or `MRR`) trait of the ' +
      'distinct accounts the voters voted for.',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: FeedbackInboxSchema },
    errors: [401, 403],
  })
  inbox(@Param() p: ProjectIdParams): Promise<FeedbackInbox> {
    return this.feedback.inbox(p.projectId);
  }

  @Post('requests')
  @Endpoint({
    access: 'outreach',
    summary: 'Add a request in a person’s name (their vote is counted)',
    params: ProjectIdParamsSchema,
    body: FeedbackRequestBodySchema,
    response: { status: 201, schema: FeedbackRequestSchema },
    errors: [400, 401, 403],
  })
  create(@Param() p: ProjectIdParams, @Body() body: FeedbackRequestBody): Promise<FeedbackRequest> {
    return this.feedback.create(p.projectId, body, ACTOR);
  }

  @Get('requests/:requestId')
  @Endpoint({
    access: 'read',
    summary: 'Get a request',
    params: FeedbackRequestIdParamsSchema,
    response: { status: 200, schema: FeedbackRequestSchema },
    errors: [401, 403, 404],
  })
  get(@Param() p: FeedbackRequestIdParams): Promise<FeedbackRequest> {
    return this.feedback.get(p.projectId, p.requestId);
  }

  @Post('requests/:requestId/votes')
  @Endpoint({
    access: 'outreach',
    summary: 'Vote for a request in a person’s name',
    description: 'A person votes once: a second vote is refused with 409, as is a vote for a merged request.',
    params: FeedbackRequestIdParamsSchema,
    body: FeedbackVoteBodySchema,
    response: { status: 201, schema: FeedbackRequestSchema },
    errors: [400, 401, 403, 404, 409],
  })
  vote(@Param() p: FeedbackRequestIdParams, @Body() body: FeedbackVoteBody): Promise<FeedbackRequest> {
    return this.feedback.vote(p.projectId, p.requestId, body);
  }

  @Patch('requests/:requestId')
  @Endpoint({
    access: 'outreach',
    summary: 'Set a request’s status and public note',
    description:
      'Statuses: open, under_review, planned, in_progress, shipped, declined. Setting shipped emails each ' +
      'voter with an email address once ("you asked, we built it"), within the frequency cap, never to a ' +
      'suppressed address; setting it again sends nothing more.',
    params: FeedbackRequestIdParamsSchema,
    body: FeedbackPatchSchema,
    response: { status: 200, schema: FeedbackRequestSchema },
    errors: [400, 401, 403, 404, 409],
  })
  update(@Param() p: FeedbackRequestIdParams, @Body() body: FeedbackPatch): Promise<FeedbackRequest> {
    return this.status.update(p.projectId, p.requestId, body, ACTOR);
  }

  @Post('requests/:requestId/merge')
  @HttpCode(200)
  @Endpoint({
    access: 'outreach',
    summary: 'Merge a duplicate into another request',
    description:
      'The duplicate’s votes move to `into`; a person who voted for both keeps one vote. The duplicate ' +
      'leaves the inbox and the board. Answers the request merged into.',
    params: FeedbackRequestIdParamsSchema,
    body: FeedbackMergeBodySchema,
    response: { status: 200, schema: FeedbackRequestSchema },
    errors: [400, 401, 403, 404, 409],
  })
  merge(@Param() p: FeedbackRequestIdParams, @Body() body: FeedbackMergeBody): Promise<FeedbackRequest> {
    return this.feedback.merge(p.projectId, p.requestId, body.into, ACTOR);
  }

  @Get('board')
  @Endpoint({
    access: 'read',
    summary: 'The public board setting',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: FeedbackBoardSchema },
    errors: [401, 403],
  })
  board(@Param() p: ProjectIdParams): Promise<FeedbackBoard> {
    return this.feedback.board(p.projectId);
  }

  @Put('board')
  @Endpoint({
    access: 'admin',
    summary: 'Open the public board under a slug, or close it',
    description:
      'A slug opens a read-only page at /board/<slug> listing the requests, their votes, statuses and ' +
      'public notes: no person, account or id. null closes it. A slug belongs to one project (409).',
    params: ProjectIdParamsSchema,
    body: FeedbackBoardSchema,
    response: { status: 200, schema: FeedbackBoardSchema },
    errors: [400, 401, 403, 409],
  })
  saveBoard(@Param() p: ProjectIdParams, @Body() body: FeedbackBoard): Promise<FeedbackBoard> {
    return this.feedback.saveBoard(p.projectId, body, ACTOR);
  }
}
