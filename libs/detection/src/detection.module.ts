import { Module } from '@nestjs/common';
import { EventQueriesModule, ReportLimitsModule } from '@bindery/event-queries';
import { HealthService } from './evaluation/health.service';
import { RuleEvaluator } from './evaluation/rule-evaluator.service';
import { RuleExecution } from './evaluation/rule-execution.service';
import { RuleRunsService } from './api/rule-runs.service';
import { RulesController } from './api/rules.controller';
import { RulesProcessor } from './evaluation/rules.processor';
import { RulesScheduler } from './evaluation/rules.scheduler';
import { RulesService } from './api/rules.service';
import { SignalsService } from './api/signals.service';

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
