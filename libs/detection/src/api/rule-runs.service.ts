import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { InvalidInput, NotFound, type RuleRun } from '@bindery/contracts';
import { type RuleRun as RuleRunRow, RuleRunRepository } from '@bindery/db';
import { JobProducer } from '@bindery/queue';

/** How far back a run may be dated. */
const MAX_AS_OF_DAYS = 400;

/** A manual run waits for a running evaluation of its project: BullMQ retries it at this pace. */
export const MANUAL_RUN_JOB = { attempts: 120, backoff: { type: 'fixed', delay: 1_000 } } as const;

function toRun(row: RuleRunRow): RuleRun {
  return {
    id: row.id,
    status: row.status,
    trigger: row.trigger,
    counts: row.counts as Record<string, number>,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/** Runs of the rules as the API sees them: queued on demand, then followed by id. */
@Injectable()
export class RuleRunsService {
  constructor(
    private readonly runs: RuleRunRepository,
    private readonly jobs: JobProducer,
  ) {}

  /** Queues a run, of now or back-dated to `asOf` (a past time); the run's id is the job's. */
  async trigger(projectId: string, asOf?: string, now = Date.now()): Promise<RuleRun> {
    const at = asOf === undefined ? undefined : Date.parse(asOf);
    if (at !== undefined && !(at <= now && at >= now - MAX_AS_OF_DAYS * 86_400_000)) {
      throw InvalidInput(`asOf: a past time at most ${MAX_AS_OF_DAYS} days ago`, { asOf });
    }
    const run = await this.runs.create({ id: uuidv7(), projectId, trigger: 'manual' });
    await this.jobs.enqueue(
      'evaluate-rules',
      { projectId, runId: run.id, ...(at === undefined ? {} : { asOf: at }) },
      { jobId: run.id, ...MANUAL_RUN_JOB },
    );
    return toRun(run);
  }

  async get(projectId: string, runId: string): Promise<RuleRun> {
    const run = await this.runs.findById(projectId, runId);
    if (!run) throw NotFound(`Run ${runId} not found`);
    return toRun(run);
  }
}
