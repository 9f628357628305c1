import { nextCronTime } from "./next-cron-time.ts";
import type { Schedule } from "./schedule-expression.ts";

/**
 * When a schedule that starts (is created or enabled) at `now` is first due: one period later for a rate,
 * as EventBridge does, or the next minute a cron expression selects. `undefined`: never (a cron whose years
 * are over).
 */
export function firstDueAt(schedule: Schedule, now: Date): Date | undefined {
  if (schedule.kind === "rate") return new Date(now.getTime() + schedule.periodMs);
  return nextCronTime(schedule.cron, now);
}

/**
 * When a schedule is due next after firing its tick due at `dueAt`, found at `now`: the first tick after
 * `now`. Ticks missed while no process was firing (`dueAt` long past) are skipped, not fired one by one,
 * because EventBridge does not backfill. A rate keeps its phase: ticks stay `dueAt` plus whole periods.
 */
export function nextDueAt(schedule: Schedule, dueAt: Date, now: Date): Date | undefined {
  if (schedule.kind === "rate") {
    const missed = Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / schedule.periodMs));
    return new Date(dueAt.getTime() + (missed + 1) * schedule.periodMs);
  }
  return nextCronTime(schedule.cron, now > dueAt ? now : dueAt);
}
