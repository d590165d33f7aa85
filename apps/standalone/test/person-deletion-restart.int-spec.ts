import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import { type CreatedProject, type PersonDeletion, type StoredEvent } from '@bindery/contracts';
import { type Database } from '@bindery/db';
import {
  basic,
  bearer,
  createPostgresSchema,
  getJson,
  postJson,
  startTestApp,
  type TestApp,
  type TestSchema,
  until,
  waitForEvents,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

/**
 * A process stopped in the middle of a deletion (waiting for ingest to see the suppression), and Redis lost
 * its job: the next process finds the unfinished row at start-up and finishes the deletion.
 */
describe('person deletion across a restart', () => {
  let schema: TestSchema;
  let first: TestApp | undefined;
  let second: TestApp | undefined;
  let db: Kysely<Database>;

  const start = () =>
    startTestApp((config) => StandaloneModule.forRoot(config), {
      DATABASE_URL: schema.url,
      RULES_INTERVAL_SECONDS: '0',
      QUEUE_PREFIX: `restart-${randomUUID()}`,
    });

  beforeAll(async () => {
    schema = await createPostgresSchema();
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new Pool({ connectionString: schema.url }) }),
    });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await db.destroy();
    await schema.drop();
  }, 120_000);

  it('finishes the deletion after the restart', async () => {
    first = await start();
    const project: CreatedProject = await first.createProject('restart');
    const sent = await postJson(
      `${first.url}/v1/batch`,
      {
        batch: [
          { type: 'identify', userId: 'leaving', traits: { email: 'leaving@example.com' }, messageId: 'r-1' },
          { type: 'track', event: 'Opened', userId: 'leaving', messageId: 'r-2' },
          { type: 'track', event: 'Opened', userId: 'staying', messageId: 'r-3' },
        ],
      },
      { authorization: basic(project.writeKey) },
    );
    expect(sent.status).toBe(200);
    await waitForEvents(first, project, 3);

    const res = await fetch(`${first.url}/v1/projects/${project.id}/people/leaving?suppress=true`, {
      method: 'DELETE',
      headers: { authorization: bearer(project.secretKey) },
    });
    expect(res.status).toBe(202);
    const deletion = (await res.json()) as PersonDeletion;
    await first.close();
    first = undefined;
    const row = await db
      .selectFrom('person_deletions')
      .select(['state', 'ids'])
      .where('id', '=', deletion.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: expect.stringMatching(/^(queued|running)$/), ids: ['leaving'] });

    second = await start();
    const done = await until(
      'the deletion to finish after the restart',
      () =>
        getJson<PersonDeletion>(
          `${second!.url}/v1/projects/${project.id}/deletions/${deletion.id}`,
          project.secretKey,
        ),
      (r) => r.body.state === 'done',
      // Its ClickHouse mutations rewrite parts shared with every suite this worker ran before.
      150_000,
    );
    expect(done.body.counts['clickhouse.events']).toBe(2);
    const left = await getJson<{ events: StoredEvent[] }>(
      `${second.url}/v1/projects/${project.id}/events?limit=100`,
      project.secretKey,
    );
    expect(left.body.events.map((e) => e.userId)).toEqual(['staying']);
    const cleared = await db
      .selectFrom('person_deletions')
      .select(['ids', 'emails'])
      .where('id', '=', deletion.id)
      .executeTakeFirstOrThrow();
    expect(cleared).toEqual({ ids: [], emails: [] });
  }, 240_000);
});
