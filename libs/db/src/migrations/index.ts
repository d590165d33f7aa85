import { type Migration } from 'kysely';
import * as m0001 from './0001-projects';
import * as m0002 from './0002-funnels';
import * as m0003 from './0003-rules';
import * as m0004 from './0004-project-settings';
import * as m0005 from './0005-outreach';
import * as m0006 from './0006-signal-lifecycle';
import * as m0007 from './0007-health-basis';
import * as m0008 from './0008-people';
import * as m0009 from './0009-team';
import * as m0010 from './0010-outcomes';
import * as m0011 from './0011-voice';
import * as m0012 from './0012-health-scored-at';
import * as m0013 from './0013-feedback';
import * as m0014 from './0014-goals';
import * as m0015 from './0015-cohorts';
import * as m0016 from './0016-email-from';
import * as m0017 from './0017-email-opens';
import * as m0018 from './0018-account-health-latest';
import * as m0019 from './0019-outbox-holder';
import * as m0020 from './0020-outbox-sending-index';
import * as m0021 from './0021-person-deletion-names';

/** Every Postgres migration, by name; names sort in the order they apply. */
export const migrations: Record<string, Migration> = {
  '0001-projects': m0001,
  '0002-funnels': m0002,
  '0003-rules': m0003,
  '0004-project-settings': m0004,
  '0005-outreach': m0005,
  '0006-signal-lifecycle': m0006,
  '0007-health-basis': m0007,
  '0008-people': m0008,
  '0009-team': m0009,
  '0010-outcomes': m0010,
  '0011-voice': m0011,
  '0012-health-scored-at': m0012,
  '0013-feedback': m0013,
  '0014-goals': m0014,
  '0015-cohorts': m0015,
  '0016-email-from': m0016,
  '0017-email-opens': m0017,
  '0018-account-health-latest': m0018,
  '0019-outbox-holder': m0019,
  '0020-outbox-sending-index': m0020,
  '0021-person-deletion-names': m0021,
};
