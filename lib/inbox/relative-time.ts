// Times as people read them in a chat list. Fixed locale, and an explicit
// time zone on the server render (UTC) so server and hydration agree; the
// browser then re-renders in its own zone (see clock.ts).
import "client-only";
export type ClockSnapshot = { now: number; timeZone?: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function format(at: number, clock: ClockSnapshot, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat("en-US", { timeZone: clock.timeZone, ...options }).format(at);
}

function dayKey(at: number, clock: ClockSnapshot) {
  return format(at, clock, { year: "numeric", month: "2-digit", day: "2-digit" });
}

/** "just now", "5m", "3h", "Mon", "Mar 4", "Mar 4, 2024". */
export function formatRelativeTime(iso: string, clock: ClockSnapshot): string {
  const at = Date.parse(iso);
  const age = clock.now - at;
  if (age < MINUTE) return "just now"; // includes small clock skew into the future
  if (age < HOUR) return `${Math.floor(age / MINUTE)}m`;
  if (age < DAY) return `${Math.floor(age / HOUR)}h`;
  if (age < 6 * DAY) return format(at, clock, { weekday: "short" });
  const sameYear = format(at, clock, { year: "numeric" }) === format(clock.now, clock, { year: "numeric" });
  return format(at, clock, sameYear ? { month: "short", day: "numeric" } : { month: "short", day: "numeric", year: "numeric" });
}

/** A full, unambiguous time for tooltips. */
export function formatFullTime(iso: string, clock: ClockSnapshot): string {
  return format(Date.parse(iso), clock, { dateStyle: "medium", timeStyle: "short" });
}

/** Time of day under a message bubble. */
export function formatClockTime(iso: string, clock: ClockSnapshot): string {
  return format(Date.parse(iso), clock, { hour: "numeric", minute: "2-digit" });
}

/** Day separators in a thread: "Today", "Yesterday", "Monday, March 4". */
export function formatDayLabel(iso: string, clock: ClockSnapshot): string {
  const at = Date.parse(iso);
  const key = dayKey(at, clock);
  if (key === dayKey(clock.now, clock)) return "Today";
  if (key === dayKey(clock.now - DAY, clock)) return "Yesterday";
  const sameYear = format(at, clock, { year: "numeric" }) === format(clock.now, clock, { year: "numeric" });
  return format(at, clock, { weekday: "long", month: "long", day: "numeric", ...(sameYear ? {} : { year: "numeric" }) });
}

export function isSameDay(a: string, b: string, clock: ClockSnapshot): boolean {
  return dayKey(Date.parse(a), clock) === dayKey(Date.parse(b), clock);
}
