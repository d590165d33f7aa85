import { Injectable, Logger } from '@nestjs/common';
import { SignalRepository, TaskRepository } from '@bindery/db';

/**
 * When a rule's signals clear, the tasks they raised follow: a task whose signals are all resolved closes with
 * their reason, unless a person has acted on it (changed it or written a note): then it gets a timeline note
 * "condition cleared" and stays for that person to close.
 */
@Injectable()
export class TaskResolutionService {
  private readonly logger = new Logger(TaskResolutionService.name);

  constructor(
    private readonly tasks: TaskRepository,
    private readonly signals: SignalRepository,
  ) {}

  /** Closes or annotates the live tasks holding these resolved signals; each at most once. */
  async signalsResolved(projectId: string, signalIds: string[]): Promise<{ closed: number; noted: number }> {
    let closed = 0;
    let noted = 0;
    for (const task of await this.tasks.findLiveBySignals(projectId, signalIds)) {
      const own = await this.signals.findMany(task.signal_ids.map((id) => ({ projectId, id })));
      if (own.some((s) => s.resolved_at === null)) continue;
      const reason = [...new Set(own.map((s) => s.resolution ?? 'condition cleared'))].join('; ');
      if (!(await this.tasks.personActed(projectId, task.id))) {
        await this.tasks.update(
          projectId,
          task.id,
          { status: 'done', outcome: 'condition_cleared', outcomeNote: reason },
          { actor: 'rules', change: { status: 'done', outcome: 'condition_cleared', reason } },
        );
        closed++;
      } else if (!(await this.alreadyNoted(projectId, task.id))) {
        await this.tasks.note(projectId, task.id, { actor: 'rules', change: { conditionCleared: reason } });
        noted++;
      }
    }
    this.logger.log(
      { projectId, signals: signalIds.length, closed, noted },
      'resolved signals applied to tasks',
    );
    return { closed, noted };
  }

  /** Whether the task's timeline says, since its last signal joined, that the condition cleared. */
  private async alreadyNoted(projectId: string, taskId: string): Promise<boolean> {
    const timeline = await this.tasks.timeline(projectId, taskId);
    const lastSignal = timeline.findLastIndex((e) => 'signalId' in e.change);
    return timeline.slice(lastSignal + 1).some((e) => 'conditionCleared' in e.change);
  }
}
