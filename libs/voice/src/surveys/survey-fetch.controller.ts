import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBasicAuth, ApiTags } from '@nestjs/swagger';
import { credentialFromHeader } from '@bindery/auth';
import {
  type SurveyFetchBody,
  SurveyFetchBodySchema,
  type SurveyFetchResult,
  SurveyFetchResultSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { SurveyFetchService } from './survey-fetch.service';

/** Where the SDK's survey module asks which survey to show the current person. */
@ApiTags('surveys: SDK')
@ApiBasicAuth('writeKey')
@Controller()
export class SurveyFetchController {
  constructor(private readonly surveys: SurveyFetchService) {}

  @Post('v1/surveys')
  @HttpCode(200)
  @Endpoint({
    summary: 'The survey to show a person now (SDK)',
    description:
      'Write key as Basic user, Bearer, or `writeKey` in the body, and the person’s `signature`: the hex ' +
      'HMAC-SHA256 of `userId` with the project’s survey secret, computed by your server. 401 without a ' +
      'signature, 403 with a wrong one. Answers at most one survey: the oldest enabled one that targets the ' +
      'person. Its answer is sent as `survey shown`, then `survey answered` or `survey dismissed` events.',
    body: SurveyFetchBodySchema,
    response: { status: 200, schema: SurveyFetchResultSchema },
    errors: [400, 401, 403, 429],
  })
  fetch(
    @Body() body: SurveyFetchBody,
    @Headers('authorization') authorization?: string,
  ): Promise<SurveyFetchResult> {
    return this.surveys.fetch({
      writeKey: credentialFromHeader(authorization) ?? body.writeKey,
      userId: body.userId,
      signature: body.signature,
    });
  }
}
