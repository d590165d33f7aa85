// Email templates: created, listed by name, found, updated and deleted per project.
import { randomUUID } from 'node:crypto';
import { conflict, type OutreachRepositories, outreachStore } from './outreach.spec-helper';
import { stores } from './stores.spec-helper';

describe.each(stores)('email template repository on $name', (store) => {
  const { repos, project } = outreachStore(store);
  let templates: OutreachRepositories['templates'];
  beforeAll(() => {
    ({ templates } = repos());
  });

  it('creates, lists by name, finds, updates and deletes templates; a duplicate name is a Conflict', async () => {
    const projectId = await project();
    const fields = { name: 'welcome', subject: 'Hi {{name}}', html: '<p>Hi</p>', text: 'Hi' };
    const welcome = await templates.create(projectId, randomUUID(), fields);
    expect(welcome).toEqual({
      id: welcome.id,
      project_id: projectId,
      ...fields,
      created_at: expect.any(Date),
      updated_at: expect.any(Date),
    });
    const alert = await templates.create(projectId, randomUUID(), { ...fields, name: 'alert' });
    await expect(templates.create(projectId, randomUUID(), fields)).rejects.toEqual(conflict);

    expect((await templates.list(projectId)).map((t) => t.name)).toEqual(['alert', 'welcome']);
    expect(await templates.findByName(projectId, 'welcome')).toEqual(welcome);
    expect(await templates.findById(projectId, alert.id)).toEqual(alert);
    expect(await templates.findByName(projectId, 'nope')).toBeUndefined();

    const changed = await templates.update(projectId, welcome.id, { subject: 'Hello', text: 'Hello' });
    expect(changed).toEqual({ ...welcome, subject: 'Hello', text: 'Hello', updated_at: expect.any(Date) });
    await expect(templates.update(projectId, alert.id, { name: 'welcome' })).rejects.toEqual(conflict);
    expect(await templates.update(projectId, randomUUID(), { name: 'x' })).toBeUndefined();

    expect(await templates.delete(projectId, alert.id)).toBe(true);
    expect(await templates.delete(projectId, alert.id)).toBe(false);
    expect(await templates.list(projectId)).toEqual([changed]);
    await templates.create(await project(), randomUUID(), fields);
  });
});
