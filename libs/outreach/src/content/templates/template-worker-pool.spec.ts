import { TEMPLATE_LIMITS } from './template-limits';
import { SAMPLE_CONTEXT } from './template-renderer';
import { TemplateWorkerPool } from './template-worker-pool';

const TEMPLATE = { subject: 'Hi {{user.name}}', html: '<p>{{user.name}}</p>', text: '{{user.name}}' };
/** Just under the limits: 64 KB of blocks nested 20 deep, which takes Handlebars a while to compile. */
const unit = '{{#if user.name}}'.repeat(20) + '{{user.name}}' + '{{/if}}'.repeat(20);
const HEAVY = unit.repeat(Math.floor(TEMPLATE_LIMITS.maxBytes / unit.length));
/**
 * A job far over 250 ms whatever the machine, within every other limit: 999 turns of a loop (the limit is
 * 1,000) over a body of blocks 19 deep (the loop makes 20) that fills the size limit and writes nothing.
 * A heavy compile alone took from 0.2 s to most of a second, on either side of the limit.
 */
const blocks = '{{#if @root.user.name}}'.repeat(19) + '{{/if}}'.repeat(19);
const LOOP = ['{{#each items}}', '{{/each}}'];
const SLOW = {
  template: {
    ...TEMPLATE,
    html:
      LOOP[0] +
      blocks.repeat(Math.floor((TEMPLATE_LIMITS.maxBytes - LOOP.join('').length) / blocks.length)) +
      LOOP[1],
  },
  context: { ...SAMPLE_CONTEXT, items: Array.from({ length: 999 }, (_, i) => i) },
  strict: true,
};

describe('TemplateWorkerPool', () => {
  let pool: TemplateWorkerPool | undefined;
  afterEach(() => pool?.close());

  it('renders in a worker thread while the event loop stays free', async () => {
    pool = new TemplateWorkerPool({ workers: 1, timeLimitMs: 10_000, heapMb: 256 });
    await pool.run({ template: TEMPLATE, context: SAMPLE_CONTEXT, strict: true });
    let ticks = 0;
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
    }, 5);
    const started = performance.now();
    const outcome = await pool.run({
      template: { ...TEMPLATE, html: HEAVY },
      context: SAMPLE_CONTEXT,
      strict: true,
    });
    const took = performance.now() - started;
    clearInterval(timer);

    expect(outcome).toMatchObject({ ok: true, email: { subject: 'Hi Ann Lee' } });
    // The compile took long enough to be seen; the main thread ticked all along.
    expect(took).toBeGreaterThan(30);
    expect(ticks).toBeGreaterThan(2);
    expect(longest).toBeLessThan(100);
  });

  it('stops a worker at the time limit, names the part, and carries on with a new worker', async () => {
    // The small subject stays far below the limit even on a loaded machine (at 20 ms, a subject once ran
    // out of time there).
    pool = new TemplateWorkerPool({ workers: 1, timeLimitMs: 250, heapMb: 256 });
    await pool.run({ template: TEMPLATE, context: SAMPLE_CONTEXT, strict: true });

    const slow = pool.run(SLOW);
    const next = pool.run({ template: TEMPLATE, context: SAMPLE_CONTEXT, strict: false });

    expect(await slow).toEqual({
      ok: false,
      failure: {
        kind: 'limit',
        part: 'html',
        limit: 'time',
        max: 250,
        message: 'html: takes longer than 250 ms to compile and render; at most 250 ms',
      },
    });
    expect(await next).toMatchObject({ ok: true, email: { html: '<p>Ann Lee</p>' } });
  });

  it('times each job of a batch on its own: the slow one is refused, the others of its batch render', async () => {
    pool = new TemplateWorkerPool({ workers: 1, timeLimitMs: 250, heapMb: 256 });
    const named = (name: string) => ({ template: TEMPLATE, context: { user: { name } }, strict: false });
    // The worker is busy with the first job while the next three queue: they go to it as one batch.
    const first = pool.run(named('first'));
    const queued = [
      pool.run(named('before')),
      pool.run(SLOW),
      pool.run(named('after')),
    ];

    expect(await first).toMatchObject({ ok: true, email: { text: 'first' } });
    const [before, slow, after] = await Promise.all(queued);
    expect(before).toMatchObject({ ok: true, email: { text: 'before' } });
    expect(slow).toMatchObject({ ok: false, failure: { part: 'html', limit: 'time', max: 250 } });
    expect(after).toMatchObject({ ok: true, email: { text: 'after' } });
  });

  it('refuses a render that runs out of the worker heap, and carries on', async () => {
    pool = new TemplateWorkerPool({ workers: 1, timeLimitMs: 30_000, heapMb: 32 });
    // Each of the 4,000 mustaches escapes the 100 KB trait into a string of its own: 400 MB.
    const context = { ...SAMPLE_CONTEXT, user: { ...SAMPLE_CONTEXT.user, bio: '<'.repeat(100_000) } };
    const outcome = await pool.run({
      template: { ...TEMPLATE, html: '{{user.bio}}'.repeat(4_000) },
      context,
      strict: false,
    });

    expect(outcome).toMatchObject({ ok: false, failure: { part: 'html', limit: 'memory' } });
    expect(await pool.run({ template: TEMPLATE, context: SAMPLE_CONTEXT, strict: false })).toMatchObject({
      ok: true,
    });
  });

  it('runs jobs side by side on its workers, and refuses new ones once closed', async () => {
    pool = new TemplateWorkerPool({ workers: 2, timeLimitMs: 10_000, heapMb: 256 });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        pool!.run({ template: TEMPLATE, context: { user: { name: `u${i}` } }, strict: false }),
      ),
    );

    expect(outcomes.map((o) => (o.ok ? o.email.text : o.failure.message))).toEqual(
      Array.from({ length: 50 }, (_, i) => `u${i}`),
    );
    await pool.close();
    await expect(pool.run({ template: TEMPLATE, context: {}, strict: false })).rejects.toThrow(/closed/);
  });
});
