import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBasicAuth, ApiTags } from '@nestjs/swagger';
import { credentialFromHeader } from '@bindery/auth';
import {
  type FeedbackItemList,
  FeedbackItemListSchema,
  type FeedbackRequest,
  FeedbackRequestSchema,
  type FeedbackSdkListBody,
  FeedbackSdkListBodySchema,
  type FeedbackSdkRequestBody,
  FeedbackSdkRequestBodySchema,
  type FeedbackSdkVoteBody,
  FeedbackSdkVoteBodySchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { FeedbackSdkService } from './feedback-sdk.service';

const SIGNED =
  'Write key as Basic user, Bearer, or `writeKey` in the body, and the person’s `signature` (the hex ' +
  'HMAC-SHA256 of `userId` with the project’s survey secret, computed by your server): 401 without one, 403 ' +
  'with a wrong one. The person’s account is the one they last acted for.';

/** Where the SDK's feedback widget lists requests, sends new ones and votes. */
@ApiTags('feedback: SDK')
@ApiBasicAuth('writeKey')
@Controller('v1/feedback')
export class FeedbackSdkController {
  constructor(private readonly feedback: FeedbackSdkService) {}

  @Post('list')
  @HttpCode(200)
  @Endpoint({
    summary: 'The board’s requests, for the widget (SDK)',
    description: `${SIGNED} Requests not merged away, most votes first, with whether the person voted.`,
    body: FeedbackSdkListBodySchema,
    response: { status: 200, schema: FeedbackItemListSchema },
    errors: [400, 401, 403, 429],
  })
  list(
    @Body() body: FeedbackSdkListBody,
    @Headers('authorization') authorization?: string,
  ): Promise<FeedbackItemList> {
    return this.feedback.list({ ...body, writeKey: credentialFromHeader(authorization) ?? body.writeKey });
  }

  @Post('requests')
  @Endpoint({
    summary: 'Send a request (SDK)',
    description: `${SIGNED} The person’s vote for it is counted.`,
    body: FeedbackSdkRequestBodySchema,
    response: { status: 201, schema: FeedbackRequestSchema },
    errors: [400, 401, 403, 429],
  })
  create(
    @Body() body: FeedbackSdkRequestBody,
    @Headers('authorization') authorization?: string,
  ): Promise<FeedbackRequest> {
    return this.feedback.create(
      { ...body, writeKey: credentialFromHeader(authorization) ?? body.writeKey },
      { title: body.title, body: body.body },
    );
  }

  @Post('votes')
  @Endpoint({
    summary: 'Vote for a request (SDK)',
    description: `${SIGNED} A person votes once: a second vote is refused with 409.`,
    body: FeedbackSdkVoteBodySchema,
    response: { status: 201, schema: FeedbackRequestSchema },
    errors: [400, 401, 403, 404, 409, 429],
  })
  vote(
    @Body() body: FeedbackSdkVoteBody,
    @Headers('authorization') authorization?: string,
  ): Promise<FeedbackRequest> {
    return this.feedback.vote(
      { ...body, writeKey: credentialFromHeader(authorization) ?? body.writeKey },
      body.requestId,
    );
  }
}
