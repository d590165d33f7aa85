import { chmodSync, mkdirSync } from 'node:fs';

/**
 * Creates a folder under DATA_DIR, and DATA_DIR itself, readable by this user only (0700): they hold the
 * events, the database, keys and emails. A DATA_DIR made before, or by hand, is narrowed to 0700 too.
 */
export function makePrivateDir(dataDir: string, path: string = dataDir): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
  if (path !== dataDir) chmodSync(dataDir, 0o700);
}
