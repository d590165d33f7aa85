import { Injectable } from '@nestjs/common';
import { type EventRow } from '@bindery/contracts';
import { SUPPRESSION_CACHE_MS, SuppressedPeopleRepository, suppressionHash } from '@bindery/db';

interface Cached {
  hashes: ReadonlySet<string>;
  loadedAt: number;
}

/**
 * The ids of people deleted with suppression, per project: their events are dropped at ingest. Each project's
 * hashes are read at most once per SUPPRESSION_CACHE_MS (a deletion waits that long before deleting events),
 * so the check costs a hash per id and no round trip on the hot path.
 */
@Injectable()
export class SuppressedIds {
  private readonly cache = new Map<string, Cached>();
  private readonly loading = new Map<string, Promise<Cached>>();

  constructor(private readonly suppressed: SuppressedPeopleRepository) {}

  /** The rows that may be stored, and how many were dropped. */
  async filter(projectId: string, rows: EventRow[]): Promise<{ rows: EventRow[]; dropped: number }> {
    const { hashes } = await this.of(projectId);
    if (hashes.size === 0) return { rows, dropped: 0 };
    const kept = rows.filter(
      (r) =>
        !(r.user_id !== '' && hashes.has(suppressionHash('id', r.user_id))) &&
        !(r.anonymous_id !== '' && hashes.has(suppressionHash('id', r.anonymous_id))),
    );
    return { rows: kept, dropped: rows.length - kept.length };
  }

  private async of(projectId: string): Promise<Cached> {
    const cached = this.cache.get(projectId);
    if (cached && Date.now() - cached.loadedAt < SUPPRESSION_CACHE_MS) return cached;
    let load = this.loading.get(projectId);
    if (!load) {
      const loadedAt = Date.now();
      load = this.suppressed
        .idHashes(projectId)
        .then((hashes) => {
          const fresh = { hashes: new Set(hashes), loadedAt };
          this.cache.set(projectId, fresh);
          return fresh;
        })
        .finally(() => this.loading.delete(projectId));
      this.loading.set(projectId, load);
    }
    return load;
  }
}
