import {
  deleteAccountTraitsStatement,
  deletePersonRowsStatement,
  PERSON_TABLES,
  personActivityQuery,
  personTraitValuesQuery,
  personEventsQuery,
  personGroupAccountsQuery,
  personIdsQuery,
  personKnownQuery,
  personRowsQuery,
  personTraitHistoryQuery,
  rebuildAccountTraitsStatement,
} from './people.query';

const PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
const IDS = ['u-1', 'anon-1'];
const EVIL = "x' OR 1=1 --";

describe('people queries', () => {
  it('list people by id, with and without search and account', () => {
    expect(personIdsQuery(PROJECT, { limit: 50 })).toMatchSnapshot();
    expect(
      personIdsQuery(PROJECT, { search: 'ann@', accountId: 'acme', after: 'u-0', limit: 10 }),
    ).toMatchSnapshot();
  });

  it('read a person’s activity, events, traits and addresses', () => {
    expect(personActivityQuery(PROJECT, IDS)).toMatchSnapshot();
    expect(
      personEventsQuery(PROJECT, IDS, 25, { timestamp: 1_714_564_800_123, eventId: 'e-9' }),
    ).toMatchSnapshot();
    expect(personKnownQuery(PROJECT, IDS)).toMatchSnapshot();
    expect(personTraitHistoryQuery(PROJECT, IDS)).toMatchSnapshot();
    expect(personTraitValuesQuery(PROJECT, IDS, 'email')).toMatchSnapshot();
  });

  it('delete a person’s rows from each table, on one server and on a cluster', () => {
    for (const table of PERSON_TABLES) {
      expect(personRowsQuery(PROJECT, IDS, table)).toMatchSnapshot(`count ${table.table}`);
      expect(deletePersonRowsStatement(PROJECT, IDS, table, undefined)).toMatchSnapshot(table.table);
    }
    expect(deletePersonRowsStatement(PROJECT, IDS, PERSON_TABLES[0]!, 'main').query).toBe(
      "ALTER TABLE events_local ON CLUSTER main DELETE WHERE project_id = {projectId:UUID} AND if(user_id != '', user_id, anonymous_id) IN {ids:Array(String)}",
    );
    expect(deletePersonRowsStatement(PROJECT, IDS, PERSON_TABLES[2]!, undefined, '202612').query).toBe(
      "ALTER TABLE activity_daily DELETE IN PARTITION ID '202612' WHERE project_id = {projectId:UUID} AND user_id IN {ids:Array(String)}",
    );
    expect(() => deletePersonRowsStatement(PROJECT, IDS, PERSON_TABLES[0]!, undefined, "1' OR 1")).toThrow(
      /not a partition id/,
    );
  });

  it('rebuild the traits of the accounts the person’s group calls set', () => {
    expect(personGroupAccountsQuery(PROJECT, IDS)).toMatchSnapshot();
    expect(deleteAccountTraitsStatement(PROJECT, ['acme'], undefined)).toMatchSnapshot();
    expect(rebuildAccountTraitsStatement(PROJECT, IDS, ['acme'])).toMatchSnapshot();
  });

  it('put input values in params only, never in the SQL', () => {
    const queries = [
      personIdsQuery(PROJECT, { search: EVIL, accountId: EVIL, after: EVIL, limit: 10 }),
      personEventsQuery(PROJECT, [EVIL], 10, { timestamp: 1, eventId: EVIL }),
      deletePersonRowsStatement(PROJECT, [EVIL], PERSON_TABLES[0]!, undefined),
      rebuildAccountTraitsStatement(PROJECT, [EVIL], [EVIL]),
    ];
    for (const q of queries) {
      expect(q.query).not.toContain("x'");
      expect(q.query).not.toContain(PROJECT);
    }
  });
});
