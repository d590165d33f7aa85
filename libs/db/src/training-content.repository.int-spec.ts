// Training content: created, listed by key, found, updated and deleted per project.
import { randomUUID } from 'node:crypto';
import { conflict, type OutreachRepositories, outreachStore } from './outreach.spec-helper';
import { stores } from './stores.spec-helper';

describe.each(stores)('training content repository on $name', (store) => {
  const { repos, project } = outreachStore(store);
  let content: OutreachRepositories['content'];
  beforeAll(() => {
    ({ content } = repos());
  });

  it('creates, lists by key, finds, updates and deletes training content; a duplicate key is a Conflict', async () => {
    const projectId = await project();
    const fields = {
      key: 'Report Exported',
      title: 'Exporting reports',
      url: 'https://help.example.com/export',
      summary: 'Two clicks to a CSV',
    };
    const report = await content.create(projectId, randomUUID(), fields);
    expect(report).toEqual({
      id: report.id,
      project_id: projectId,
      ...fields,
      created_at: expect.any(Date),
      updated_at: expect.any(Date),
    });
    const step = await content.create(projectId, randomUUID(), { ...fields, key: 'funnel:f1:step:2' });
    await expect(content.create(projectId, randomUUID(), fields)).rejects.toEqual(conflict);

    expect((await content.list(projectId)).map((c) => c.key)).toEqual([
      'Report Exported',
      'funnel:f1:step:2',
    ]);
    expect(await content.findByKey(projectId, 'funnel:f1:step:2')).toEqual(step);
    expect(await content.findById(projectId, report.id)).toEqual(report);
    expect(await content.findByKey(projectId, 'nope')).toBeUndefined();

    const changed = await content.update(projectId, step.id, { url: 'https://help.example.com/step' });
    expect(changed).toEqual({
      ...step,
      url: 'https://help.example.com/step',
      updated_at: expect.any(Date),
    });
    await expect(content.update(projectId, step.id, { key: 'Report Exported' })).rejects.toEqual(conflict);
    expect(await content.update(projectId, randomUUID(), { title: 'x' })).toBeUndefined();

    expect(await content.delete(projectId, report.id)).toBe(true);
    expect(await content.delete(projectId, report.id)).toBe(false);
    expect(await content.list(projectId)).toEqual([changed]);
  });
});
