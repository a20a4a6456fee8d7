import type { Clock, ClockAdvance } from './types.js';

/** A frozen clock that only moves when told to, so every expiry in a test is exact. */
export function createClock(start: Date): Clock {
  let nowMs = start.getTime();
  return {
    now: () => new Date(nowMs),
    advance(by: ClockAdvance) {
      const seconds = (by.seconds ?? 0) + 60 * (by.minutes ?? 0) + 3600 * (by.hours ?? 0) + 86_400 * (by.days ?? 0);
      nowMs += seconds * 1000;
    },
    set(date: Date) {
      nowMs = date.getTime();
    },
  };
}

export const DAY_MS = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** UTC booking date, YYYY-MM-DD. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
