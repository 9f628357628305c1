/** Creates an activity unless the name is taken. Params: $1 arn, $2 name. Returns arn, created_at, or nothing. */
export const INSERT_ACTIVITY = `
INSERT INTO activities (arn, name) VALUES ($1, $2)
ON CONFLICT DO NOTHING
RETURNING arn, created_at`;

/** A page of activities by name. Params: $1 names after this one, $2 limit. */
export const LIST_ACTIVITIES = `
SELECT arn, name, created_at FROM activities WHERE name > $1 ORDER BY name LIMIT $2`;

/**
 * Stores the task of a Task state on an activity, if the activity exists. A re-sent ScheduleTask (outbox
 * relay after a crash) finds its row and adds nothing, even when a poller has already taken it.
 * Params: $1 token, $2 activity arn, $3 execution arn, $4 input text.
 * Returns one row: activity_exists, inserted.
 */
export const INSERT_ACTIVITY_TASK = `
WITH activity AS (
  SELECT arn FROM activities WHERE arn = $2
), inserted AS (
  INSERT INTO activity_tasks (token, activity_arn, execution_arn, input)
  SELECT $1, arn, $3, $4 FROM activity
  ON CONFLICT (token) DO NOTHING
  RETURNING token
)
SELECT EXISTS (SELECT 1 FROM activity) AS activity_exists, EXISTS (SELECT 1 FROM inserted) AS inserted`;

/**
 * Hands the oldest waiting task of an activity to one poller. SKIP LOCKED lets concurrent pollers pass over
 * a row another one is claiming instead of waiting for it, so no two get the same task.
 * Params: $1 activity arn, $2 worker name. Returns token, execution_arn, input (or nothing).
 */
export const CLAIM_ACTIVITY_TASK = `
UPDATE activity_tasks SET taken_at = now(), worker_name = $2
 WHERE token = (SELECT token FROM activity_tasks
                 WHERE activity_arn = $1 AND taken_at IS NULL
                 ORDER BY created_at, token
                 LIMIT 1 FOR UPDATE SKIP LOCKED)
   AND taken_at IS NULL
RETURNING token, execution_arn, input`;

/** Puts a claimed task back (its TaskStarted could not be recorded). Params: $1 token. */
export const RELEASE_ACTIVITY_TASK = `
UPDATE activity_tasks SET taken_at = NULL, worker_name = NULL WHERE token = $1`;

/**
 * Taken tasks older than $1 seconds, oldest first, at most $2: candidates for forgetting once their
 * execution no longer waits for them. A task still pending keeps its row, so neither a re-sent ScheduleTask
 * (outbox relay, or the queue rebuilt after Redis was lost) nor anything else can hand it to a second worker.
 */
export const OLD_TAKEN_ACTIVITY_TASKS = `
SELECT token, execution_arn FROM activity_tasks
 WHERE taken_at < now() - make_interval(secs => $1)
 ORDER BY taken_at LIMIT $2`;
