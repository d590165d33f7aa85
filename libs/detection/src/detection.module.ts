import { Module } from '@nestjs/common';
import { EventQueriesModule, ReportLimitsModule } from '@bindery/event-queries';
import { ActionCounts } from './evaluation/daily-usage';
import { HealthService } from './evaluation/health.service';
import { RuleEvaluator } from './evaluation/rule-evaluator.service';
import { RuleExecution } from './evaluation/rule-execution.service';
import { RuleRunsService } from './api/rule-runs.service';
import { RulesController } from './api/rules.controller';
import { RulesProcessor } from './evaluation/rules.processor';
import { RulesScheduler } from './evaluation/rules.scheduler';
import { RulesService } from './api/rules.service';
import { SignalsService } from './api/signals.service';
import { GoalReachService } from './outcomes/goal-reach.service';
import { MessageAnalyticsService } from './outcomes/message-analytics.service';
import { OutcomesController } from './outcomes/outcomes.controller';
import { RuleEffectService } from './outcomes/rule-effect.service';

/**
 * The rules API: rules, runs, signals, and the outcomes (each rule's effect, what its emails did; they read
 * the goal events). A run is queued here and evaluated by a rules worker.
 */
@Module({
  imports: [ReportLimitsModule, EventQueriesModule],
  controllers: [RulesController, OutcomesController],
  providers: [
    RulesService,
    SignalsService,
    RuleRunsService,
    GoalReachService,
    RuleEffectService,
    MessageAnalyticsService,
  ],
})
export class RulesApiModule {}

/** The rules worker: evaluates each project's rules on its schedule, and the runs the API queues. */
@Module({
  imports: [EventQueriesModule],
  providers: [RulesProcessor, RulesScheduler, RuleExecution, RuleEvaluator, HealthService, ActionCounts],
})
export class RulesWorkerModule {}
