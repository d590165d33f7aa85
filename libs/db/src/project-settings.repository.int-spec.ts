import { type Kysely } from 'kysely';
import { type ProjectSettings } from '@bindery/contracts';
import { migrateDatabase } from './database';
import { ProjectSettingsRepository } from './repositories/project-settings.repository';
import { type Database } from './schema';
import { insertProject, stores } from './stores.spec-helper';

const WEIGHTS = { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 };

describe.each(stores)('project settings replaced only over what was read, on $name', (store) => {
  let db: Kysely<Database>;
  let cleanup: () => Promise<void>;
  let settings: ProjectSettingsRepository;

  beforeAll(async () => {
    ({ db, cleanup } = await store.open());
    await migrateDatabase(db);
    settings = new ProjectSettingsRepository(db);
  });
  afterAll(async () => {
    await db.destroy();
    await cleanup();
  });

  it('stores the first settings once, and each later change only over the object it read', async () => {
    const projectId = await insertProject(db);
    const first: ProjectSettings = { healthWeights: WEIGHTS, keyFeatures: ['export'], timeZone: 'UTC' };
    expect(await settings.replace(projectId, undefined, first)).toBe(true);
    // Another writer that also read "none stored" lost the race.
    expect(await settings.replace(projectId, undefined, { ...first, atRiskBelow: 30 })).toBe(false);

    const read = await settings.get(projectId);
    expect(read).toEqual(first);
    // The same object with its keys in another order is the same settings.
    const reordered = { timeZone: 'UTC', keyFeatures: ['export'], healthWeights: WEIGHTS };
    expect(await settings.replace(projectId, reordered, { ...first, atRiskBelow: 40 })).toBe(true);
    // A writer that read `first` before that change lost it.
    expect(await settings.replace(projectId, read, { ...first, timeZone: 'Asia/Tokyo' })).toBe(false);
    expect(await settings.get(projectId)).toEqual({ ...first, atRiskBelow: 40 });
  });
});
