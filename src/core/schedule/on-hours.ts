import type { OnHours, OnHoursRule, Weekday } from '../model/playlist';
import { localTime, WEEKDAYS } from '../time/local-time';

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const previousDay = (day: Weekday): Weekday =>
  WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7] ?? 'sun';

function ruleCovers(rule: OnHoursRule, day: Weekday, minutes: number): boolean {
  const from = toMinutes(rule.from);
  const to = toMinutes(rule.to);
  if (from === to) return rule.days.includes(day); // "07:00-07:00" means the whole day
  if (from < to) return rule.days.includes(day) && minutes >= from && minutes < to;
  // Crosses midnight: the evening part belongs to the listed day, the early part to the next.
  return (
    (rule.days.includes(day) && minutes >= from) ||
    (rule.days.includes(previousDay(day)) && minutes < to)
  );
}

/** Whether the screen should play at `now`; no rules means always on. */
export function isOnAir(onHours: OnHours, now: Date, timeZone: string): boolean {
  if (onHours.rules.length === 0) return true;
  const local = localTime(now, timeZone);
  return onHours.rules.some((rule) => ruleCovers(rule, local.weekday, local.minutes));
}
