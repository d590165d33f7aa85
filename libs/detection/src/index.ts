export * from './detection.module';
export * from './evaluation/health.service';
export * from './evaluation/rule-evaluator.service';
export * from './evaluation/rule-execution.service';
export * from './api/rule-runs.service';
