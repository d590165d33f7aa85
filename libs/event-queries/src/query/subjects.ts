import { type Aggregation } from '@bindery/contracts';

/** Event types that are usage; identify, group and alias calls carry traits. */
export const ACTIONS = `type IN ('track', 'page', 'screen')`;

/** The subject an event counts for: a person (user id, else anonymous id) or an account. */
export function subjectOf(aggregateBy: Aggregation): string {
  return aggregateBy === 'account' ? 'account_id' : `if(user_id != '', user_id, anonymous_id)`;
}
