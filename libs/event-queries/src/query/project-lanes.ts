/**
 * The engine's report lanes shared fairly: one project has at most `perProject` queries in the engine at once,
 * its other queries wait their turn (first come, first served), so a project with long reports never holds
 * every lane while another project's short report waits.
 */
export class ProjectLanes {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly perProject: number) {}

  async run<T>(projectId: string, query: () => Promise<T>): Promise<T> {
    await this.enter(projectId);
    try {
      return await query();
    } finally {
      this.leave(projectId);
    }
  }

  private enter(projectId: string): Promise<void> {
    const running = this.running.get(projectId) ?? 0;
    if (running < this.perProject) {
      this.running.set(projectId, running + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(projectId);
      if (queue) queue.push(resolve);
      else this.waiting.set(projectId, [resolve]);
    });
  }

  /** Hands the lane to the project's next query, or gives it back. */
  private leave(projectId: string): void {
    const queue = this.waiting.get(projectId);
    const next = queue?.shift();
    if (queue?.length === 0) this.waiting.delete(projectId);
    if (next) return next();
    const running = (this.running.get(projectId) ?? 1) - 1;
    if (running > 0) this.running.set(projectId, running);
    else this.running.delete(projectId);
  }
}
