import {
  type Aggregation,
  type EventRow,
  type FeatureDefinition,
  type FeatureQuery,
  type FeatureResult,
  LIFECYCLE_EVENTS,
} from '@bindery/contracts';
import { actionsOf, compareText, groupBy, iso, parseRange, subjectOf, zonedDayOf } from './common.reference';

/** A feature query whose defaulted fields may be left out. */
export type FeatureInput = Omit<FeatureQuery, 'aggregateBy' | 'abandonDays' | 'weekly'> & {
  aggregateBy?: Aggregation;
  abandonDays?: number;
  weekly?: boolean;
};

const MAX_FEATURES = 500;

/**
 * Feature adoption over whole days of `timeZone` (the day of `from` to the day of `to` − 1 ms): reach, first use ever
 * (up to the last day), repeat use and abandonment of each feature `definitions` lists (under its display name),
 * or with none of every feature but the lifecycle events.
 */
export function referenceFeatures(
  events: EventRow[],
  projectId: string,
  q: FeatureInput,
  definitions: FeatureDefinition[] = [],
  timeZone = 'UTC',
): FeatureResult {
  const dayOf = (ms: number) => zonedDayOf(ms, timeZone);
  const by = q.aggregateBy ?? 'user';
  const abandonDays = q.abandonDays ?? 14;
  const range = parseRange(q);
  const [first, last] = [dayOf(range.from), dayOf(range.to - 1)];
  const names = new Map(definitions.map((d) => [d.key, d.name ?? d.key]));
  const isFeature = (f: string) => (names.size > 0 ? names.has(f) : !LIFECYCLE_EVENTS.includes(f));
  const actions = actionsOf(events, projectId).filter((a) => subjectOf(a, by) !== null);
  const inRange = actions.filter((a) => dayOf(a.time) >= first && dayOf(a.time) <= last);
  const everUsed = actions.filter((a) => dayOf(a.time) <= last);
  // Days on which each subject had any action in the range, for the abandonment test.
  const activeDays = new Map<string, number[]>();
  for (const [subject, own] of groupBy(inRange, (a) => subjectOf(a, by))) {
    activeDays.set(
      subject,
      own.map((a) => dayOf(a.time)),
    );
  }
  const activeSubjects = activeDays.size;

  const used = inRange.filter((a) => a.feature !== null && isFeature(a.feature));
  const features = [...groupBy(used, (a) => a.feature)].map(([feature, uses]) => {
    const perSubject = groupBy(uses, (a) => subjectOf(a, by));
    let repeated = 0;
    let abandoned = 0;
    for (const [subject, own] of perSubject) {
      const days = new Set(own.map((a) => dayOf(a.time)));
      if (days.size >= 2) repeated++;
      const lastDay = Math.max(...days);
      if ((activeDays.get(subject) ?? []).some((d) => d >= lastDay + abandonDays)) abandoned++;
    }
    // Each 7-day span counted back from the last day: span `spans - 1` ends with it.
    const spans = Math.ceil((last - first + 1) / 7);
    const weekly = Array.from({ length: spans }, (_, i) => {
      const inSpan = new Set(
        uses
          .filter((a) => spans - 1 - Math.floor((last - dayOf(a.time)) / 7) === i)
          .map((a) => subjectOf(a, by)),
      );
      return inSpan.size;
    });
    return {
      feature,
      name: names.get(feature) ?? feature,
      subjects: perSubject.size,
      shareOfActive: perSubject.size / activeSubjects,
      firstUsedAt: iso(
        everUsed.filter((a) => a.feature === feature).reduce((min, a) => Math.min(min, a.time), Infinity),
      ),
      repeatRate: repeated / perSubject.size,
      abandoned,
      ...(q.weekly && { weekly }),
    };
  });
  features.sort((a, b) => b.subjects - a.subjects || compareText(a.feature, b.feature));
  return { activeSubjects, features: features.slice(0, MAX_FEATURES) };
}
