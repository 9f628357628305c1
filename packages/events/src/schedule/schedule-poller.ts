/**
 * Runs `fire` every `intervalMs` (the next run is timed from the end of the last, so a slow one never piles
 * up runs) and on demand; runs never overlap within this process. A failed run (the database away) is
 * dropped: the rules stay due, and the next run fires them.
 */
export class SchedulePoller {
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly fire: () => Promise<number>,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.closed || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.fireNow()
        .catch(() => 0)
        .finally(() => this.start());
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Fires what is due now, after any run in progress; resolves with how many rules fired. */
  fireNow(): Promise<number> {
    const run = this.running.then(() => this.fire());
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Stops the timer and waits for a run in progress. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
