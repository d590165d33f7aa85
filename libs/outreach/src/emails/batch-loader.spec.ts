import { setTimeout as sleep } from 'node:timers/promises';
import { batchLoader } from './batch-loader';

describe('batchLoader', () => {
  /** A loader whose batches answer each input doubled after `ms`, and the batches it was called with. */
  function recording(lingerMs?: number, ms = 30) {
    const batches: number[][] = [];
    const loader = batchLoader(
      async (inputs: readonly number[]) => {
        batches.push([...inputs]);
        await sleep(ms);
        return inputs.map((i) => i * 2);
      },
      { lingerMs },
    );
    return { loader, batches };
  }

  it('sends the calls made while a batch is under way as the next batch', async () => {
    const { loader, batches } = recording();
    const first = loader.load(1);
    await sleep(5);
    const rest = [loader.load(2), loader.load(3)];
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('sends a call after the batch before it at once, without lingerMs', async () => {
    const { loader, batches } = recording();
    await loader.load(1);
    const second = loader.load(2);
    await sleep(10);
    await Promise.all([second, loader.load(3)]);
    expect(batches).toEqual([[1], [2], [3]]);
  });

  it('gathers a trickle of calls into one batch within lingerMs of the one before', async () => {
    const { loader, batches } = recording(300);
    const started = performance.now();
    await loader.load(1);
    const second = loader.load(2);
    await sleep(10);
    await Promise.all([second, loader.load(3)]);
    expect(batches).toEqual([[1], [2, 3]]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('sends a lone call after a quiet spell at once, with lingerMs', async () => {
    const { loader, batches } = recording(50, 0);
    await loader.load(1);
    await sleep(80);
    const second = loader.load(2);
    await sleep(10);
    await Promise.all([second, loader.load(3)]);
    expect(batches).toEqual([[1], [2], [3]]);
  });
});
