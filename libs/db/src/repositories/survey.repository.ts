import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { Conflict, type ResolvedSurveyTargeting, type SurveyKind } from '@bindery/contracts';
import { DB } from '../database';
import { type Database } from '../schema';
import { isUniqueViolation } from '../unique-violation';
import { type SurveyOutcome, type SurveyRow } from '../voice-schema';

/** What a survey's definition becomes on create or update. */
export interface SurveyFields {
  name: string;
  kind: SurveyKind;
  question: string;
  enabled: boolean;
  targeting: ResolvedSurveyTargeting;
}

/** How closing a showing went: closed now, already closed by this very event (a retry), or no open showing. */
export type CloseOutcome = 'closed' | 'repeat' | 'not_shown';

const nameTaken = (name: string) => Conflict(`A survey named "${name}" already exists in this project`);

/** Surveys, the project's survey secret and the showings; every query is scoped by project. */
@Injectable()
export class SurveyRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async create(projectId: string, id: string, fields: SurveyFields): Promise<SurveyRow> {
    try {
      return await this.db
        .insertInto('surveys')
        .values({ id, project_id: projectId, ...fields, targeting: JSON.stringify(fields.targeting) })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error, 'surveys_project_name_unique')) throw nameTaken(fields.name);
      throw error;
    }
  }

  async update(projectId: string, id: string, fields: SurveyFields): Promise<SurveyRow | undefined> {
    try {
      return await this.db
        .updateTable('surveys')
        .set({ ...fields, targeting: JSON.stringify(fields.targeting), updated_at: new Date() })
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    } catch (error) {
      if (isUniqueViolation(error, 'surveys_project_name_unique')) throw nameTaken(fields.name);
      throw error;
    }
  }

  findByProject(projectId: string): Promise<SurveyRow[]> {
    return this.db
      .selectFrom('surveys')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  findEnabledByProject(projectId: string): Promise<SurveyRow[]> {
    return this.db
      .selectFrom('surveys')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('enabled', '=', true)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  findById(projectId: string, id: string): Promise<SurveyRow | undefined> {
    return this.db
      .selectFrom('surveys')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('surveys')
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async findSecret(projectId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('survey_secrets')
      .select('secret')
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return row?.secret;
  }

  async saveSecret(projectId: string, secret: string): Promise<void> {
    await this.db
      .insertInto('survey_secrets')
      .values({ project_id: projectId, secret })
      .onConflict((oc) => oc.column('project_id').doUpdateSet({ secret, created_at: new Date() }))
      .execute();
  }

  /** Records a showing once: the same `survey shown` event sent again changes nothing. */
  async recordShowing(
    projectId: string,
    showing: { eventId: string; surveyId: string; userId: string; shownAt: Date },
  ): Promise<void> {
    await this.db
      .insertInto('survey_showings')
      .values({
        project_id: projectId,
        event_id: showing.eventId,
        survey_id: showing.surveyId,
        user_id: showing.userId,
        shown_at: showing.shownAt,
      })
      .onConflict((oc) => oc.columns(['project_id', 'event_id']).doNothing())
      .execute();
  }

  /** When the person was last shown any of the project's surveys. */
  async lastShownAt(projectId: string, userId: string): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('survey_showings')
      .select('shown_at')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .orderBy('shown_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.shown_at;
  }

  /** Closes the person's newest open showing of the survey with an answer or a dismissal. */
  async closeShowing(
    projectId: string,
    close: { surveyId: string; userId: string; outcome: SurveyOutcome; eventId: string; at: Date },
  ): Promise<CloseOutcome> {
    const repeat = await this.db
      .selectFrom('survey_showings')
      .select('event_id')
      .where('project_id', '=', projectId)
      .where('survey_id', '=', close.surveyId)
      .where('user_id', '=', close.userId)
      .where('outcome_event_id', '=', close.eventId)
      .executeTakeFirst();
    if (repeat) return 'repeat';
    const open = this.db
      .selectFrom('survey_showings')
      .select('event_id')
      .where('project_id', '=', projectId)
      .where('survey_id', '=', close.surveyId)
      .where('user_id', '=', close.userId)
      .where('outcome', 'is', null)
      .orderBy('shown_at', 'desc')
      .limit(1);
    const closed = await this.db
      .updateTable('survey_showings')
      .set({ outcome: close.outcome, outcome_event_id: close.eventId, closed_at: close.at })
      .where('project_id', '=', projectId)
      .where('event_id', '=', open)
      .where('outcome', 'is', null)
      .executeTakeFirst();
    return closed.numUpdatedRows > 0n ? 'closed' : 'not_shown';
  }
}
