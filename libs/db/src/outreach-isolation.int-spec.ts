// Every outreach repository keeps a project's rows to that project, and drops them with it.
import { randomUUID } from 'node:crypto';
import { at, created, type OutreachRepositories, outreachStore, T0 } from './outreach.spec-helper';
import { stores } from './stores.spec-helper';

describe.each(stores)('outreach storage on $name', (store) => {
  const { repos, project, insert, suppressedFor, cappedFor, projectWithRule, newTask } = outreachStore(store);
  let db: OutreachRepositories['db'],
    tasks: OutreachRepositories['tasks'],
    templates: OutreachRepositories['templates'],
    content: OutreachRepositories['content'],
    outbox: OutreachRepositories['outbox'],
    suppressions: OutreachRepositories['suppressions'];
  beforeAll(() => {
    ({ db, tasks, templates, content, outbox, suppressions } = repos());
  });

  it('never shows one project’s tasks, templates, content, outbox or suppressions to another', async () => {
    const { projectId, ruleId } = await projectWithRule();
    const other = await project();
    const task = await tasks.create(newTask(projectId, ruleId, 'acme'), created);
    const template = await templates.create(projectId, randomUUID(), {
      name: 'welcome',
      subject: 's',
      html: 'h',
      text: 't',
    });
    const piece = await content.create(projectId, randomUUID(), {
      key: 'k',
      title: 't',
      url: 'u',
      summary: 's',
    });
    const { row } = await insert({
      id: randomUUID(),
      projectId,
      kind: 'csm_alert',
      recipient: 'csm@vendor.io',
      subject: 's',
      html: 'h',
      text: 't',
    });
    await suppressions.add(projectId, 'ann@customer.io', 'bounced');
    const entry = { actor: 'intruder', change: {} };

    expect(await tasks.findLive(other, 'acme', ruleId)).toBeUndefined();
    expect(await tasks.findById(other, task.id)).toBeUndefined();
    expect(await tasks.list(other, { limit: 10 })).toEqual([]);
    expect(await tasks.timeline(other, task.id)).toEqual([]);
    expect(await tasks.update(other, task.id, { status: 'done' }, entry)).toBeUndefined();
    expect(await tasks.addSignal(other, task.id, randomUUID(), entry)).toBeUndefined();
    expect(await tasks.forDigest(other, 'csm@vendor.io', at(-1000), at(1000))).toEqual({
      created: [],
      overdue: [],
    });
    expect(await tasks.assignees(other)).toEqual([]);
    await tasks.update(projectId, task.id, { status: 'dismissed', quietUntil: at(1000) }, created);
    expect(await tasks.findQuieting(other, 'acme', ruleId, T0)).toBeUndefined();
    expect(await tasks.timeline(projectId, task.id)).toHaveLength(2);
    // The other project may have a live task of its own for the same account (and a rule of the same id).
    await tasks.create(newTask(other, null, 'acme'), created);

    expect(await templates.list(other)).toEqual([]);
    expect(await templates.findByName(other, 'welcome')).toBeUndefined();
    expect(await templates.findById(other, template.id)).toBeUndefined();
    expect(await templates.update(other, template.id, { subject: 'x' })).toBeUndefined();
    expect(await templates.delete(other, template.id)).toBe(false);
    expect(await content.list(other)).toEqual([]);
    expect(await content.findByKey(other, 'k')).toBeUndefined();
    expect(await content.findById(other, piece.id)).toBeUndefined();
    expect(await content.update(other, piece.id, { title: 'x' })).toBeUndefined();
    expect(await content.delete(other, piece.id)).toBe(false);
    expect(await outbox.list(other, { limit: 10 })).toEqual([]);
    expect(await outbox.findById(other, row.id)).toBeUndefined();
    expect(await cappedFor(other, 'csm@vendor.io', at(-1000))).toBe(false);
    expect(await suppressedFor(other, 'ann@customer.io')).toBe(false);
    expect(await suppressions.list(other)).toEqual([]);

    // And all of it goes with its project.
    await db.deleteFrom('projects').where('id', '=', projectId).execute();
    expect(await tasks.list(projectId, { limit: 10 })).toEqual([]);
    expect(await db.selectFrom('task_events').select('id').where('task_id', '=', task.id).execute()).toEqual(
      [],
    );
    expect(await templates.list(projectId)).toEqual([]);
    expect(await content.list(projectId)).toEqual([]);
    expect(await outbox.findByIdUnscoped(row.id)).toBeUndefined();
    expect(await suppressions.list(projectId)).toEqual([]);
  });
});
