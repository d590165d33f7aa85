import { Injectable } from '@nestjs/common';
import { ProjectSettingsRepository, RETENTION_CACHE_MS } from '@bindery/db';

interface Cached {
  days: number | null;
  loadedAt: number;
}

/**
 * Each project's eventRetentionDays (null: kept until deleted), read at most once per RETENTION_CACHE_MS, so
 * that stamping events with the time ClickHouse deletes them costs no round trip on the hot path.
 */
@Injectable()
export class RetentionDays {
  private readonly cache = new Map<string, Cached>();
  private readonly loading = new Map<string, Promise<Cached>>();

  constructor(private readonly settings: ProjectSettingsRepository) {}

  async of(projectId: string): Promise<number | null> {
    const cached = this.cache.get(projectId);
    if (cached && Date.now() - cached.loadedAt < RETENTION_CACHE_MS) return cached.days;
    let load = this.loading.get(projectId);
    if (!load) {
      const loadedAt = Date.now();
      load = this.settings
        .get(projectId)
        .then((stored) => {
          const fresh = { days: stored?.eventRetentionDays ?? null, loadedAt };
          this.cache.set(projectId, fresh);
          return fresh;
        })
        .finally(() => this.loading.delete(projectId));
      this.loading.set(projectId, load);
    }
    return (await load).days;
  }
}
