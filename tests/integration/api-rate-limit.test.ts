// Each user has API_RATE_LIMIT requests a minute (600 by default), counted in the database.
import { expect, it } from "vitest";
import { config } from "~/config.server";
import { apiFetch, signUpApiUser, withToken } from "../support/api";

it("answers 429 with Retry-After once a user's budget is spent, and only for that user", async () => {
  const [ann, bob] = await Promise.all([signUpApiUser("Ann"), signUpApiUser("Bob")]);
  const limit = config.API_RATE_LIMIT;
  const statuses: number[] = [];
  for (let sent = 0; sent < limit; sent += 50) {
    const batch = Array.from({ length: Math.min(50, limit - sent) }, () => apiFetch("/api/me", withToken(ann.token)));
    statuses.push(...(await Promise.all(batch)).map((response) => response.status));
  }
  expect(statuses.filter((status) => status === 200)).toHaveLength(limit);

  const refused = await apiFetch("/api/me", withToken(ann.token));
  expect(refused.status).toBe(429);
  expect(refused.headers.get("content-type")).toBe("application/problem+json");
  const retryAfter = Number(refused.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(refused.headers.get("ratelimit-limit")).toBe(String(limit));
  expect(refused.headers.get("ratelimit-remaining")).toBe("0");
  expect(refused.headers.get("ratelimit-reset")).toBe(String(retryAfter));

  expect((await apiFetch("/api/me", withToken(bob.token))).status).toBe(200);
});
