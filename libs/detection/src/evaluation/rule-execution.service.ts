import { Inject, Injectable } from '@nestjs/common';
import { type Redis } from 'ioredis';
import { v7 as uuidv7 } from 'uuid';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { RuleRunRepository } from '@bindery/db';
import { REDIS } from '@bindery/queue';
import { RuleEvaluator, type RunCounts } from './rule-evaluator.service';

/** A project's evaluation holds this lock; it expires by itself if the worker holding it dies. */
const LOCK_MS = 10 * 60_000;
/** Deletes the lock only if it is still ours. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Thrown when another evaluation of the project holds the lock: BullMQ retries a manual run later. */
export class ProjectBusy extends Error {
  constructor(projectId: string) {
    super(`rules of project ${projectId} are being evaluated by another worker`);
  }
}

/** Carries out runs in the worker, one at a time per project across all workers (a lock in Redis). */
@Injectable()
export class RuleExecution {
  constructor(
    private readonly runs: RuleRunRepository,
    private readonly evaluator: RuleEvaluator,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {}

  /**
   * Evaluates the project under its lock, now or as of `asOf` (epoch ms, a back-dated run). A scheduled run
   * finding the project busy is skipped (the next one comes); a manual run throws {@link ProjectBusy} so that
   * BullMQ retries it.
   */
  async execute(projectId: string, runId: string | undefined, asOf?: number): Promise<RunCounts | 'skipped'> {
    const key = `${this.config.queuePrefix}:rules-lock:${projectId}`;
    const token = uuidv7();
    if ((await this.redis.set(key, token, 'PX', LOCK_MS, 'NX')) !== 'OK') {
      if (runId) throw new ProjectBusy(projectId);
      return 'skipped';
    }
    const id = runId ?? (await this.runs.create({ id: uuidv7(), projectId, trigger: 'schedule' })).id;
    try {
      await this.runs.start(id);
      const counts = await this.evaluator.evaluate(projectId, asOf);
      await this.runs.finish(id, counts);
      return counts;
    } catch (error) {
      await this.runs.fail(id, error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      await this.redis.eval(RELEASE, 1, key, token);
    }
  }
}
