import { randomUUID } from "node:crypto";
import { db } from "~/db.server";
import { user } from "../../db/schema";

/** A bare user row, for tests of the data layer that need an owner but no sign-in. */
export async function insertUser(name = "Test User") {
  const [row] = await db
    .insert(user)
    .values({ name, email: `${randomUUID()}@example.test` })
    .returning();
  return row!;
}
