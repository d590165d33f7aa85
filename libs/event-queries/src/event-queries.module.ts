import { Module } from '@nestjs/common';
import { ReportLimitsModule } from './limits/report-limits.module';
import { QueryRunner } from './query/query-runner';

/** The report query runner and the report limits, for the libs that read events: analytics and the rules worker. */
@Module({
  imports: [ReportLimitsModule],
  providers: [QueryRunner],
  exports: [QueryRunner, ReportLimitsModule],
})
export class EventQueriesModule {}
