import { Module } from '@nestjs/common';
import { QueryRunner } from './query/query-runner';

/** The report query runner, for the libs that read events: analytics and the rules worker. */
@Module({ providers: [QueryRunner], exports: [QueryRunner] })
export class EventQueriesModule {}
