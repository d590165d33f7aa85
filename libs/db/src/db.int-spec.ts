import { randomUUID } from 'node:crypto';
import { type Kysely } from 'kysely';
import { migrateDatabase } from './database';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { AuditRepository } from './repositories/audit.repository';
import { ProjectRepository } from './repositories/project.repository';
import { RuleRepository } from './repositories/rule.repository';
import { stores } from './stores.spec-helper';
import { type Database } from './schema';

describe.each(stores)('operational database on $name', (store) => {
  let db: Kysely<Database>;
  let cleanup: () => Promise<void>;
  let projects: ProjectRepository;
  let keys: ApiKeyRepository;

  beforeAll(async () => {
    ({ db, cleanup } = await store.open());
    expect(await migrateDatabase(db)).toEqual([
      '0001-projects',
      '0002-funnels',
      '0003-rules',
      '0004-project-settings',
      '0005-outreach',
      '0006-signal-lifecycle',
      '0007-health-basis',
      '0008-people',
      '0009-team',
      '0010-outcomes',
      '0011-voice',
      '0012-health-scored-at',
      '0013-feedback',
      '0014-goals',
      '0015-cohorts',
      '0016-email-from',
      '0017-email-opens',
      '0018-account-health-latest',
      '0019-outbox-holder',
      '0020-outbox-sending-index',
      '0021-person-deletion-names',
    ]);
    projects = new ProjectRepository(db, new RuleRepository(db));
    keys = new ApiKeyRepository(db);
  });
  afterAll(async () => {
    await db.destroy();
    await cleanup();
  });

  const key = (kind: 'write' | 'secret', hash: string) => ({
    id: randomUUID(),
    kind,
    keyHash: hash,
    keyHint: hash.slice(0, 4),
  });

  it('migrates once: a second run applies nothing', async () => {
    expect(await migrateDatabase(db)).toEqual([]);
  });

  it('creates a project with its keys in one organization and finds keys by hash', async () => {
    const a = await projects.createWithKeys({
      organization: { id: randomUUID(), name: 'Org' },
      project: { id: randomUUID(), name: 'A' },
      keys: [key('write', 'wa'), key('secret', 'sa')],
    });
    const b = await projects.createWithKeys({
      organization: { id: randomUUID(), name: 'Org' },
      project: { id: randomUUID(), name: 'B' },
      keys: [key('write', 'wb'), key('secret', 'sb')],
    });
    expect(b.organization_id).toBe(a.organization_id);
    expect(await projects.findById(a.id)).toMatchObject({ id: a.id, name: 'A' });
    expect(await keys.findActiveByHash('sa')).toMatchObject({ project_id: a.id, kind: 'secret' });
    expect(await keys.findActiveByHash('wb')).toMatchObject({ project_id: b.id, kind: 'write' });
    expect(await keys.findActiveByHash('nope')).toBeUndefined();
  });

  it('replacing a key revokes the old one of that kind only, atomically', async () => {
    const p = await projects.createWithKeys({
      organization: { id: randomUUID(), name: 'Org' },
      project: { id: randomUUID(), name: 'C' },
      keys: [key('write', 'wc'), key('secret', 'sc')],
    });
    expect(await keys.replace(p.id, key('write', 'wc2'))).toEqual(['wc']);
    expect(await keys.findActiveByHash('wc')).toBeUndefined();
    expect(await keys.findActiveByHash('wc2')).toMatchObject({ project_id: p.id });
    expect(await keys.findActiveByHash('sc')).toMatchObject({ project_id: p.id });
  });

  it('refuses two keys with the same hash and leaves no half-created project', async () => {
    const id = randomUUID();
    await expect(
      projects.createWithKeys({
        organization: { id: randomUUID(), name: 'Org' },
        project: { id, name: 'D' },
        keys: [key('write', 'wa')],
      }),
    ).rejects.toThrow();
    expect(await projects.findById(id)).toBeUndefined();
  });

  it('keeps an audit trail per project', async () => {
    const p = await projects.createWithKeys({
      organization: { id: randomUUID(), name: 'Org' },
      project: { id: randomUUID(), name: 'E' },
      keys: [key('write', 'we')],
    });
    const audit = new AuditRepository(db);
    await audit.record({
      projectId: p.id,
      actor: 'admin',
      action: 'key.rotated',
      details: { kind: 'write' },
    });
    expect(await audit.listByProject(p.id)).toEqual([
      { actor: 'admin', action: 'key.rotated', details: { kind: 'write' }, created_at: expect.any(Date) },
    ]);
  });
});
