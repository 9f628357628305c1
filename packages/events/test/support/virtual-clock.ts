/** A clock that runs `speed` times faster than the wall clock from a common origin. */
export interface VirtualClockSettings {
  /** Wall-clock milliseconds at the origin. */
  realOrigin: number;
  /** Virtual milliseconds at the origin. */
  virtualOrigin: number;
  speed: number;
}

/**
 * The virtual time now: every process given the same settings reads the same time (to the precision of
 * their wall clocks), across restarts, so a killed process's successor continues the same schedule.
 */
export function virtualClock(settings: VirtualClockSettings): () => Date {
  return () => new Date(settings.virtualOrigin + (Date.now() - settings.realOrigin) * settings.speed);
}

/** The settings as environment variables of a child process, and back. */
export function clockEnv(settings: VirtualClockSettings): Record<string, string> {
  return {
    CLOCK_REAL_ORIGIN: String(settings.realOrigin),
    CLOCK_VIRTUAL_ORIGIN: String(settings.virtualOrigin),
    CLOCK_SPEED: String(settings.speed),
  };
}

/** Reads the settings {@link clockEnv} wrote. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): VirtualClockSettings {
  const read = (name: string): number => {
    const value = Number(env[name]);
    if (!Number.isFinite(value)) throw new Error(`${name} is not set to a number (the drill test sets it)`);
    return value;
  };
  return {
    realOrigin: read("CLOCK_REAL_ORIGIN"),
    virtualOrigin: read("CLOCK_VIRTUAL_ORIGIN"),
    speed: read("CLOCK_SPEED"),
  };
}
