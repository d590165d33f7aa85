import { latestAnswersQuery } from './detractor.query';

const PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
const SURVEY = '0190f5a4-8c1e-7b2a-9d3f-000000000001';
const EVIL = "x' OR 1=1 --";

describe('detractor rule query', () => {
  it.each([
    ['every account’s latest answer', latestAnswersQuery(PROJECT, 1_700_000_000_000, undefined)],
    ['one survey, some accounts', latestAnswersQuery(PROJECT, 1_700_000_000_000, SURVEY, ['acct-1'])],
  ])('generates the reviewed SQL: %s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds every input value, never splices it into the SQL', () => {
    const q = latestAnswersQuery(PROJECT, 0, EVIL, [EVIL]);
    expect(q.query).not.toContain(EVIL);
    expect(q.query).not.toContain(PROJECT);
  });
});
