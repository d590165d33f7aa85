import { type Migration } from 'kysely';
import * as m0001 from './0001-projects';
import * as m0002 from './0002-funnels';

/** Every Postgres migration, by name; names sort in the order they apply. */
export const migrations: Record<string, Migration> = {
  '0001-projects': m0001,
  '0002-funnels': m0002,
};
