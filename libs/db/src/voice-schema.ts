import { type ColumnType, type Selectable } from 'kysely';
import { type ResolvedSurveyTargeting, type SurveyKind } from '@bindery/contracts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface SurveysTable {
  id: string;
  project_id: string;
  name: string;
  kind: SurveyKind;
  question: string;
  enabled: boolean;
  /** Written as JSON text, so pg and PGlite store it alike; read back parsed, every default filled in. */
  targeting: ColumnType<ResolvedSurveyTargeting, string, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SurveySecretsTable {
  project_id: string;
  /** The HMAC key itself: verifying a signature needs it. */
  secret: string;
  /** When this secret was made: a rotation replaces the row's secret and time. */
  created_at: UpdatedAt;
}

export type SurveyOutcome = 'answered' | 'dismissed';

/** A survey shown to a person (by the `survey shown` event's id), until their answer or dismissal closes it. */
export interface SurveyShowingsTable {
  project_id: string;
  event_id: string;
  survey_id: string;
  user_id: string;
  shown_at: ColumnType<Date, Date | string, never>;
  outcome: Nullable<SurveyOutcome>;
  /** The closing event's id: the same event sent again (a client's retry) is recognised. */
  outcome_event_id: Nullable<string>;
  closed_at: Nullable<Date | string>;
}

/** Where a feedback request stands; `open` until the team first sets it. */
export type FeedbackStatus = 'open' | 'under_review' | 'planned' | 'in_progress' | 'shipped' | 'declined';

/** A customer's feature request; a merged one points at the request its votes moved to. */
export interface FeedbackRequestsTable {
  id: string;
  project_id: string;
  title: string;
  body: string;
  status: ColumnType<FeedbackStatus, FeedbackStatus | undefined, FeedbackStatus>;
  public_note: Nullable<string>;
  author_user_id: string;
  author_account_id: Nullable<string>;
  merged_into: Nullable<string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** One person's vote for a request (at most one each), with the account they voted for. */
export interface FeedbackVotesTable {
  project_id: string;
  request_id: string;
  user_id: string;
  account_id: Nullable<string>;
  created_at: CreatedAt;
}

/** A project's public board, opted into by choosing its slug. */
export interface FeedbackBoardsTable {
  project_id: string;
  slug: string;
}

/** The tables of surveys and feedback. */
export interface VoiceTables {
  surveys: SurveysTable;
  survey_secrets: SurveySecretsTable;
  survey_showings: SurveyShowingsTable;
  feedback_requests: FeedbackRequestsTable;
  feedback_votes: FeedbackVotesTable;
  feedback_boards: FeedbackBoardsTable;
}

export type SurveyRow = Selectable<SurveysTable>;
export type SurveyShowing = Selectable<SurveyShowingsTable>;
export type FeedbackRequestRow = Selectable<FeedbackRequestsTable>;
