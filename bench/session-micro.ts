// Scenario 2's floor: what one session lookup costs the process that makes it. Better Auth's
// own getSession, as every signed-in page calls it (sessionMiddleware), against the running
// app's database, 16 at once like scenario 2's connections. BENCH_COOKIE is a real session.
// Also timed without a cookie: the check the lightest page (GET /) already pays for.
import { auth } from "~/auth/auth.server";
import { closeDatabase } from "~/db.server";

async function measure(headers: Headers, signedIn: boolean) {
  const lookup = async () => {
    const session = await auth.api.getSession({ headers, returnHeaders: true });
    if (!!session.response !== signedIn) throw new Error("the benchmark's session cookie is not valid");
  };
  const round = () => Promise.all(Array.from({ length: 16 }, lookup));
  for (let i = 0; i < 100; i++) await round(); // warm-up: JIT, connections, the cookie key
  const rounds = 300;
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < rounds; i++) await round();
  const { user, system } = process.cpuUsage(cpu);
  return {
    count: rounds * 16,
    perSecond: (rounds * 16) / ((performance.now() - started) / 1000),
    cpuMicros: (user + system) / (rounds * 16),
  };
}

const signedIn = await measure(new Headers({ cookie: process.env.BENCH_COOKIE! }), true);
const anonymous = await measure(new Headers(), false);
await closeDatabase();
console.log(JSON.stringify({ ...signedIn, anonymousCpuMicros: anonymous.cpuMicros }));
