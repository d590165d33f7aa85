import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { DB } from '../database';
import { type Database } from '../schema';

/**
 * How far each version of a rule has evaluated events. A new version has no watermark, so it starts afresh;
 * the rule id is unique across projects, so no project scope is needed.
 */
@Injectable()
export class RuleWatermarkRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async get(ruleId: string, version: number): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('rule_watermarks')
      .select('watermark')
      .where('rule_id', '=', ruleId)
      .where('rule_version', '=', version)
      .executeTakeFirst();
    return row?.watermark;
  }

  /** Stores the watermark as given, replacing the previous one (even a later one: the caller decides). */
  async set(ruleId: string, version: number, watermark: Date): Promise<void> {
    await this.db
      .insertInto('rule_watermarks')
      .values({ rule_id: ruleId, rule_version: version, watermark })
      .onConflict((oc) => oc.columns(['rule_id', 'rule_version']).doUpdateSet({ watermark }))
      .execute();
  }
}
