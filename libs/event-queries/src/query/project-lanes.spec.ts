import { ProjectLanes } from './project-lanes';

/** A query that ends when told to, and records that it started. */
function gate(started: string[], name: string) {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  return { run: () => (started.push(name), ended.then(() => name)), end };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ProjectLanes', () => {
  it('runs `perProject` queries of a project at once, the rest in turn, and other projects beside them', async () => {
    const lanes = new ProjectLanes(1);
    const started: string[] = [];
    const [a1, a2, a3, b1] = [
      gate(started, 'a1'),
      gate(started, 'a2'),
      gate(started, 'a3'),
      gate(started, 'b1'),
    ];

    const answers = [
      lanes.run('a', a1.run),
      lanes.run('a', a2.run),
      lanes.run('a', a3.run),
      lanes.run('b', b1.run),
    ];
    await tick();
    expect(started).toEqual(['a1', 'b1']);

    a1.end();
    await tick();
    expect(started).toEqual(['a1', 'b1', 'a2']);
    a2.end();
    a3.end();
    b1.end();
    expect(await Promise.all(answers)).toEqual(['a1', 'a2', 'a3', 'b1']);
  });

  it('hands the lane on when a query fails', async () => {
    const lanes = new ProjectLanes(1);
    const failed = lanes.run('a', () => Promise.reject(new Error('boom')));
    const next = lanes.run('a', () => Promise.resolve('next'));

    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('next');
  });
});
