import { Module } from '@nestjs/common';
import { EventWriter } from '@bindery/clickhouse';
import { IngestService } from './ingest.service';
import { PostHogController } from './posthog.controller';
import { SegmentController } from './segment.controller';

/** Event ingestion: Segment and PostHog wire formats into ClickHouse through one group-commit writer. */
@Module({
  controllers: [SegmentController, PostHogController],
  providers: [EventWriter, IngestService],
  exports: [EventWriter],
})
export class IngestModule {}
