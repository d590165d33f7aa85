import { type InactivityParams } from '@bindery/contracts';
import { type Detection, isoDay, type Subject } from './detection';

/** A subject's last day with a (key) action within the days the rule looks at. */
export interface LastActive {
  subject: Subject;
  lastActiveDay: number;
}

/** The days of (key) actions the inactivity rule must read: the quiet spell and the lookback before it. */
export const inactivityWindow = (p: InactivityParams, today: number) => ({
  firstDay: today - p.days - p.lookbackDays,
  lastDay: today,
});

/**
 * Subjects active in the lookback that then went `days` full days without a (key) action. The period is the
 * last active day, so a quiet spell fires once, and a subject that comes back and goes quiet again fires anew.
 */
export function evaluateInactivity(p: InactivityParams, today: number, subjects: LastActive[]): Detection[] {
  const { firstDay } = inactivityWindow(p, today);
  return subjects
    .filter((s) => s.lastActiveDay >= firstDay && today - s.lastActiveDay > p.days)
    .map((s) => ({
      subject: s.subject,
      periodKey: `quiet-since:${isoDay(s.lastActiveDay)}`,
      details: {
        lastActiveDay: isoDay(s.lastActiveDay),
        daysQuiet: today - s.lastActiveDay - 1,
        days: p.days,
      },
    }));
}
