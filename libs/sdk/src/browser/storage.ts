import { type QueueStore } from '../core/types';
import { type KeyValueStorage } from './globals';

/** localStorage that never throws (blocked, full, or absent), backed by memory for the page's lifetime. */
export interface SafeStorage {
  get(key: string): string | null;
  /** Writes, or removes the key when `value` is null. */
  set(key: string, value: string | null): void;
  keys(): string[];
}

/** Wraps localStorage (or nothing, when it is blocked or `persist` is false) in a {@link SafeStorage}. */
export function safeStorage(storage: KeyValueStorage | undefined): SafeStorage {
  const memory = new Map<string, string>();
  const attempt = <T>(fn: (s: KeyValueStorage) => T): T | undefined => {
    try {
      return storage ? fn(storage) : undefined;
    } catch {
      return undefined; // quota exceeded or storage blocked: memory still holds the value
    }
  };
  return {
    get: (key) => attempt((s) => s.getItem(key)) ?? memory.get(key) ?? null,
    set(key, value) {
      if (value === null) memory.delete(key);
      else memory.set(key, value);
      attempt((s) => (value === null ? s.removeItem(key) : s.setItem(key, value)));
    },
    keys: () =>
      attempt((s) => Array.from({ length: s.length }, (_, i) => s.key(i) ?? '')) ?? [...memory.keys()],
  };
}

/** The JSON value under `key`, or undefined when absent or unreadable. */
export function readJson<T>(storage: SafeStorage, key: string): Partial<T> | undefined {
  try {
    return JSON.parse(storage.get(key) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

const QUEUE_PREFIX = 'bindery.queue.';
/** A queue not saved for this long belongs to a page that died without `pagehide`: another page takes it. */
export const STALE_QUEUE_MS = 60 * 60_000;

interface StoredQueue {
  /** When it was saved. */
  t: number;
  /** 1 once its page has left: free for the next page to take. */
  r: number;
  e: unknown[];
}

/**
 * Each page keeps its queue under a key of its own, so tabs never overwrite each other's events. A page that
 * leaves marks its key released; the next page of the same write key takes released (and stale) queues and
 * sends them. An event may then be sent twice (a keepalive request of the leaving page, and the next page):
 * ingest stores an event id once.
 */
export function persistedQueue(storage: SafeStorage, writeKey: string, pageId: string): QueueStore {
  const prefix = `${QUEUE_PREFIX}${writeKey}.`;
  const own = prefix + pageId;
  let events: string[] = [];
  let released = 0;
  const write = () =>
    storage.set(own, events.length ? `{"t":${Date.now()},"r":${released},"e":[${events.join(',')}]}` : null);
  return {
    load() {
      const taken = new Set<string>();
      for (const key of storage.keys()) {
        if (!key.startsWith(prefix) || key === own) continue;
        const queue = readJson<StoredQueue>(storage, key);
        if (queue && !queue.r && Date.now() - (queue.t ?? 0) < STALE_QUEUE_MS) continue;
        for (const event of queue?.e ?? []) taken.add(JSON.stringify(event));
        storage.set(key, null);
      }
      return [...taken];
    },
    save(held) {
      events = held;
      write();
    },
    release(isReleased) {
      released = isReleased ? 1 : 0;
      write();
    },
  };
}
