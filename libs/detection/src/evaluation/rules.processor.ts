import { Processor } from '@nestjs/bullmq';
import { UnrecoverableError } from 'bullmq';
import { type JobHandlers, type JobPayloads, JobProcessor, QUEUES } from '@bindery/queue';
import { type RunCounts } from './rule-evaluator.service';
import { ProjectBusy, RuleExecution } from './rule-execution.service';

/** Runs the `rules` queue's jobs: one evaluation of a project's rules each. */
@Processor(QUEUES.rules, { concurrency: 2 })
export class RulesProcessor extends JobProcessor<'rules'> {
  constructor(private readonly runs: RuleExecution) {
    super();
  }

  readonly handlers: JobHandlers<'rules'> = { 'evaluate-rules': (job) => this.evaluate(job.data) };

  private async evaluate({
    projectId,
    runId,
    asOf,
  }: JobPayloads['evaluate-rules']): Promise<RunCounts | 'skipped'> {
    try {
      return await this.runs.execute(projectId, runId, asOf);
    } catch (error) {
      // Only a busy project is worth retrying; a failed evaluation is recorded on its run.
      if (error instanceof ProjectBusy) throw error;
      throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
    }
  }
}
