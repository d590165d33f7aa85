import { extname, join } from 'node:path';

const bundled = new Map<string, Promise<string>>();

/**
 * A worker thread's script `<name>.js` in `dir` once built. Run from the TypeScript sources (jest), esbuild
 * bundles `<name>.ts` into one script first, for `new Worker(script, { eval: true })`: a worker thread cannot
 * load TypeScript. `sourceFile` is the caller's `__filename`, which tells which of the two it runs from.
 */
export async function workerScript(
  dir: string,
  name: string,
  sourceFile: string,
): Promise<{ script: string; evaluate: boolean }> {
  const file = join(dir, `${name}${extname(sourceFile)}`);
  if (extname(sourceFile) !== '.ts') return { script: file, evaluate: false };
  // Required, not imported: esbuild is a dev dependency (only the sources need it), and the build keeps import()
  // as is for ES-module-only packages, which jest would load through its experimental module linker.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  let script = bundled.get(file);
  if (!script) {
    script = (async () => {
      const built = await esbuild.build({
        entryPoints: [file],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        write: false,
        logLevel: 'silent',
      });
      const [output] = built.outputFiles;
      if (!output) throw new Error(`esbuild wrote no output for ${file}`);
      return output.text;
    })();
    bundled.set(file, script);
  }
  return { script: await script, evaluate: true };
}
