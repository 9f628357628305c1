import type { Env, Signal } from "@stepflow/asl";

/**
 * What the env answered during one batch of advances, in the order it was asked. Replaying the same
 * signals against the same snapshot with these answers gives the same next snapshot, because `advance` is
 * deterministic apart from its env.
 */
export interface EnvDraws {
  now: number[];
  random: number[];
  uuid: string[];
  token: string[];
}

/** One journal entry: the signals of one committed batch and the env answers they consumed. */
export interface JournalEntry {
  signals: Signal[];
  draws: EnvDraws;
}

/** Wraps `env` so that every answer it gives is also written down in `draws`. */
export function recordingEnv(env: Env): { env: Env; draws: EnvDraws } {
  const draws = noDraws();
  const taskToken = env.taskToken?.bind(env);
  const record = <T>(list: T[], value: T): T => (list.push(value), value);
  return {
    draws,
    env: {
      execution: env.execution,
      now: () => record(draws.now, env.now()),
      random: () => record(draws.random, env.random()),
      uuid: () => record(draws.uuid, env.uuid()),
      ...(taskToken ? { taskToken: () => record(draws.token, taskToken()) } : {}),
    },
  };
}

/** A journal entry that does not fit the snapshot it is replayed on: the stored execution is inconsistent. */
export class JournalMismatch extends Error {
  override name = "JournalMismatch";
}

/** No draws yet. */
export function noDraws(): EnvDraws {
  return { now: [], random: [], uuid: [], token: [] };
}

/** A journal entry with no signals yet. */
export function emptyEntry(): JournalEntry {
  return { signals: [], draws: noDraws() };
}

/** Both lists of answers, `first`'s before `then`'s (as one env would have given them). */
export function concatDraws(first: EnvDraws, then: EnvDraws): EnvDraws {
  return {
    now: [...first.now, ...then.now],
    random: [...first.random, ...then.random],
    uuid: [...first.uuid, ...then.uuid],
    token: [...first.token, ...then.token],
  };
}

/**
 * An env that gives back the recorded answers, in order. Asking for more than was recorded, or leaving some
 * unused (`assertUsedUp`), means the replay took another path than the original: a mismatch.
 */
export function replayEnv(env: Env, draws: EnvDraws): { env: Env; assertUsedUp(): void } {
  const cursor: Record<keyof EnvDraws, number> = { now: 0, random: 0, uuid: 0, token: 0 };
  const kinds = Object.keys(cursor) as (keyof EnvDraws)[];
  const next = <K extends keyof EnvDraws>(kind: K): EnvDraws[K][number] => {
    const list = draws[kind];
    if (cursor[kind] >= list.length) throw new JournalMismatch(`the journal recorded fewer ${kind} answers`);
    return list[cursor[kind]++]!;
  };
  return {
    env: {
      execution: env.execution,
      now: () => next("now"),
      random: () => next("random"),
      uuid: () => next("uuid"),
      ...(env.taskToken ? { taskToken: () => next("token") } : {}),
    },
    assertUsedUp() {
      for (const kind of kinds) {
        if (cursor[kind] !== draws[kind].length) {
          throw new JournalMismatch(`the journal recorded more ${kind} answers than the replay used`);
        }
      }
    },
  };
}
