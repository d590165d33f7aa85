import { BullRegistrar, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JobProcessor } from './job-processor';
import { type QueueName } from './queues';

/** Injection token of the job name → queue map the app is checked against (`JOB_QUEUE`). */
export const JOB_ROUTES = Symbol('JOB_ROUTES');

/** The job names one processor class handles. */
export interface ProcessorJobs {
  processor: string;
  jobs: readonly string[];
}

/**
 * Why an app with these processors must not start, or nothing. Every queue the app works on has one
 * processor, which handles each job name of that queue (none missing, none twice, none unknown).
 */
export function jobRouteProblems(
  routes: Readonly<Record<string, QueueName>>,
  processors: readonly ProcessorJobs[],
): string[] {
  const problems: string[] = [];
  const handlers = new Map<string, string[]>();
  const processorsOfQueue = new Map<QueueName, Set<string>>();
  for (const { processor, jobs } of processors) {
    for (const job of jobs) {
      const queue = routes[job];
      if (queue === undefined) {
        problems.push(`${processor} handles job ${job}, which no queue carries`);
        continue;
      }
      handlers.set(job, [...(handlers.get(job) ?? []), processor]);
      processorsOfQueue.set(queue, (processorsOfQueue.get(queue) ?? new Set()).add(processor));
    }
  }
  for (const [queue, names] of processorsOfQueue) {
    if (names.size > 1)
      problems.push(`queue ${queue} has ${names.size} processors: ${[...names].join(', ')}`);
  }
  for (const [job, queue] of Object.entries(routes)) {
    const by = handlers.get(job) ?? [];
    if (by.length > 1) problems.push(`job ${job} has ${by.length} processors: ${by.join(', ')}`);
    else if (by.length === 0 && processorsOfQueue.has(queue)) {
      problems.push(`job ${job} (queue ${queue}) has no processor`);
    }
  }
  return problems;
}

/**
 * Starts the app's queue workers only once every job name of their queues has exactly one handler: a job
 * with none would fail for good, and BullMQ would hand a queue's jobs at random to two processors of it.
 */
@Injectable()
export class JobRoutesCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registrar: BullRegistrar,
    @Inject(JOB_ROUTES) private readonly routes: Readonly<Record<string, QueueName>>,
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    const processors: ProcessorJobs[] = [];
    for (const { instance } of this.discovery.getProviders()) {
      if (instance instanceof JobProcessor) {
        processors.push({ processor: instance.constructor.name, jobs: Object.keys(instance.handlers) });
      } else if (instance instanceof WorkerHost) {
        problems.push(`${instance.constructor.name} is a processor without a map of job handlers`);
      }
    }
    problems.push(...jobRouteProblems(this.routes, processors));
    if (problems.length)
      throw new Error(`the queues' jobs and processors do not match: ${problems.join('; ')}`);
    this.registrar.register();
  }
}
