// `npm run bindery -- <command>`: the operator's chores, over the HTTP API (and the stores, for migrations).
import 'reflect-metadata';
import { bindery } from './bindery';

bindery((text) => process.stdout.write(`${text}\n`))
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`bindery: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
