// 1k. The list with a personal API key instead of a JWT: one indexed lookup of the key's hash
// per request instead of a cached signature check. Measured against the JWT list in
// alternating rounds, like 1c.
import { log } from "../harness/app.js";
import { alternate } from "../harness/rounds.js";

export const id = "1k";

/** A read-and-write key, created through the settings form as a browser posts it (the page shows it once). */
async function apiKeyFor(url, cookie) {
  const response = await fetch(`${url}/settings/api-keys`, {
    method: "POST",
    headers: { cookie, origin: url, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "create-api-key", name: "Bench", scope: "write", lifetimeDays: "30" }),
  });
  const key = (await response.text()).match(/tl_[A-Za-z0-9_-]{43}/)?.[0];
  if (response.status !== 201 || !key) throw new Error(`API key creation failed: ${response.status}`);
  return key;
}

export async function run(bench) {
  log("scenario 1k: GET /api/tasks with an API key");
  const key = await apiKeyFor(bench.app.url, bench.cookie);
  const url = `${bench.app.url}/api/tasks?limit=50`;
  const lists = await alternate({
    jwt: { url, headers: bench.auth, connections: 64 },
    key: { url, headers: { authorization: `Bearer ${key}` }, connections: 64 },
  });
  bench.row("1k. GET /api/tasks, JWT (64 conn)", lists.means.jwt);
  bench.row("1l. GET /api/tasks, API key (64 conn)", lists.means.key);
  bench.checkRatio("1l. API key vs JWT list", lists, ["key", "jwt"], ">= 0.8");
}
