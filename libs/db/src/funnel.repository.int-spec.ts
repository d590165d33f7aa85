import { randomUUID } from 'node:crypto';
import { type Kysely } from 'kysely';
import { DomainError } from '@bindery/contracts';
import { migrateDatabase } from './database';
import { type FunnelFields, FunnelRepository } from './repositories/funnel.repository';
import { ProjectRepository } from './repositories/project.repository';
import { RuleRepository } from './repositories/rule.repository';
import { stores } from './stores.spec-helper';
import { type Database } from './schema';

const fields = (name: string, overrides: Partial<FunnelFields> = {}): FunnelFields => ({
  name,
  description: '',
  definition: {
    steps: [
      { event: 'Signed Up' },
      { event: 'Report Exported', where: { format: 'csv', rows: { op: 'gte', value: 10 }, beta: true } },
    ],
    windowSeconds: 86_400,
    order: 'ordered',
    aggregateBy: 'user',
  },
  ...overrides,
});

const conflict = expect.objectContaining({ code: 'conflict' }) as DomainError;

describe.each(stores)('saved funnels on $name', (store) => {
  let db: Kysely<Database>;
  let cleanup: () => Promise<void>;
  let funnels: FunnelRepository;
  let projects: ProjectRepository;

  beforeAll(async () => {
    ({ db, cleanup } = await store.open());
    await migrateDatabase(db);
    funnels = new FunnelRepository(db);
    projects = new ProjectRepository(db, new RuleRepository(db));
  });
  afterAll(async () => {
    await db.destroy();
    await cleanup();
  });

  async function project(): Promise<string> {
    const p = await projects.createWithKeys({
      organization: { id: randomUUID(), name: 'Org' },
      project: { id: randomUUID(), name: 'P' },
      keys: [{ id: randomUUID(), kind: 'secret', keyHash: randomUUID(), keyHint: 'sk' }],
    });
    return p.id;
  }

  it('creates a funnel and reads its definition back as it was written', async () => {
    const projectId = await project();
    const id = randomUUID();
    const created = await funnels.create(projectId, id, fields('Activation', { description: 'First week' }));
    expect(created).toEqual({
      id,
      project_id: projectId,
      name: 'Activation',
      description: 'First week',
      definition: fields('Activation').definition,
      created_at: expect.any(Date),
      updated_at: expect.any(Date),
    });
    expect(await funnels.findById(projectId, id)).toEqual(created);
  });

  it('lists a project’s funnels by name, and only that project’s', async () => {
    const a = await project();
    const b = await project();
    for (const name of ['checkout', 'activation', 'onboarding'])
      await funnels.create(a, randomUUID(), fields(name));
    await funnels.create(b, randomUUID(), fields('billing'));
    expect((await funnels.findByProject(a)).map((f) => f.name)).toEqual([
      'activation',
      'checkout',
      'onboarding',
    ]);
    expect((await funnels.findByProject(b)).map((f) => f.name)).toEqual(['billing']);
    expect(await funnels.findByProject(randomUUID())).toEqual([]);
  });

  it('refuses a second funnel of the same name in a project as a Conflict, not in another project', async () => {
    const a = await project();
    const b = await project();
    await funnels.create(a, randomUUID(), fields('Activation'));
    await expect(funnels.create(a, randomUUID(), fields('Activation'))).rejects.toEqual(conflict);
    await expect(funnels.create(a, randomUUID(), fields('Activation'))).rejects.toBeInstanceOf(DomainError);
    await funnels.create(b, randomUUID(), fields('Activation'));
    expect(await funnels.findByProject(a)).toHaveLength(1);
  });

  it('keeps other failures as they are: a funnel of an unknown project is no Conflict', async () => {
    await expect(funnels.create(randomUUID(), randomUUID(), fields('Orphan'))).rejects.toMatchObject({
      code: '23503',
    });
  });

  it('replaces a funnel’s fields and moves updated_at, within its project only', async () => {
    const a = await project();
    const b = await project();
    const id = randomUUID();
    const created = await funnels.create(a, id, fields('Activation', { description: 'old' }));
    const replacement = fields('Activation v2', {
      definition: {
        steps: [{ event: 'A' }, { event: 'B' }, { event: 'C' }],
        windowSeconds: 60,
        order: 'strict',
        aggregateBy: 'account',
      },
    });

    expect(await funnels.update(b, id, replacement)).toBeUndefined();
    expect(await funnels.findById(a, id)).toEqual(created);

    const updated = await funnels.update(a, id, replacement);
    expect(updated).toMatchObject({ id, project_id: a, ...replacement, created_at: created.created_at });
    expect(updated!.updated_at.getTime()).toBeGreaterThanOrEqual(created.updated_at.getTime());
    expect(await funnels.findById(a, id)).toEqual(updated);
    expect(await funnels.update(a, randomUUID(), replacement)).toBeUndefined();
  });

  it('refuses to rename a funnel to a name its project already uses', async () => {
    const a = await project();
    const id = randomUUID();
    await funnels.create(a, randomUUID(), fields('Taken'));
    await funnels.create(a, id, fields('Free'));
    await expect(funnels.update(a, id, fields('Taken'))).rejects.toEqual(conflict);
    expect(await funnels.findById(a, id)).toMatchObject({ name: 'Free' });
  });

  it('deletes a funnel of its project only, and says whether there was one', async () => {
    const a = await project();
    const b = await project();
    const id = randomUUID();
    await funnels.create(a, id, fields('Activation'));
    expect(await funnels.delete(b, id)).toBe(false);
    expect(await funnels.findById(a, id)).toBeDefined();
    expect(await funnels.findById(b, id)).toBeUndefined();
    expect(await funnels.delete(a, id)).toBe(true);
    expect(await funnels.findById(a, id)).toBeUndefined();
    expect(await funnels.delete(a, id)).toBe(false);
  });

  it('deletes a project’s funnels with the project', async () => {
    const a = await project();
    await funnels.create(a, randomUUID(), fields('Activation'));
    await db.deleteFrom('projects').where('id', '=', a).execute();
    expect(await funnels.findByProject(a)).toEqual([]);
  });
});
