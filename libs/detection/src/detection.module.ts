import { Module } from '@nestjs/common';
import { EventQueriesModule, ReportLimitsModule } from '@bindery/event-queries';
import { HealthService } from './health.service';
import { RuleEvaluator } from './rule-evaluator.service';
import { RuleExecution } from './rule-execution.service';
import { RuleRunsService } from './rule-runs.service';
import { RulesController } from './rules.controller';
import { RulesProcessor } from './rules.processor';
import { RulesScheduler } from './rules.scheduler';
import { RulesService } from './rules.service';
import { SignalsService } from './signals.service';

/** The rules API: rules, runs and signals (a run is queued here and evaluated by a rules worker). */
@Module({
  imports: [ReportLimitsModule],
  controllers: [RulesController],
  providers: [RulesService, SignalsService, RuleRunsService],
})
export class RulesApiModule {}

/** The rules worker: evaluates each project's rules on its schedule, and the runs the API queues. */
@Module({
  imports: [EventQueriesModule],
  providers: [RulesProcessor, RulesScheduler, RuleExecution, RuleEvaluator, HealthService],
})
export class RulesWorkerModule {}
