// What the domains that write a person's rows share (tasks, labels, projects): how a task's
// updated_at moves, and what a write by an account that no longer exists means.
import { sql } from "drizzle-orm";
import { FOREIGN_KEY_VIOLATION, hasErrorCode } from "~/database-errors.server";
import { task } from "../../db/schema";

// Every write moves updated_at forward, even two writes within one millisecond.
export const nextUpdatedAt = sql`greatest(clock_timestamp(), ${task.updatedAt} + interval '1 millisecond')`;

/** The owner no longer exists (an API token can outlive a deleted account by its lifetime). */
export class OwnerNotFoundError extends Error {
  constructor() {
    super("The owner does not exist");
  }
}

/** Runs a write that references the owner; a missing owner becomes OwnerNotFoundError. */
export async function ownerMustExist<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (hasErrorCode(error, FOREIGN_KEY_VIOLATION)) throw new OwnerNotFoundError();
    throw error;
  }
}
