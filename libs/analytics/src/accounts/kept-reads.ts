/** A read kept under a key, and what it was read for. */
export interface KeptRead<T> {
  value: Promise<T>;
  /** What the value was read for (a version of its source): another tag makes it stale. */
  tag: string;
  /** Different for every read, so that what is built from reads can tell whether they were replaced. */
  serial: number;
  readAt: number;
}

let serials = 0;

/**
 * Reads kept per key and shared, also while in flight: a read serves until it is older than `maxAgeMs` or it
 * is asked for with another tag. A failed read is forgotten at once. At most `capacity` keys are kept, the one
 * read longest ago goes first.
 */
export class KeptReads<T> {
  private readonly reads = new Map<string, KeptRead<T>>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly capacity: number,
  ) {}

  /** The read kept under `key` for `tag` if it is fresh, else a new one by `read`, kept in its place. */
  get(key: string, tag: string, read: () => Promise<T>, now = Date.now()): KeptRead<T> {
    const kept = this.reads.get(key);
    if (kept && kept.tag === tag && now - kept.readAt < this.maxAgeMs) return kept;
    for (const [k, r] of this.reads) if (now - r.readAt >= this.maxAgeMs) this.reads.delete(k);
    this.reads.delete(key);
    while (this.reads.size >= this.capacity) this.reads.delete(this.reads.keys().next().value!);
    const fresh: KeptRead<T> = { value: read(), tag, serial: ++serials, readAt: now };
    this.reads.set(key, fresh);
    fresh.value.catch(() => {
      if (this.reads.get(key) === fresh) this.reads.delete(key);
    });
    return fresh;
  }
}
