// Two builds of the app measured in one process, so that outside load on a shared machine falls
// on both alike (bench/compare-builds.js, bench/activity-write-cost.js): each build's server
// bundle (e.g. main's, built in a copy, and this tree's) loaded on one scratch PostgreSQL
// database and served on its own port, one person signed up, and samples taken in alternating
// rounds (A B, B A, …), read by their median.
//   COMPARE_DATABASE_URL=postgres://… node bench/<script>.js <dir A> <dir B> [rounds]
import { once } from "node:events";
import http from "node:http";
import path from "node:path";
import { createScratchDatabase } from "../../tests/support/scratch-database.js";

/** The origin both builds take as their own (BETTER_AUTH_URL): sign-up and API calls name it. */
export const ORIGIN = "http://127.0.0.1:1";

/**
 * Reads `<dir A> <dir B> [rounds]` from the command line and serves both builds on one scratch
 * database named after `script`. `a` and `b` are `{ dir, base }`; `close()` stops both and drops
 * the database.
 */
export async function startTwoBuilds(script, defaultRounds) {
  const [dirA, dirB] = process.argv.slice(2, 4);
  const rounds = Number(process.argv[4] ?? defaultRounds);
  const adminUrl = process.env.COMPARE_DATABASE_URL;
  if (!dirA || !dirB || !adminUrl)
    throw new Error(`usage: COMPARE_DATABASE_URL=… node bench/${script}.js <dir A> <dir B> [rounds]`);
  const database = await createScratchDatabase(adminUrl, `tasklane_${script.replaceAll("-", "_")}`);
  Object.assign(process.env, {
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    BETTER_AUTH_SECRET: `${script}-secret-`.repeat(4),
    BETTER_AUTH_URL: ORIGIN,
    // Quiet: the mail senders complain once the database is dropped at the end.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "fatal",
    AUTH_RATE_LIMIT: "100000",
    API_RATE_LIMIT: "100000000",
  });
  const servers = [];
  async function serve(dir) {
    const app = await import(path.resolve(dir, "build/server/index.js"));
    await app.startApp();
    const server = http.createServer((req, res) => app.requestListener(req, res)).listen(0, "127.0.0.1");
    await once(server, "listening");
    servers.push(server);
    return { dir, base: `http://127.0.0.1:${server.address().port}` };
  }
  // The newer build first: its migrations are a superset of the older one's.
  const b = await serve(dirB);
  // Two builds on one node_modules share prom-client's registry: the second registers afresh.
  (await import("prom-client")).default.register.clear();
  const a = await serve(dirA);
  return {
    a,
    b,
    rounds,
    /** Stops both servers and drops the database (the builds share one pool, kept on globalThis). */
    close: async () => {
      for (const server of servers) server.close();
      await database.drop();
    },
  };
}

/** Signs a new person up on `base`: their session cookie and an API token (JWT). */
export async function signUpOn(base, name) {
  const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN },
    body: JSON.stringify({
      name,
      email: `${name.toLowerCase()}-${Date.now()}@example.com`,
      password: "Str0ng!Passw0rd",
    }),
  });
  if (!signUp.ok) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
  const cookie = signUp.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  const { token } = await (await fetch(`${base}/api/auth/token`, { headers: { cookie } })).json();
  return { cookie, token };
}

/**
 * One warm-up sample per build, then `rounds` rounds in alternating order; `sample(build)` (a
 * or b) returns one measurement. The samples by build: `{ A: [...], B: [...] }`.
 */
export async function alternateBuilds({ a, b, rounds }, sample) {
  await sample(a);
  await sample(b);
  const samples = { A: [], B: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 ? ["B", "A"] : ["A", "B"]) samples[name].push(await sample(name === "A" ? a : b));
  }
  return samples;
}

export const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
