export * from './detection.module';
export * from './health.service';
export * from './rule-evaluator.service';
export * from './rule-execution.service';
export * from './rule-runs.service';
