import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { type JobPayloads, QUEUES } from '@bindery/queue';
import { type RunCounts } from './rule-evaluator.service';
import { ProjectBusy, RuleExecution } from './rule-execution.service';

/** Runs the `rules` queue's jobs: one evaluation of a project's rules each. */
@Processor(QUEUES.rules, { concurrency: 2 })
export class RulesProcessor extends WorkerHost {
  constructor(private readonly runs: RuleExecution) {
    super();
  }

  async process(job: Job<JobPayloads['evaluate-rules']>): Promise<RunCounts | 'skipped'> {
    if (job.name !== 'evaluate-rules') throw new UnrecoverableError(`no handler for job ${job.name}`);
    try {
      return await this.runs.execute(job.data.projectId, job.data.runId);
    } catch (error) {
      // Only a busy project is worth retrying; a failed evaluation is recorded on its run.
      if (error instanceof ProjectBusy) throw error;
      throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
    }
  }
}
