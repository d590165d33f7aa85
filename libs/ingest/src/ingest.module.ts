import { Module } from '@nestjs/common';
import { EventWriter } from '@bindery/clickhouse';
import { IngestService } from './ingest.service';
import { PostHogController } from './posthog.controller';
import { SdkConfigController } from './sdk-config.controller';
import { SegmentController } from './segment.controller';
import { SurveyEventGate } from './survey-events';
import { RetentionDays } from './retention-days';
import { SuppressedIds } from './suppressed-ids';

/** Event ingestion: Segment, PostHog and RudderStack clients into ClickHouse through one group-commit writer. */
@Module({
  controllers: [SegmentController, PostHogController, SdkConfigController],
  providers: [EventWriter, IngestService, SurveyEventGate, SuppressedIds, RetentionDays],
  exports: [EventWriter],
})
export class IngestModule {}
