import {
  type AccountSummary,
  type DropoffPage,
  type FeatureResult,
  type FunnelQuery,
  type FunnelResult,
  type FunnelStepResult,
  type RetentionResult,
} from '@bindery/contracts';
import { csvLine } from '@bindery/server';

/** A funnel's steps, one line each; with a breakdown, then each value's steps (`segment` is the value). */
export function* funnelCsv(query: FunnelQuery, result: FunnelResult): Generator<string> {
  yield csvLine([
    'segment',
    'step',
    'event',
    'count',
    'conversion_from_first',
    'conversion_from_previous',
    'drop_off',
    'median_seconds_to_convert',
    'avg_seconds_to_convert',
  ]);
  const lines = (segment: string, steps: FunnelStepResult[]) =>
    steps.map((s, i) =>
      csvLine([
        segment,
        i + 1,
        s.event,
        s.count,
        s.conversionFromFirst,
        s.conversionFromPrevious,
        s.dropOff,
        s.medianSecondsToConvert,
        s.avgSecondsToConvert,
      ]),
    );
  yield* lines('all', result.steps);
  for (const b of result.breakdowns ?? []) {
    yield* lines(`${query.breakdown?.property ?? 'value'}=${b.value ?? '(none)'}`, b.steps);
  }
}

/** Feature adoption, one line per feature, as the report lists them. */
export function* featuresCsv(result: FeatureResult): Generator<string> {
  yield csvLine([
    'feature',
    'name',
    'subjects',
    'share_of_active',
    'first_used_at',
    'repeat_rate',
    'abandoned',
  ]);
  for (const f of result.features) {
    yield csvLine([f.feature, f.name, f.subjects, f.shareOfActive, f.firstUsedAt, f.repeatRate, f.abandoned]);
  }
}

/**
 * Retention cohorts, one line each: its size, how many of its later periods had ended (the next one, if not blank,
 * counted so far) and who came back in each later period (blank: to come).
 */
export function* retentionCsv(result: RetentionResult): Generator<string> {
  const periods = Math.max(0, ...result.cohorts.map((c) => c.returned.length));
  yield csvLine([
    'cohort_start',
    'size',
    'periods_ended',
    ...Array.from({ length: periods }, (_, i) => `${result.period}_${i + 1}`),
  ]);
  for (const c of result.cohorts) yield csvLine([c.start, c.size, c.ended, ...c.returned]);
}

export const ACCOUNT_CSV_HEADER = csvLine([
  'id',
  'name',
  'users',
  'active_users_7d',
  'active_users_30d',
  'last_seen_at',
  'health_score',
  'abc',
  'weekly_events',
  'traits',
]);

/** Accounts, one line each; the traits as JSON, the weekly events oldest first, space-separated. */
export function accountsCsv(accounts: AccountSummary[]): string {
  return accounts
    .map((a) =>
      csvLine([
        a.id,
        typeof a.traits.name === 'string' ? a.traits.name : '',
        a.users,
        a.activeUsers7d,
        a.activeUsers30d,
        a.lastSeenAt,
        a.health?.score,
        a.health?.abc,
        a.weeklyEvents.join(' '),
        a.traits,
      ]),
    )
    .join('');
}

export const DROPOFF_CSV_HEADER = csvLine([
  'id',
  'account_id',
  'reached_step_at',
  'last_event',
  'last_event_at',
]);

/** Who stopped at a step, one line each. */
export function dropoffsCsv(subjects: DropoffPage['subjects']): string {
  return subjects
    .map((s) => csvLine([s.id, s.accountId, s.reachedStepAt, s.lastEvent?.event, s.lastEvent?.timestamp]))
    .join('');
}
