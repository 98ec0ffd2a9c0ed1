// A TOTP code works once per account (RFC 6238 §5.2), across server processes: the last
// accepted time step is kept in the database they share.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previousStepCode, secretOfUri, totpCode } from "../support/totp";
import {
  createTestDatabase,
  freePort,
  type ServerProcess,
  startServer,
  testSecret,
  waitForStatus,
} from "../support/server-process";

const adminUrl = process.env.TEST_DATABASE_URL;
const PASSWORD = "Str0ng!Passw0rd";
const publicUrl = "http://tasks.example.test";

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

describe.runIf(adminUrl)("a TOTP code across two instances", () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase(adminUrl!);
    drop = database.drop;
    const env = {
      DATABASE_URL: database.url,
      BETTER_AUTH_SECRET: testSecret(),
      BETTER_AUTH_URL: publicUrl,
      AUTH_RATE_LIMIT: "50",
      LOG_LEVEL: "warn",
    };
    const [portA, portB] = await Promise.all([freePort(), freePort()]);
    a = startServer(env, portA);
    b = startServer(env, portB);
    await Promise.all([a, b].map((server) => waitForStatus(`${server.url}/readyz`)));
  });

  afterAll(async () => {
    await Promise.all([a, b].map((server) => server?.stop()));
    await drop?.();
  });

  const post = (server: ServerProcess, path: string, body: unknown, cookie = "") =>
    fetch(`${server.url}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: publicUrl, cookie },
      body: JSON.stringify(body),
      redirect: "manual",
    });

  /** Signs up on A and turns two-factor on with the previous step's code. */
  async function personWithTwoFactor(name: string) {
    const email = `${name}-${Date.now()}@example.test`;
    const cookie = cookiesOf(await post(a, "/sign-up/email", { name, email, password: PASSWORD }));
    const enable = await post(a, "/two-factor/enable", { password: PASSWORD }, cookie);
    const secret = secretOfUri(((await enable.json()) as { totpURI: string }).totpURI);
    expect((await post(a, "/two-factor/verify-totp", { code: await previousStepCode(secret) }, cookie)).status).toBe(
      200,
    );
    return { email, secret };
  }

  const challengeOn = async (server: ServerProcess, email: string) => {
    const challenge = cookiesOf(await post(server, "/sign-in/email", { email, password: PASSWORD }));
    expect(challenge).toMatch(/two_factor=/);
    return challenge;
  };

  it("signs in once on A; B refuses the same code within its step with the answer to a wrong code", async () => {
    const { email, secret } = await personWithTwoFactor("replay");
    const [onA, onB] = [await challengeOn(a, email), await challengeOn(b, email)];
    const code = totpCode(secret);

    expect((await post(a, "/two-factor/verify-totp", { code }, onA)).status).toBe(200);
    const replayed = await post(b, "/two-factor/verify-totp", { code }, onB);
    const wrong = await post(b, "/two-factor/verify-totp", { code: totpCode(secret, Date.now() - 120_000) }, onB);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toEqual(await wrong.json());
    // Nothing was signed in on B: the challenge has no session.
    const session = await fetch(`${b.url}/api/auth/get-session`, { headers: { cookie: onB } });
    expect(await session.json()).toBeNull();
  });

  it("sent to both instances at once, the same code wins exactly once", async () => {
    const { email, secret } = await personWithTwoFactor("race");
    const challenges = await Promise.all([a, b, a, b].map((server) => challengeOn(server, email)));
    const code = totpCode(secret);
    const statuses = await Promise.all(
      challenges.map(
        async (challenge, index) =>
          (await post(index % 2 ? b : a, "/two-factor/verify-totp", { code }, challenge)).status,
      ),
    );
    expect(statuses.sort()).toEqual([200, 401, 401, 401]);
  });
});
