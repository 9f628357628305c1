import type { ListJobsOptions } from "../ports/task-queue.ts";

/** The most jobs one `list` call returns, whatever it asks. */
export const MAX_LIST_LIMIT = 1000;

/** `list`'s options checked, with their defaults (offset 0, limit 100). */
export function listPage(options: ListJobsOptions = {}): { offset: number; limit: number } {
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 100;
  if (!Number.isInteger(offset) || offset < 0) {
    throw new RangeError(`offset must be a non-negative integer, got ${offset}`);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_LIST_LIMIT}, got ${limit}`);
  }
  return { offset, limit };
}
