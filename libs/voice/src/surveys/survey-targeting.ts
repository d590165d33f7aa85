import { createHash } from 'node:crypto';
import {
  DEFAULT_SURVEY_INTERVAL_DAYS,
  type ResolvedSurveyTargeting,
  type SurveyTargeting,
} from '@bindery/contracts';

const DAY_MS = 86_400_000;

/** What the targeting of a survey reads about one person. */
export interface PersonFacts {
  userId: string;
  /** When the person was last shown any of the project's surveys. */
  lastShownAt: Date | undefined;
  /** The traits of the account the person acts for; empty when none is known. */
  accountTraits: Record<string, unknown>;
  /** Uses of the features that surveys' targeting names, by feature. */
  featureUses: ReadonlyMap<string, number>;
}

/** A survey as targeting sees it. */
export interface TargetedSurvey {
  id: string;
  targeting: ResolvedSurveyTargeting;
}

/** Targeting with every default filled in. */
export function resolveTargeting(targeting: SurveyTargeting | undefined): ResolvedSurveyTargeting {
  return {
    accountTraits: targeting?.accountTraits ?? {},
    minDaysSinceLastSurvey: targeting?.minDaysSinceLastSurvey ?? DEFAULT_SURVEY_INTERVAL_DAYS,
    samplePct: targeting?.samplePct ?? 100,
    featureUsed: targeting?.featureUsed ?? null,
  };
}

/** A stable point in [0, 100) for a survey and a person: the same person is always in or out of a sample. */
export function samplePoint(surveyId: string, userId: string): number {
  const hash = createHash('sha256').update(`${surveyId}\n${userId}`).digest();
  return (hash.readUInt32BE(0) / 2 ** 32) * 100;
}

/** Whether the person is one this survey asks, now. */
export function isTargeted(survey: TargetedSurvey, person: PersonFacts, now: Date): boolean {
  const t = survey.targeting;
  if (
    person.lastShownAt &&
    now.getTime() - person.lastShownAt.getTime() < t.minDaysSinceLastSurvey * DAY_MS
  ) {
    return false;
  }
  for (const [key, value] of Object.entries(t.accountTraits)) {
    if (person.accountTraits[key] !== value) return false;
  }
  if (t.featureUsed && (person.featureUses.get(t.featureUsed.feature) ?? 0) < t.featureUsed.minUses) {
    return false;
  }
  return samplePoint(survey.id, person.userId) < t.samplePct;
}

/**
 * The survey to show the person, if any: the oldest one that targets them. One at most, since showing one
 * starts the person's interval for all the project's surveys.
 */
export function surveyToShow<S extends TargetedSurvey>(
  surveys: readonly S[],
  person: PersonFacts,
  now: Date,
): S | undefined {
  return surveys.find((s) => isTargeted(s, person, now));
}
