import { personAccountQuery, personFeatureUsesQuery } from './survey-person.query';
import { answerCountsQuery, surveyCommentsQuery } from './survey-results.query';
import { isUserSignature, signUserId } from './user-signature';

const PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
const EVIL = "x' OR 1=1 --";
const SCOPE = { projectId: PROJECT, surveyId: '0190f5a4-8c1e-7b2a-9d3f-000000000001', from: 0, to: 1 };
const NPS = { promoterMin: 9, detractorMax: 6 };

describe('survey queries', () => {
  it.each([
    ['the account a person acts for', personAccountQuery(PROJECT, 'user-1')],
    ['a person’s uses of features', personFeatureUsesQuery(PROJECT, 'user-1', ['Report Exported'])],
    ['answers counted by week and account', answerCountsQuery(SCOPE, 'week', NPS)],
    ['answers counted by month and account', answerCountsQuery(SCOPE, 'month', NPS)],
    ['answers with words, newest first', surveyCommentsQuery(SCOPE, 100)],
  ])('generates the reviewed SQL: %s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds every input value, never splices it into the SQL', () => {
    for (const q of [
      personAccountQuery(PROJECT, EVIL),
      personFeatureUsesQuery(PROJECT, EVIL, [EVIL]),
      answerCountsQuery({ ...SCOPE, surveyId: EVIL }, 'day', NPS),
      surveyCommentsQuery({ ...SCOPE, surveyId: EVIL }, 1),
    ]) {
      expect(q.query).not.toContain(EVIL);
      expect(q.query).not.toContain(PROJECT);
    }
  });
});

describe('user signatures', () => {
  it('accepts the HMAC-SHA256 hex of the user id, in either case, and nothing else', () => {
    const signature = signUserId('svs_secret', 'user-1');
    expect(signature).toBe('05efc7dd1133974392f945396e5703faad8476e0834206f67f0348632e22876f');
    expect(isUserSignature('svs_secret', 'user-1', signature)).toBe(true);
    expect(isUserSignature('svs_secret', 'user-1', signature.toUpperCase())).toBe(true);
    expect(isUserSignature('svs_secret', 'user-2', signature)).toBe(false);
    expect(isUserSignature('other', 'user-1', signature)).toBe(false);
    expect(isUserSignature('svs_secret', 'user-1', signature.slice(0, 63))).toBe(false);
    expect(isUserSignature('svs_secret', 'user-1', 'zz'.repeat(32))).toBe(false);
  });
});
