// Cohorts: a static cohort's members kept and paged, a dynamic one's none; all scoped by project.
import { randomUUID } from 'node:crypto';
import { type Kysely } from 'kysely';
import { migrateDatabase } from './database';
import { CohortRepository, type NewCohort } from './repositories/cohort.repository';
import { type Database } from './schema';
import { insertProject, stores } from './stores.spec-helper';

describe.each(stores)('cohort repository on $name', (store) => {
  let db: Kysely<Database>;
  let cleanup: () => Promise<void>;
  let cohorts: CohortRepository;

  beforeAll(async () => {
    ({ db, cleanup } = await store.open());
    await migrateDatabase(db);
    cohorts = new CohortRepository(db);
  });
  afterAll(async () => {
    await db.destroy();
    await cleanup();
  });

  const cohort = (projectId: string, overrides: Partial<NewCohort> = {}): NewCohort => ({
    id: randomUUID(),
    projectId,
    name: 'Stopped at step 2',
    kind: 'people',
    type: 'static',
    definition: { type: 'list' },
    createdBy: 'csm@vendor.example',
    members: [],
    ...overrides,
  });

  it('keeps a static cohort’s members once each and pages them in byte order', async () => {
    const projectId = await insertProject(db);
    // Byte order puts upper case first, whatever the database's collation says.
    const members = [
      'b',
      'a',
      'B',
      'a',
      ...Array.from({ length: 1_500 }, (_, i) => `m${String(i).padStart(4, '0')}`),
    ];
    const saved = await cohorts.create(cohort(projectId, { members }));
    expect(saved).toMatchObject({ project_id: projectId, size: 1_503, created_by: 'csm@vendor.example' });
    expect(saved.definition).toEqual({ type: 'list' });

    const first = await cohorts.members(saved.id, 3);
    expect(first).toEqual(['B', 'a', 'b']);
    expect(await cohorts.members(saved.id, 2, 'b')).toEqual(['m0000', 'm0001']);
    expect(await cohorts.members(saved.id, 10_000)).toHaveLength(1_503);
    expect(await cohorts.findById(projectId, saved.id)).toMatchObject({ id: saved.id, size: 1_503 });
  });

  it('keeps no members for a dynamic cohort, lists newest first and deletes within the project', async () => {
    const projectId = await insertProject(db);
    const older = await cohorts.create(cohort(projectId, { members: ['x'] }));
    const dynamic = await cohorts.create(
      cohort(projectId, {
        name: 'Abandoned export',
        type: 'dynamic',
        definition: {
          type: 'feature_abandoners',
          feature: 'export',
          from: '2024-01-01T00:00:00.000Z',
          to: '2024-02-01T00:00:00.000Z',
          abandonDays: 14,
          aggregateBy: 'user',
        },
        members: ['ignored'],
      }),
    );
    expect(dynamic.size).toBeNull();
    expect(await cohorts.members(dynamic.id, 10)).toEqual([]);
    expect((await cohorts.list(projectId)).map((c) => [c.name, c.size])).toEqual([
      ['Abandoned export', null],
      ['Stopped at step 2', 1],
    ]);

    const other = await insertProject(db);
    expect(await cohorts.findById(other, older.id)).toBeUndefined();
    expect(await cohorts.delete(other, older.id)).toBe(false);
    expect(await cohorts.delete(projectId, older.id)).toBe(true);
    expect(await cohorts.findById(projectId, older.id)).toBeUndefined();
    expect(await cohorts.members(older.id, 10)).toEqual([]);
  });
});
