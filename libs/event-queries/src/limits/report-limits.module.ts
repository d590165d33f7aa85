import { Module } from '@nestjs/common';
import { LimitInterceptor } from './limited.decorator';
import { ReportLimits } from './report-limits';

/** The report limits, one instance per app: the API's routes and the rules API share it. */
@Module({ providers: [ReportLimits, LimitInterceptor], exports: [ReportLimits, LimitInterceptor] })
export class ReportLimitsModule {}
