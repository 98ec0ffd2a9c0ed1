// The API's rate-limit budget counts locally while a user is far from the limit and writes
// the sum to the database in the background; near the limit every request asks the database.
// Two budgets on one prefix stand for two server processes sharing the table.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { createSharedBudget } from "~/api/rate-limit.server";
import { db } from "~/db.server";
import { rateLimitBucket } from "../../db/schema";

const sharedCount = async (prefix: string, key: string) =>
  (
    await db
      .select()
      .from(rateLimitBucket)
      .where(eq(rateLimitBucket.key, `${prefix}:${key}`))
  )[0]?.points ?? 0;

// Longer than the flush interval (100 ms) and than a process trusts its view (250 ms).
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

it("counts locally under half the budget and adds the sum to the shared count shortly after", async () => {
  const prefix = `budget-${randomUUID()}`;
  const consume = createSharedBudget({ points: 100, duration: 60, keyPrefix: prefix });

  const states = [];
  for (let i = 0; i < 20; i++) states.push(await consume("ann"));
  expect(states.every((state) => state.allowed)).toBe(true);
  expect(states.map((state) => state.headers["RateLimit-Remaining"])).toEqual(
    Array.from({ length: 20 }, (_, i) => String(99 - i)),
  );
  // The first request of the window was written at once, the others are still local.
  expect(await sharedCount(prefix, "ann")).toBeLessThan(20);

  await settle();
  expect(await sharedCount(prefix, "ann")).toBe(20);
});

it("admits exactly the budget when two processes take turns, and refuses both after it", async () => {
  const prefix = `budget-${randomUUID()}`;
  const first = createSharedBudget({ points: 10, duration: 60, keyPrefix: prefix });
  const second = createSharedBudget({ points: 10, duration: 60, keyPrefix: prefix });

  const allowed = [];
  for (let i = 0; i < 14; i++) allowed.push((await (i % 2 ? second : first)("bob")).allowed);
  expect(allowed.filter(Boolean)).toHaveLength(10);
  expect(allowed.slice(10)).toEqual([false, false, false, false]);

  const refused = await first("bob");
  expect(refused.headers["Retry-After"]).toMatch(/^\d+$/);
  expect(refused.headers["RateLimit-Remaining"]).toBe("0");
});

it("sees what another process counted once that process has written it", async () => {
  const prefix = `budget-${randomUUID()}`;
  const first = createSharedBudget({ points: 40, duration: 60, keyPrefix: prefix });
  const second = createSharedBudget({ points: 40, duration: 60, keyPrefix: prefix });

  for (let i = 0; i < 15; i++) await first("cy");
  await settle();
  const state = await second("cy");
  expect(state.headers["RateLimit-Remaining"]).toBe("24");
  // From half the budget on, the second process goes to the database with every request.
  for (let i = 0; i < 24; i++) expect((await second("cy")).allowed).toBe(true);
  expect((await second("cy")).allowed).toBe(false);
  // The first process last heard "15": it no longer trusts that and asks the database.
  await settle();
  expect((await first("cy")).allowed).toBe(false);
});
