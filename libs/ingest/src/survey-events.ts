import { Injectable } from '@nestjs/common';
import {
  type EventRow,
  MAX_SURVEY_TEXT,
  SURVEY_EVENTS,
  SURVEY_SCALES,
  type SurveyKind,
} from '@bindery/contracts';
import { SurveyRepository, type SurveyRow } from '@bindery/db';

/** Why a survey event was refused; null when it may be stored. */
export interface SurveyRefusal {
  code: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAMES = new Set<string>(Object.values(SURVEY_EVENTS));

const refusal = (code: string, message: string): SurveyRefusal => ({ code, message });

/** Whether a row is one of the survey events that ingest checks. */
export const isSurveyEvent = (row: EventRow): boolean => row.type === 'track' && NAMES.has(row.event);

/** What an answer must hold for a survey of this kind; null when it is valid. */
export function answerRefusal(kind: SurveyKind, properties: Record<string, unknown>): SurveyRefusal | null {
  const scale = SURVEY_SCALES[kind];
  const { score, comment, answer } = properties;
  if (scale) {
    if (typeof score !== 'number' || !Number.isInteger(score) || score < scale.min || score > scale.max) {
      return refusal(
        'survey_score_out_of_scale',
        `A ${kind} answer needs properties.score, a whole number from ${scale.min} to ${scale.max}`,
      );
    }
  } else if (typeof answer !== 'string' || answer.trim() === '') {
    return refusal('survey_answer_missing', 'An open question’s answer needs properties.answer, some text');
  }
  if (comment !== undefined && typeof comment !== 'string') {
    return refusal('survey_text_invalid', 'properties.comment must be text');
  }
  for (const text of [comment, answer]) {
    if (typeof text === 'string' && [...text].length > MAX_SURVEY_TEXT) {
      return refusal(
        'survey_text_too_long',
        `A survey comment or answer holds at most ${MAX_SURVEY_TEXT} characters`,
      );
    }
  }
  return null;
}

/**
 * Checks the survey events of a request against the surveys and the person's showings, in the request's order:
 * `survey shown` records a showing, and an answer or a dismissal closes the person's open showing of that survey.
 * An answer to a survey never shown, a score outside the survey's scale, or an unknown survey is refused, so
 * it is never stored or counted. Each accepted one gets the survey’s kind in `properties.kind`.
 */
@Injectable()
export class SurveyEventGate {
  constructor(private readonly surveys: SurveyRepository) {}

  /** The refusal of each survey event, by its position in `rows` (absent: store it). */
  async screen(projectId: string, rows: readonly EventRow[]): Promise<Map<number, SurveyRefusal>> {
    const refused = new Map<number, SurveyRefusal>();
    const found = new Map<string, SurveyRow | undefined>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (!isSurveyEvent(row)) continue;
      const outcome = await this.check(projectId, row, found);
      if (outcome) refused.set(i, outcome);
    }
    return refused;
  }

  private async check(
    projectId: string,
    row: EventRow,
    found: Map<string, SurveyRow | undefined>,
  ): Promise<SurveyRefusal | null> {
    const properties = JSON.parse(row.properties) as Record<string, unknown>;
    const { surveyId } = properties;
    if (typeof surveyId !== 'string' || !UUID.test(surveyId)) {
      return refusal('survey_event_invalid', `"${row.event}" needs properties.surveyId, a survey's id`);
    }
    if (row.user_id === '') {
      return refusal('survey_event_invalid', `"${row.event}" needs the person's userId`);
    }
    if (!found.has(surveyId)) found.set(surveyId, await this.surveys.findById(projectId, surveyId));
    const survey = found.get(surveyId);
    if (!survey) return refusal('unknown_survey', `This project has no survey ${surveyId}`);
    const at = new Date(row.timestamp);
    // The survey's kind, as defined, travels with each event: reports and rules read answers on their own.
    const stamped = JSON.stringify({ ...properties, kind: survey.kind });
    if (row.event === SURVEY_EVENTS.shown) {
      await this.surveys.recordShowing(projectId, {
        eventId: row.event_id,
        surveyId,
        userId: row.user_id,
        shownAt: at,
      });
      row.properties = stamped;
      return null;
    }
    const answered = row.event === SURVEY_EVENTS.answered;
    if (answered) {
      const invalid = answerRefusal(survey.kind, properties);
      if (invalid) return invalid;
    }
    const closed = await this.surveys.closeShowing(projectId, {
      surveyId,
      userId: row.user_id,
      outcome: answered ? 'answered' : 'dismissed',
      eventId: row.event_id,
      at,
    });
    if (closed === 'not_shown') {
      return refusal(
        'survey_not_shown',
        `Survey ${surveyId} was not shown to this person, or they already answered or dismissed it`,
      );
    }
    row.properties = stamped;
    return null;
  }
}
