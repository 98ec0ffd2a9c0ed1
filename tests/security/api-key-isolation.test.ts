// Personal API keys against someone trying to misuse them: another user's key, forged keys,
// the right prefix with a wrong secret, revoked and expired keys, a deleted user's key, and
// read keys (and the JWTs minted from them) on every write route.
import { decodeJwt } from "jose";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiKey } from "../../db/schema";
import { createApiKey, revokeApiKey } from "~/api-keys/api-keys.server";
import { API_KEY_PREFIX } from "~/api-keys/key-rules";
import { db } from "~/db.server";
import { apiFetch, type ApiUser, ORIGIN, PASSWORD, signUpApiUser, withToken } from "../support/api";
import { auth } from "~/auth/auth.server";

const actor = { ipAddress: "127.0.0.1", userAgent: "test" };

async function keyFor(user: ApiUser, scope: "read" | "write", lifetimeDays = 30) {
  const { key, view } = await createApiKey(
    { id: user.id, email: user.email, name: "Test" },
    { name: `${scope} key`, scope, lifetimeDays },
    actor,
  );
  return { key, id: view.id };
}

async function mint(key: string) {
  const response = await apiFetch("/api/auth/token", withToken(key, { method: "POST" }));
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

let ann: ApiUser;
let bob: ApiUser;
let annWrite: string;
let annRead: string;
let bobWrite: string;
let annTaskId: string;
let annLabelId: string;

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
  bob = await signUpApiUser("Bob");
  annWrite = (await keyFor(ann, "write")).key;
  annRead = (await keyFor(ann, "read")).key;
  bobWrite = (await keyFor(bob, "write")).key;
  const created = await apiFetch(
    "/api/tasks",
    withToken(annWrite, { method: "POST", json: { title: "Ann's secret" } }),
  );
  expect(created.status).toBe(201);
  annTaskId = ((await created.json()) as { id: string }).id;
  const label = await apiFetch(
    "/api/labels",
    withToken(annWrite, { method: "POST", json: { name: "Home", color: "blue" } }),
  );
  expect(label.status).toBe(201);
  annLabelId = ((await label.json()) as { id: string }).id;
});

async function expectInvalidToken(response: Response) {
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
  expect(response.headers.get("content-type")).toBe("application/problem+json");
}

const writeRoutes = (prefix: string) =>
  [
    [`${prefix}/tasks`, "POST", { title: "New" }],
    [`${prefix}/tasks/${annTaskId}`, "PUT", { title: "Changed" }],
    [`${prefix}/tasks/${annTaskId}`, "PATCH", { title: "Changed" }],
    [`${prefix}/tasks/${annTaskId}/complete`, "PATCH", undefined],
    [`${prefix}/tasks/${annTaskId}`, "DELETE", undefined],
    [`${prefix}/labels`, "POST", { name: "Work", color: "red" }],
    [`${prefix}/labels/${annLabelId}`, "PATCH", { name: "Renamed" }],
    [`${prefix}/labels/${annLabelId}`, "DELETE", undefined],
  ] as const;

