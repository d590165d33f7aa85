// The email outbox: written once, claimed, capped, suppressed and listed.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { nth } from '@bindery/testing';
import { type OutboxWrite, SUPPRESSED } from './repositories/outbox.repository';
import { at, conflict, type OutreachRepositories, outreachStore } from './outreach.spec-helper';
import { stores } from './stores.spec-helper';

describe.each(stores)('outbox repository on $name', (store) => {
  const { repos, project, insert, claim, markSent, suppressedFor, cappedFor, createdAt } =
    outreachStore(store);
  let outbox: OutreachRepositories['outbox'], suppressions: OutreachRepositories['suppressions'];
  beforeAll(() => {
    ({ outbox, suppressions } = repos());
  });

  const email = (projectId: string, overrides: Partial<OutboxWrite> = {}): OutboxWrite => ({
    id: randomUUID(),
    projectId,
    signalId: randomUUID(),
    kind: 'training',
    recipient: 'user@customer.io',
    template: 'training',
    subject: 'Export your reports',
    html: '<p>Two clicks</p>',
    text: 'Two clicks',
    headers: { 'List-Unsubscribe': '<https://x/u>' },
    ...overrides,
  });

  /** Claims of rows by one job. */
  const byJob = (ids: string[], holder = 'job-1') => ids.map((id) => ({ id, holder }));

  it('inserts a row once: the same id again returns the stored row', async () => {
    const projectId = await project();
    const input = email(projectId);
    const first = await insert(input);
    expect(first).toEqual({
      created: true,
      row: { id: input.id, project_id: projectId, status: 'pending', skip_reason: null },
    });
    const stored = await outbox.findById(projectId, input.id);
    expect(stored).toEqual({
      id: input.id,
      project_id: projectId,
      signal_id: input.signalId,
      kind: 'training',
      recipient: 'user@customer.io',
      template: 'training',
      subject: 'Export your reports',
      html: '<p>Two clicks</p>',
      text: 'Two clicks',
      headers: { 'List-Unsubscribe': '<https://x/u>' },
      status: 'pending',
      attempts: 0,
      last_error: null,
      skip_reason: null,
      message_id: null,
      created_at: expect.any(Date),
      sending_at: null,
      sending_holder: null,
      sent_at: null,
      from_name: null,
      from_address: null,
    });
    expect(await insert({ ...input, subject: 'Another subject' })).toEqual({
      created: false,
      row: first.row,
    });
    expect(await outbox.findById(projectId, input.id)).toEqual(stored);
    const [a, b] = await Promise.all([insert(email(projectId, { id: input.id })), insert(input)]);
    expect([a.created, b.created]).toEqual([false, false]);

    const bare = await insert({
      ...email(projectId),
      signalId: undefined,
      template: undefined,
      headers: undefined,
    });
    expect(await outbox.findById(projectId, bare.row.id)).toMatchObject({
      signal_id: null,
      template: null,
      headers: {},
    });
    // An id of another project's row is no place to write into.
    await expect(insert(email(await project(), { id: input.id }))).rejects.toEqual(conflict);
  });

  it('claims a pending row, again while it is sending (a retry), and never once it is finished', async () => {
    const projectId = await project();
    const { row } = await insert(email(projectId));

    expect(await markSent(row.id, 'm1')).toBeUndefined();
    expect(await outbox.release(row.id, 'x')).toBeUndefined();
    const claimed = await claim(row.id);
    expect(claimed).toEqual({
      ...(await outbox.findById(projectId, row.id)),
      status: 'sending',
      attempts: 1,
      sending_at: expect.any(Date),
      sending_holder: 'job-1',
      suppressed: false,
    });
    const reclaimed = await claim(row.id);
    expect(reclaimed).toMatchObject({ status: 'sending', attempts: 2 });

    const released = await outbox.release(row.id, 'SMTP 421');
    expect(released).toMatchObject({ status: 'pending', attempts: 2, last_error: 'SMTP 421' });
    expect(await claim(row.id)).toMatchObject({ status: 'sending', attempts: 3 });
    const sent = await markSent(row.id, '<m1@smtp>');
    expect(sent).toMatchObject({ status: 'sent', message_id: '<m1@smtp>', sent_at: expect.any(Date) });
    expect(await claim(row.id)).toBeUndefined();
    expect(await outbox.markFailed(row.id, 'late')).toBeUndefined();
    expect(await outbox.markSkipped(row.id, 'late')).toBeUndefined();
    expect(await outbox.release(row.id, 'late')).toBeUndefined();
    expect(await outbox.findByIdUnscoped(row.id)).toEqual(sent);

    const { row: failing } = await insert(email(projectId));
    await claim(failing.id);
    expect(await outbox.markFailed(failing.id, '550 no such user')).toMatchObject({
      status: 'failed',
      last_error: '550 no such user',
    });
    expect(await claim(failing.id)).toBeUndefined();

    const { row: skipped } = await insert(email(projectId));
    expect(await outbox.markSkipped(skipped.id, 'suppressed')).toMatchObject({
      status: 'skipped',
      skip_reason: 'suppressed',
      attempts: 0,
    });
    expect(await claim(skipped.id)).toBeUndefined();
    expect(await markSent(skipped.id, 'm')).toBeUndefined();
    expect(await claim(randomUUID())).toBeUndefined();
  });

  it('caps the frequency: a recent row of the kind to the recipient counts, unless skipped or failed', async () => {
    const projectId = await project();
    const to = 'user@customer.io';
    const capped = () => cappedFor(projectId, to, at(-72));
    expect(await capped()).toBe(false);

    const old = await insert(email(projectId));
    await createdAt('email_outbox', old.row.id, at(-73));
    await insert(email(projectId, { kind: 'csm_alert' }));
    await insert(email(projectId, { recipient: 'other@customer.io' }));
    const skipped = await insert(email(projectId));
    await outbox.markSkipped(skipped.row.id, 'suppressed');
    const failed = await insert(email(projectId));
    await outbox.markFailed(failed.row.id, '550');
    for (const id of [skipped.row.id, failed.row.id]) await createdAt('email_outbox', id, at(-1));
    expect(await capped()).toBe(false);

    const recent = await insert(email(projectId));
    await createdAt('email_outbox', recent.row.id, at(-72));
    expect(await capped()).toBe(true);
    await claim(recent.row.id);
    await markSent(recent.row.id, 'm');
    expect(await capped()).toBe(true);
    expect(await cappedFor(projectId, to, at(-71))).toBe(false);
    expect(await cappedFor(await project(), to, at(-72))).toBe(false);
  });

  it('keeps the sender an email was written with, for the claim that sends it', async () => {
    const projectId = await project();
    const named = await insert(email(projectId, { from: { name: 'Acme', address: 'hi@acme.example' } }));
    const bare = await insert(email(projectId, { from: { name: null, address: 'hi@acme.example' } }));
    const claimed = await outbox.advance({ claim: byJob([named.row.id, bare.row.id]) });

    expect(
      claimed
        .map((r) => [r.id, r.from_name, r.from_address])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual(
      [
        [named.row.id, 'Acme', 'hi@acme.example'],
        [bare.row.id, null, 'hi@acme.example'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('tells what a write would do without writing: taken ids, suppression, the cap, the reason', async () => {
    const projectId = await project();
    await suppressions.add(projectId, 'gone@customer.io', 'unsubscribed');
    const taken = await insert(email(projectId, { recipient: 'taken@customer.io' }));
    const cap = { since: at(-24), reason: 'capped' };
    const batch: OutboxWrite[] = [
      email(projectId, { id: taken.row.id, recipient: 'taken@customer.io' }),
      email(projectId, { recipient: 'Gone@customer.io', cap }),
      email(projectId, { recipient: 'twice@customer.io', cap }),
      email(projectId, { recipient: 'twice@customer.io', cap }),
      email(projectId, { recipient: 'reason@customer.io', skipReason: 'no content' }),
    ];
    const rowsBefore = (await outbox.list(projectId, { limit: 100 })).length;

    expect(await outbox.preflight(batch)).toEqual(['exists', 'suppressed', 'pending', 'capped', 'skipped']);
    expect(await outbox.list(projectId, { limit: 100 })).toHaveLength(rowsBefore);
    const written = await outbox.write(batch);
    expect(
      written.map((w) => (w instanceof Error ? w : [w.created, w.row.status, w.row.skip_reason])),
    ).toEqual([
      [false, 'pending', null],
      [true, 'skipped', SUPPRESSED],
      [true, 'pending', null],
      [true, 'skipped', 'capped'],
      [true, 'skipped', 'no content'],
    ]);
  });

  it('writes many at once: suppression first, then the cap (earlier emails of the call count), then the skip reason', async () => {
    const projectId = await project();
    await suppressions.add(projectId, 'gone@customer.io', 'unsubscribed');
    const cap = { since: at(-24), reason: 'capped' };
    const batch: OutboxWrite[] = [
      email(projectId, { recipient: 'ann@customer.io', cap }),
      email(projectId, { recipient: 'ann@customer.io', cap }),
      email(projectId, { recipient: 'ann@customer.io', kind: 'csm_alert' }),
      email(projectId, { recipient: 'bob@customer.io', cap, skipReason: 'no content' }),
      email(projectId, { recipient: 'bob@customer.io', cap }),
      email(projectId, { recipient: 'Gone@Customer.io', cap, skipReason: 'no content' }),
      email(projectId, { recipient: 'gone@customer.io', kind: 'csm_alert' }),
    ];
    const written = await outbox.write(batch);
    expect(written.map((w) => !(w instanceof Error) && [w.created, w.row.status, w.row.skip_reason])).toEqual(
      [
        [true, 'pending', null],
        [true, 'skipped', 'capped'],
        [true, 'pending', null],
        [true, 'skipped', 'no content'],
        [true, 'pending', null],
        [true, 'skipped', SUPPRESSED],
        [true, 'skipped', SUPPRESSED],
      ],
    );

    // Written once: the same ids again, and an id twice in one call, return the stored rows.
    const again = await outbox.write([nth(batch, 1), nth(batch, 0), nth(batch, 0)]);
    expect(again).toEqual([
      { created: false, row: (written[1] as { row: unknown }).row },
      { created: false, row: (written[0] as { row: unknown }).row },
      { created: false, row: (written[0] as { row: unknown }).row },
    ]);
    const twice = email(projectId, { recipient: 'cy@customer.io', cap });
    const [first, second] = await outbox.write([twice, { ...twice, subject: 'other' }]);
    expect([first, second]).toMatchObject([
      { created: true, row: { id: twice.id, status: 'pending' } },
      { created: false, row: { id: twice.id, status: 'pending' } },
    ]);
    expect(await outbox.findById(projectId, twice.id)).toMatchObject({ subject: 'Export your reports' });

    // Another project's id fails that email alone.
    const [mine, theirs] = await outbox.write([
      email(projectId, { recipient: 'dee@customer.io' }),
      email(await project(), { id: nth(batch, 0).id }),
    ]);
    expect(mine).toMatchObject({ created: true, row: { status: 'pending' } });
    expect(theirs).toEqual(conflict);
  });

  it('lets one of two concurrent writers pass the cap', async () => {
    const projectId = await project();
    const cap = { since: at(-24), reason: 'capped' };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => outbox.write([email(projectId, { cap })])),
    );
    const statuses = results.flat().map((w) => !(w instanceof Error) && w.row.status);
    expect(statuses.filter((s) => s === 'pending')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'skipped')).toHaveLength(5);
  });

  it('claims a row for one job at a time: the holder again, never another while it sends', async () => {
    const projectId = await project();
    const { row } = await insert(email(projectId));

    expect(await claim(row.id, 'job-a')).toMatchObject({ status: 'sending', sending_holder: 'job-a' });
    // Another job naming the row (it was queued again in another batch) leaves it to the one sending it.
    expect(await claim(row.id, 'job-b')).toBeUndefined();
    // The holder's retry after a crash takes it again.
    expect(await claim(row.id, 'job-a')).toMatchObject({ sending_holder: 'job-a', attempts: 2 });
    // Released for a retry, any job may take it.
    expect(await outbox.release(row.id, 'SMTP 421')).toMatchObject({
      status: 'pending',
      sending_holder: null,
    });
    expect(await claim(row.id, 'job-b')).toMatchObject({ sending_holder: 'job-b', attempts: 3 });
    expect(await claim(row.id, 'job-a')).toBeUndefined();

    // Two jobs naming one pending row in one statement: the first takes it, for itself alone.
    const { row: shared } = await insert(email(projectId));
    const taken = await outbox.advance({
      claim: [
        { id: shared.id, holder: 'job-c' },
        { id: shared.id, holder: 'job-d' },
      ],
    });
    expect(taken.map((r) => [r.id, r.sending_holder, r.attempts])).toEqual([[shared.id, 'job-c', 1]]);
  });

  it('finds the holders of rows sending since a time through an index of the sending rows', async () => {
    const { db } = repos();
    const projectId = await project();
    const rows = await Promise.all([1, 2, 3, 4].map(async () => (await insert(email(projectId))).row.id));
    await claim(rows[0]!, 'job-x');
    await claim(rows[1]!, 'job-x');
    await claim(rows[2]!, 'job-y');
    await markSent(rows[2]!, '<y@mail>');
    const later = new Date(Date.now() + 60_000);
    // Other specs' rows share the table: only this project's holders are looked for.
    expect((await outbox.heldSince(later, 10_000)).filter((h) => h === 'job-x' || h === 'job-y')).toEqual([
      'job-x',
    ]);
    expect(await outbox.heldSince(new Date(Date.now() - 60_000))).not.toContain('job-x');

    // With sequential scans priced out, the planner reads the partial index: it serves the query's condition.
    const plan = await db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows: lines } = await sql<{ 'QUERY PLAN': string }>`explain select distinct sending_holder
        from email_outbox where status = 'sending' and sending_at < ${later} limit 500`.execute(trx);
      return lines.map((l) => l['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(
      /Index (Only )?Scan (using|on) email_outbox_sending|Bitmap Index Scan on email_outbox_sending/,
    );
  });

  it('claims and marks sent many rows in one statement, never both to one row', async () => {
    const projectId = await project();
    const rows = await Promise.all([1, 2, 3].map(async () => (await insert(email(projectId))).row));
    const [a, b, c] = [nth(rows, 0).id, nth(rows, 1).id, nth(rows, 2).id];
    const done = await insert(email(projectId));
    await outbox.markSkipped(done.row.id, 'capped');
    const claimed = await outbox.advance({ claim: byJob([a, b, c, done.row.id, randomUUID()]) });
    expect(claimed.map((r) => r.id).sort()).toEqual([a, b, c].sort());

    const retaken = await outbox.advance({
      sent: [
        { id: a, messageId: '<a@smtp>' },
        { id: c, messageId: '<c@smtp>' },
        { id: done.row.id, messageId: '<x@smtp>' },
      ],
      claim: byJob([b, a]),
    });
    expect(retaken).toEqual([expect.objectContaining({ id: b, status: 'sending', attempts: 2 })]);
    const state = async (id: string) => {
      const row = await outbox.findById(projectId, id);
      return [row?.status, row?.message_id, row?.attempts];
    };
    expect(await state(a)).toEqual(['sent', '<a@smtp>', 1]);
    expect(await state(b)).toEqual(['sending', null, 2]);
    expect(await state(c)).toEqual(['sent', '<c@smtp>', 1]);
    expect(await state(done.row.id)).toEqual(['skipped', null, 0]);
  });

  it('shows a suppression in the claim and in new rows, whatever the case', async () => {
    const projectId = await project();
    const { row } = await insert(email(projectId, { recipient: 'Dee@Customer.io' }));
    expect(row.status).toBe('pending');
    await suppressions.add(projectId, 'dee@customer.io', 'unsubscribed');
    expect(await suppressedFor(projectId, 'Dee@Customer.io')).toBe(true);
    expect(await suppressedFor(await project(), 'dee@customer.io')).toBe(false);
    expect(await claim(row.id)).toMatchObject({ status: 'sending', suppressed: true });
  });

  it('lists a project’s rows newest first, a page at a time, with filters', async () => {
    const projectId = await project();
    const ids: string[] = [];
    for (let h = 0; h < 5; h++) {
      const { row } = await insert(email(projectId, { recipient: h % 2 ? 'odd@x.io' : 'even@x.io' }));
      await createdAt('email_outbox', row.id, at(h));
      ids.push(row.id);
    }
    const tie = await insert(email(projectId));
    await createdAt('email_outbox', tie.row.id, at(4));
    await outbox.markSkipped(nth(ids, 1), 'capped');

    const all = await outbox.list(projectId, { limit: 100 });
    expect(all.map((r) => r.created_at)).toEqual([at(4), at(4), at(3), at(2), at(1), at(0)]);
    expect(nth(all, 0).id > nth(all, 1).id).toBe(true);

    const pages: string[][] = [];
    let before: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const page = await outbox.list(projectId, { limit: 4, before });
      if (page.length === 0) break;
      pages.push(page.map((r) => r.id));
      const last = nth(page, -1);
      before = { createdAt: last.created_at, id: last.id };
    }
    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    expect(pages.flat()).toEqual(all.map((r) => r.id));

    expect((await outbox.list(projectId, { recipient: 'odd@x.io', limit: 100 })).map((r) => r.id)).toEqual([
      ids[3],
      ids[1],
    ]);
    expect(await outbox.list(projectId, { status: 'skipped', limit: 100 })).toMatchObject([
      { id: ids[1], skip_reason: 'capped' },
    ]);
    expect(await outbox.findById(projectId, nth(ids, 0))).toEqual(all[5]);
  });
});
