import { RULE_TYPES } from '@bindery/contracts';
import { RULE_KINDS } from './index';

describe('RULE_KINDS', () => {
  it('has one kind for every rule type, and the compiler refuses a map without one', () => {
    const withoutOne: Omit<typeof RULE_KINDS, 'health_drop'> = RULE_KINDS;
    // @ts-expect-error a map that lacks a rule type's kind is not a RULE_KINDS (npm run typecheck fails)
    const incomplete: typeof RULE_KINDS = withoutOne;

    expect(Object.keys(incomplete).sort()).toEqual([...RULE_TYPES].sort());
  });
});
