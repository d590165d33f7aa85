import { Module } from '@nestjs/common';
import { EventQueriesModule } from '@bindery/event-queries';
import { BoardController } from './feedback/board.controller';
import { FeedbackController } from './feedback/feedback.controller';
import { FeedbackSdkController } from './feedback/feedback-sdk.controller';
import { FeedbackSdkService } from './feedback/feedback-sdk.service';
import { FeedbackService } from './feedback/feedback.service';
import { FeedbackStatusService } from './feedback/feedback-status.service';
import { SurveyFetchController } from './surveys/survey-fetch.controller';
import { SurveyFetchService } from './surveys/survey-fetch.service';
import { SurveyResultsService } from './surveys/survey-results.service';
import { SurveysController } from './surveys/surveys.controller';
import { SurveysService } from './surveys/surveys.service';
import { SdkPersonVerifier } from './sdk-person';

/**
 * The team's side of the customer's voice: survey definitions, the survey secret and the results; the
 * feedback inbox; and the public feedback board.
 */
@Module({
  imports: [EventQueriesModule],
  controllers: [SurveysController, FeedbackController, BoardController],
  providers: [SurveysService, SurveyResultsService, FeedbackService, FeedbackStatusService],
})
export class VoiceApiModule {}

/**
 * The SDK's side: fetching the person's survey, and the feedback widget's requests and votes, with the write
 * key and their signature (served with ingest).
 */
@Module({
  imports: [EventQueriesModule],
  controllers: [SurveyFetchController, FeedbackSdkController],
  providers: [SdkPersonVerifier, SurveyFetchService, FeedbackService, FeedbackSdkService],
})
export class SurveyFetchModule {}
