import { Type, type Static } from '@sinclair/typebox';
import { AccountListItemSchema } from './analytics';
import { WATCH_BAND } from './project';

const Count = (description: string) => Type.Integer({ minimum: 0, description });

export const AccountOverviewQuerySchema = Type.Object({
  asOf: Type.Optional(
    Type.String({ format: 'date-time', description: 'Reports run up to this time’s UTC day; default now' }),
  ),
  top: Type.Integer({
    minimum: 0,
    maximum: 50,
    default: 6,
    description: 'How many of the accounts at risk to list, lowest health first',
  }),
});
export type AccountOverviewQuery = Static<typeof AccountOverviewQuerySchema>;

export const AccountOverviewSchema = Type.Object({
  atRiskBelow: Type.Integer({ description: 'The project’s at-risk line (its atRiskBelow setting)' }),
  accounts: Type.Object({
    total: Count('Every known account (from actions or group traits)'),
    activeToday: Count('Accounts with an action on the UTC day of asOf (D)'),
    active7d: Count('Accounts with an action on D−6..D'),
    active30d: Count('Accounts with an action on D−29..D'),
  }),
  health: Type.Object(
    {
      atRisk: Count('Scored below atRiskBelow'),
      watch: Count(`Scored from atRiskBelow up to ${WATCH_BAND} points above it`),
      healthy: Count('Scored higher'),
      unscored: Count('Not scored yet'),
    },
    { description: 'Accounts by their latest health score' },
  ),
  abc: Type.Object(
    { A: Count('Class A'), B: Count('Class B'), C: Count('Class C'), none: Count('Without a class') },
    { description: 'Accounts by the ABC class of their latest health score' },
  ),
  mrr: Type.Object(
    {
      total: Type.Number({ description: 'The sum of every account’s `mrr` trait' }),
      atRisk: Type.Number({ description: 'The sum of the `mrr` trait of the accounts at risk' }),
    },
    { description: 'Accounts without a numeric `mrr` trait count as 0' },
  ),
  atRisk: Type.Array(AccountListItemSchema, {
    description: 'The `top` accounts at risk: lowest score first, then higher MRR, then name, then id',
  }),
  csms: Type.Array(
    Type.Object({ email: Type.String(), accounts: Count('Accounts whose `csm_email` trait is this') }),
    { description: 'Every CSM named by an account’s `csm_email` trait, by email' },
  ),
});
export type AccountOverview = Static<typeof AccountOverviewSchema>;
