import { EVENT_PERSON, EVENT_PERSON_KEY, identityLinksQuery, personOf } from './persons';

const PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';

describe('person resolution', () => {
  it('generates the reviewed SQL: the person of an event, of a rollup row, the links of some ids', () => {
    expect(EVENT_PERSON).toMatchSnapshot();
    expect(personOf('user_id')).toMatchSnapshot();
    expect(EVENT_PERSON_KEY).toMatchSnapshot();
    expect(identityLinksQuery(PROJECT, ['u1', 'a1'])).toMatchSnapshot();
  });

  it('binds nothing of its own: the one parameter is the query’s project', () => {
    expect(personOf('{id:String}').match(/\{\w+:\w+\}/g)).toEqual([
      '{id:String}',
      '{projectId:UUID}',
      '{projectId:UUID}',
      '{id:String}',
    ]);
  });
});
