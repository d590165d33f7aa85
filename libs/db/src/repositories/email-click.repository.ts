import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { DB } from '../database';
import { type Database, type JsonObject } from '../schema';
import { SUPPRESSED } from './outbox.repository';

/** A training email as the message analytics count it. */
export interface TrainingEmailFacts {
  id: string;
  template: string | null;
  status: string;
  /** Skipped because the address is suppressed (unsubscribed or bounced before). */
  suppressed: boolean;
  sent_at: Date | null;
  /** Failed, and the address is suppressed as bounced. */
  bounced: boolean;
  /** Sent, and the address unsubscribed after it. */
  unsubscribed: boolean;
  clicked: boolean;
  /** Its tracking image was loaded (projects with open tracking on; unreliable). */
  opened: boolean;
  /** The signal it was about, with its rule. */
  signal_id: string | null;
  rule_id: string | null;
  rule_version: number | null;
  user_id: string | null;
  account_id: string | null;
  details: JsonObject | null;
}

/**
 * Clicks on the tracked links of emails, loads of their tracking images (opens), and the facts the message
 * analytics count; scoped by project.
 */
@Injectable()
export class EmailClickRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  /**
   * Records the first click on a link of one of the project's emails; whether it was the first (a later
   * click, or an email the project does not have, records nothing).
   */
  async record(projectId: string, outboxId: string, url: string): Promise<boolean> {
    const rows = await this.db
      .insertInto('email_clicks')
      .columns(['outbox_id', 'project_id', 'url'])
      .expression(
        this.db
          .selectFrom('email_outbox')
          .select(['id', 'project_id', sql<string>`${url}::text`.as('url')])
          .where('project_id', '=', projectId)
          .where('id', '=', outboxId),
      )
      .onConflict((oc) => oc.column('outbox_id').doNothing())
      .returning('outbox_id')
      .execute();
    return rows.length > 0;
  }

  /**
   * Records the first load of the tracking image of one of the project's emails; whether it was the first (a
   * later load, or an email the project does not have, records nothing).
   */
  async recordOpen(projectId: string, outboxId: string): Promise<boolean> {
    const rows = await this.db
      .insertInto('email_opens')
      .columns(['outbox_id', 'project_id'])
      .expression(
        this.db
          .selectFrom('email_outbox')
          .select(['id', 'project_id'])
          .where('project_id', '=', projectId)
          .where('id', '=', outboxId),
      )
      .onConflict((oc) => oc.column('outbox_id').doNothing())
      .returning('outbox_id')
      .execute();
    return rows.length > 0;
  }

  /** The project's training emails written in [from, to), with their fate, clicks and signals. */
  trainingEmails(projectId: string, range: { from: Date; to: Date }): Promise<TrainingEmailFacts[]> {
    return this.db
      .selectFrom('email_outbox as o')
      .leftJoin('signals as s', (j) =>
        j.onRef('s.id', '=', 'o.signal_id').onRef('s.project_id', '=', 'o.project_id'),
      )
      .select([
        'o.id',
        'o.template',
        'o.status',
        sql<boolean>`o.status = 'skipped' and o.skip_reason = ${SUPPRESSED}`.as('suppressed'),
        'o.sent_at',
        sql<boolean>`o.status = 'failed' and exists (select 1 from suppressions x where x.project_id = o.project_id
          and x.email = lower(o.recipient) and x.reason = 'bounced')`.as('bounced'),
        sql<boolean>`o.status = 'sent' and exists (select 1 from suppressions x where x.project_id = o.project_id
          and x.email = lower(o.recipient) and x.reason = 'unsubscribed' and x.created_at >= o.sent_at)`.as(
          'unsubscribed',
        ),
        sql<boolean>`exists (select 1 from email_clicks c where c.outbox_id = o.id)`.as('clicked'),
        sql<boolean>`exists (select 1 from email_opens x where x.outbox_id = o.id)`.as('opened'),
        's.id as signal_id',
        's.rule_id',
        's.rule_version',
        's.user_id',
        's.account_id',
        's.details',
      ])
      .where('o.project_id', '=', projectId)
      .where('o.kind', '=', 'training')
      .where('o.created_at', '>=', range.from)
      .where('o.created_at', '<', range.to)
      .execute() as Promise<TrainingEmailFacts[]>;
  }
}
