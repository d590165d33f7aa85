// `npm run bindery -- <command>`: the operator's chores, over the HTTP API (and the stores, for migrations).
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { bindery } from './bindery';

/** Reads a line from stdin; on a terminal, asks with `prompt` and does not echo what is typed. */
function readSecret(prompt: string): Promise<string> {
  const tty = process.stdin.isTTY === true;
  if (tty) process.stderr.write(prompt);
  const rl = createInterface({
    input: process.stdin,
    terminal: tty,
    output: tty ? undefined : process.stderr,
  });
  return new Promise((resolve) => {
    rl.once('line', (line) => {
      if (tty) process.stderr.write('\n');
      rl.close();
      resolve(line);
    });
  });
}

bindery((text) => process.stdout.write(`${text}\n`), readSecret)
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`bindery: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