describe("a key works for its owner only", () => {
  it("lists, reads and changes the owner's tasks", async () => {
    const list = await apiFetch("/api/tasks", withToken(annWrite));
    expect(list.status).toBe(200);
    expect(((await list.json()) as { tasks: { id: string }[] }).tasks.map((task) => task.id)).toContain(annTaskId);
    expect((await apiFetch(`/api/tasks/${annTaskId}`, withToken(annRead))).status).toBe(200);
    expect((await apiFetch("/api/auth/me", withToken(annRead))).status).toBe(200);
  });

  it("never shows or changes another user's task: 404 as for a missing one", async () => {
    expect(((await (await apiFetch("/api/tasks", withToken(bobWrite))).json()) as { tasks: unknown[] }).tasks).toEqual(
      [],
    );
    const onAnnsTask = [
      [`/api/tasks/${annTaskId}`, "GET", undefined],
      ...writeRoutes("/api").filter(([path]) => path.includes(annTaskId)),
    ] as const;
    for (const [path, method, json] of onAnnsTask) {
      const response = await apiFetch(path, withToken(bobWrite, { method, json }));
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    const still = await apiFetch(`/api/tasks/${annTaskId}`, withToken(annRead));
    expect(((await still.json()) as { title: string }).title).toBe("Ann's secret");
  });

  it("answers 403 under another user's id", async () => {
    expect((await apiFetch(`/api/${ann.id}/tasks`, withToken(bobWrite))).status).toBe(403);
  });
});

describe("keys we did not issue or no longer honour get 401 invalid_token", () => {
  it("refuses a made-up key, a wrong secret with the right prefix, and near-misses of a real key", async () => {
    const wrongSecret = API_KEY_PREFIX + "A".repeat(43);
    const lastCharFlipped = annWrite.slice(0, -1) + (annWrite.endsWith("A") ? "B" : "A");
    for (const key of [
      wrongSecret,
      lastCharFlipped,
      annWrite + "x",
      annWrite.slice(0, -1),
      API_KEY_PREFIX,
      `${API_KEY_PREFIX}' or 1=1 --`,
    ]) {
      await expectInvalidToken(await apiFetch("/api/tasks", withToken(key)));
    }
  });

  it("refuses a revoked key at once, and POST /api/auth/token with it", async () => {
    const { key, id } = await keyFor(ann, "write");
    expect((await apiFetch("/api/tasks", withToken(key))).status).toBe(200);
    expect(await revokeApiKey({ id: ann.id, email: ann.email }, id, actor)).toBe(true);
    await expectInvalidToken(await apiFetch("/api/tasks", withToken(key)));
    await expectInvalidToken(await apiFetch("/api/auth/token", withToken(key, { method: "POST" })));
  });

  it("does not let one user revoke another's key", async () => {
    const { key, id } = await keyFor(ann, "read");
    expect(await revokeApiKey({ id: bob.id, email: bob.email }, id, actor)).toBe(false);
    expect((await apiFetch("/api/tasks", withToken(key))).status).toBe(200);
  });

  it("refuses an expired key", async () => {
    const { key, id } = await keyFor(ann, "read");
    await db
      .update(apiKey)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKey.id, id));
    await expectInvalidToken(await apiFetch("/api/tasks", withToken(key)));
  });

  it("refuses the key of a deleted account (its keys go with it)", async () => {
    const carl = await signUpApiUser("Carl");
    const { key } = await keyFor(carl, "write");
    expect((await apiFetch("/api/tasks", withToken(key))).status).toBe(200);
    const deleted = await auth.handler(
      new Request(`${ORIGIN}/api/auth/delete-user`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, authorization: `Bearer ${carl.sessionToken}` },
        body: JSON.stringify({ password: PASSWORD }),
      }),
    );
    expect(deleted.status).toBe(200);
    expect(await db.select().from(apiKey).where(eq(apiKey.userId, carl.id))).toEqual([]);
    await expectInvalidToken(await apiFetch("/api/tasks", withToken(key)));
  });
});

describe("scopes", () => {
  async function expectInsufficientScope(response: Response) {
    expect(response.status).toBe(403);
    expect(response.headers.get("www-authenticate")).toBe('Bearer error="insufficient_scope", scope="tasks:write"');
  }

  it("refuses a read key, and a JWT minted from it, on every write route", async () => {
    const readJwt = await mint(annRead);
    expect(decodeJwt(readJwt).scope).toBe("tasks:read");
    for (const credential of [annRead, readJwt]) {
      for (const prefix of ["/api", `/api/${ann.id}`]) {
        for (const [path, method, json] of writeRoutes(prefix)) {
          await expectInsufficientScope(await apiFetch(path, withToken(credential, { method, json })));
        }
      }
      expect((await apiFetch(`/api/tasks/${annTaskId}`, withToken(credential))).status).toBe(200);
    }
    // Nothing changed.
    const task = await apiFetch(`/api/tasks/${annTaskId}`, withToken(annRead));
    expect(await task.json()).toMatchObject({ title: "Ann's secret", completed: false });
  });

  it("lets a write key's JWT write, with both scopes in its claim", async () => {
    const writeJwt = await mint(annWrite);
    expect(decodeJwt(writeJwt)).toMatchObject({ sub: ann.id, email: ann.email, scope: "tasks:read tasks:write" });
    const created = await apiFetch(
      "/api/tasks",
      withToken(writeJwt, { method: "POST", json: { title: "From a key's JWT" } }),
    );
    expect(created.status).toBe(201);
  });

  it("keeps session JWTs as they were: no scope claim, full access", async () => {
    expect(decodeJwt(ann.token).scope).toBeUndefined();
    expect(
      (await apiFetch("/api/tasks", withToken(ann.token, { method: "POST", json: { title: "Session" } }))).status,
    ).toBe(201);
  });

  it("refuses a JWT signed by us whose scope claim is not a string, and one with no known scope", async () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = async (scope: unknown) =>
      (await auth.api.signJWT({ body: { payload: { sub: ann.id, email: ann.email, iat: now, scope } } })).token;
    await expectInvalidToken(await apiFetch("/api/tasks", withToken(await sign(["tasks:write"]))));
    const none = await sign("admin");
    expect((await apiFetch("/api/tasks", withToken(none))).status).toBe(403);
  });

  it("takes only a key at POST /api/auth/token", async () => {
    for (const credential of [ann.token, ann.sessionToken]) {
      const response = await apiFetch("/api/auth/token", withToken(credential, { method: "POST" }));
      expect(response.status).toBe(401);
    }
  });
});
