// Connected apps (issue 35, decisions 123-124) against the built server: a third-party app's
// authorization-code flow over HTTP, what the provider refuses (PKCE, redirect tampering, a
// replayed code or refresh token), Disconnect cutting an app off at its next call, and the MCP
// server through the SDK's own client with an OAuth token and with an API key.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, postForm } from "../support/http-client";
import {
  authorize,
  connectApp,
  connectedApp,
  pkcePair,
  redirectTarget,
  registerApp,
  tokenRequest,
} from "../support/oauth";
import {
  freePort,
  type HttpAccount,
  type ServerProcess,
  signUpOver,
  startServer,
  waitForStatus,
} from "../support/server-process";

const dataDir = mkdtempSync(path.join(tmpdir(), "tasklane-oauth-"));
let server: ServerProcess | undefined;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = startServer({ DATA_DIR: dataDir, BETTER_AUTH_URL: base, LOG_LEVEL: "warn" }, port);
  await waitForStatus(`${base}/readyz`);
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const api = (pathname: string, token: string, init: RequestInit = {}) =>
  fetch(`${base}${pathname}`, { ...init, headers: { ...bearer(token), ...init.headers } });

function mcpClient(token: string) {
  const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
    requestInit: { headers: bearer(token) },
  });
  const client = new Client({ name: "tasklane-test", version: "1.0.0" });
  return { client, connect: () => client.connect(transport) };
}

describe("the authorization-code flow", () => {
  let person: HttpAccount;
  beforeAll(async () => {
    person = await signUpOver(base);
  });

  it("gives a third-party app the API's own RS256 JWT (scope, azp), which the API accepts unchanged", async () => {
    const { app, tokens } = await connectedApp(base, person.cookie, { name: "Calendar", kind: "confidential" });
    expect(app.clientSecret).toBeDefined();
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.scope).toBe("tasks:read tasks:write offline_access");
    expect(decodeProtectedHeader(tokens.access_token).alg).toBe("RS256");
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({ azp: app.clientId, scope: tokens.scope, aud: base, iss: base, email: person.email });

    const created = await api("/api/tasks", tokens.access_token, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "From the calendar" }),
    });
    expect(created.status).toBe(201);
    const list = await api("/api/tasks", tokens.access_token);
    expect(((await list.json()) as { tasks: { title: string }[] }).tasks.map((task) => task.title)).toEqual([
      "From the calendar",
    ]);
  });

  it("rotates refresh tokens: the new one works, the used one is refused", async () => {
    const { app, tokens } = await connectedApp(base, person.cookie, { name: "Phone" });
    const refresh = (token: string) =>
      tokenRequest(base, { grant_type: "refresh_token", refresh_token: token, client_id: app.clientId });
    const first = await refresh(tokens.refresh_token!);
    expect(first.status).toBe(200);
    const next = (await first.json()) as { access_token: string; refresh_token: string };
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect((await api("/api/tasks", next.access_token)).status).toBe(200);
    const replay = await refresh(tokens.refresh_token!);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe("invalid_grant");
  });

  it("revokes a refresh token (RFC 7009): it no longer refreshes", async () => {
    const { app, tokens } = await connectedApp(base, person.cookie, { name: "Revoker" });
    const revoked = await fetch(`${base}/api/auth/oauth2/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        token: tokens.refresh_token!,
        token_type_hint: "refresh_token",
        client_id: app.clientId,
      }),
    });
    expect(revoked.status).toBe(200);
    const refresh = await tokenRequest(base, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token!,
      client_id: app.clientId,
    });
    expect(refresh.status).toBe(400);
  });

  it("remembers consent per app and scope set, and asks again for more", async () => {
    const { app } = await connectedApp(base, person.cookie, { name: "Reader" }, { scope: "tasks:read" });
    const { challenge } = pkcePair();
    const again = (scope: string) =>
      get(
        base,
        `/api/auth/oauth2/authorize?${new URLSearchParams({
          response_type: "code",
          client_id: app.clientId,
          redirect_uri: "http://127.0.0.1/callback",
          scope,
          state: "s",
          code_challenge: challenge,
          code_challenge_method: "S256",
        })}`,
        { cookie: person.cookie },
      );
    expect(new URL(await redirectTarget(await again("tasks:read")), base).searchParams.get("code")).toBeTruthy();
    expect(new URL(await redirectTarget(await again("tasks:read tasks:write")), base).pathname).toBe("/oauth/consent");
  });

  it("a read-only grant may read and not write", async () => {
    const { tokens } = await connectedApp(base, person.cookie, { name: "Read only" }, { scope: "tasks:read" });
    expect((await api("/api/tasks", tokens.access_token)).status).toBe(200);
    const write = await api("/api/tasks", tokens.access_token, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "No" }),
    });
    expect(write.status).toBe(403);
  });

  it("Disconnect cuts the app off at its next call, its refresh token too, and the page lists it no more", async () => {
    const { app, tokens } = await connectedApp(base, person.cookie, { name: "Cut off" });
    expect((await api("/api/tasks", tokens.access_token)).status).toBe(200);
    const page = await get(base, "/settings/connected-apps", { cookie: person.cookie });
    expect(await page.text()).toContain("Cut off");

    const disconnect = await postForm(
      base,
      "/settings/connected-apps",
      { intent: "disconnect-app", clientId: app.clientId },
      { cookie: person.cookie },
    );
    expect(disconnect.status).toBe(302);
    const refused = await api("/api/tasks", tokens.access_token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain("invalid_token");
    const refresh = await tokenRequest(base, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token!,
      client_id: app.clientId,
    });
    expect(refresh.status).toBe(400);
    expect(await (await get(base, "/settings/connected-apps", { cookie: person.cookie })).text()).not.toContain(
      "Cut off",
    );
    // Someone else's (or an unknown) app: nothing to disconnect, the same 404.
    const again = await postForm(
      base,
      "/settings/connected-apps",
      { intent: "disconnect-app", clientId: app.clientId },
      { cookie: person.cookie },
    );
    expect(again.status).toBe(404);
  });

  it("a deleted app's tokens stop at once", async () => {
    const { app, tokens } = await connectedApp(base, person.cookie, { name: "Deleted" });
    const deleted = await postForm(
      base,
      "/settings/developer-apps",
      { intent: "delete-app", clientId: app.clientId },
      { cookie: person.cookie },
    );
    expect(deleted.status).toBe(302);
    expect((await api("/api/tasks", tokens.access_token)).status).toBe(401);
  });
});

describe("what the provider refuses", () => {
  let person: HttpAccount;
  let app: { clientId: string };
  beforeAll(async () => {
    person = await signUpOver(base);
    app = await registerApp(base, person.cookie, { name: "Target" });
  });

  const authorizeWith = (params: Record<string, string>) =>
    get(
      base,
      `/api/auth/oauth2/authorize?${new URLSearchParams({
        response_type: "code",
        client_id: app.clientId,
        redirect_uri: "http://127.0.0.1/callback",
        scope: "tasks:read",
        state: "s",
        ...params,
      })}`,
      { cookie: person.cookie },
    );

  it("never redirects to a URI the app did not register (redirect tampering)", async () => {
    for (const redirect_uri of [
      "https://attacker.example/callback",
      "http://127.0.0.1/callback/../steal",
      "http://127.0.0.1/callbackx",
      "http://attacker.example/callback",
    ]) {
      const response = await authorizeWith({
        redirect_uri,
        code_challenge: pkcePair().challenge,
        code_challenge_method: "S256",
      });
      const target = response.status === 302 ? response.headers.get("location") : await response.text();
      expect(target ?? "").not.toContain("attacker.example");
      expect(target ?? "").not.toContain("code=");
    }
  });

  it("requires PKCE with S256 (no challenge, or plain, is refused)", async () => {
    const attempts: Record<string, string>[] = [{}, { code_challenge: "a".repeat(43), code_challenge_method: "plain" }];
    for (const params of attempts) {
      const target = new URL(await redirectTarget(await authorizeWith(params)), base);
      expect(target.searchParams.get("code")).toBeNull();
      expect(target.searchParams.get("error")).toBeTruthy();
    }
  });

  it("refuses a code with the wrong verifier, and a code used twice (code interception)", async () => {
    const { code, redirectUri } = await authorize(base, person.cookie, { clientId: app.clientId, scope: "tasks:read" });
    const exchange = (verifier: string) =>
      tokenRequest(base, {
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
        client_id: app.clientId,
      });
    expect((await exchange(pkcePair().verifier)).status).toBe(400);
    const second = await authorize(base, person.cookie, { clientId: app.clientId, scope: "tasks:read" });
    const good = () =>
      tokenRequest(base, {
        grant_type: "authorization_code",
        code: second.code,
        redirect_uri: second.redirectUri,
        code_verifier: second.verifier,
        client_id: app.clientId,
      });
    expect((await good()).status).toBe(200);
    expect((await good()).status).toBe(400);
  });

  it("keeps dynamic registration off by default, and Better Auth's client and consent management off HTTP", async () => {
    const register = await fetch(`${base}/api/auth/oauth2/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ redirect_uris: ["https://app.example/cb"], token_endpoint_auth_method: "none" }),
    });
    expect(register.status).toBeGreaterThanOrEqual(400);
    expect(register.status).toBeLessThan(500);
    for (const pathname of ["/oauth2/get-clients", "/oauth2/get-consents"]) {
      expect((await get(base, `/api/auth${pathname}`, { cookie: person.cookie })).status).toBe(404);
    }
  });

  it("the consent page refuses a tampered request", async () => {
    const { challenge } = pkcePair();
    const consent = new URL(
      // Scopes not allowed yet (the tests above allowed tasks:read): the consent page.
      await redirectTarget(
        await authorizeWith({
          scope: "tasks:read tasks:write",
          code_challenge: challenge,
          code_challenge_method: "S256",
        }),
      ),
      base,
    );
    expect(consent.pathname).toBe("/oauth/consent");
    const tampered = new URLSearchParams(consent.search);
    tampered.set("redirect_uri", "https://attacker.example/callback");
    expect((await get(base, `/oauth/consent?${tampered}`, { cookie: person.cookie })).status).toBe(400);
    const post = await postForm(
      base,
      "/oauth/consent",
      { intent: "allow", oauth_query: tampered.toString() },
      { cookie: person.cookie },
    );
    expect(post.status).toBe(400);
    expect(post.headers.get("location")).toBeNull();
  });
});

describe("the MCP server", () => {
  let person: HttpAccount;
  beforeAll(async () => {
    person = await signUpOver(base);
  });

  it("answers a request without a token with 401 and the protected-resource metadata's address", async () => {
    const response = await fetch(`${base}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(response.status).toBe(401);
    const challenge = response.headers.get("www-authenticate")!;
    expect(challenge).toMatch(/^Bearer /);
    const metadataUrl = challenge.match(/resource_metadata="([^"]+)"/)![1]!;
    const metadata = (await (await fetch(metadataUrl)).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({ resource: base, authorization_servers: [base] });
    const server = (await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json()) as Record<
      string,
      unknown
    >;
    expect(server).toMatchObject({
      issuer: base,
      authorization_endpoint: `${base}/api/auth/oauth2/authorize`,
      token_endpoint: `${base}/api/auth/oauth2/token`,
      revocation_endpoint: `${base}/api/auth/oauth2/revoke`,
      code_challenge_methods_supported: ["S256"],
    });
  });

  it("lists and calls the tools through the SDK's client with an OAuth token (MCP's resource name accepted)", async () => {
    const { tokens } = await connectedApp(base, person.cookie, { name: "Assistant" }, { resource: `${base}/mcp` });
    expect(decodeJwt(tokens.access_token).aud).toBe(base);
    const { client, connect } = mcpClient(tokens.access_token);
    await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      "complete_task",
      "create_task",
      "get_task",
      "list_labels",
      "list_projects",
      "list_tasks",
      "quick_add_task",
      "search_tasks",
      "update_task",
    ]);
    const text = (result: Awaited<ReturnType<typeof client.callTool>>) =>
      JSON.parse((result.content as { text: string }[])[0]!.text);

    const projects = text(await client.callTool({ name: "list_projects", arguments: {} }));
    expect(projects.projects.map((project: { name: string }) => project.name)).toEqual(["Inbox"]);
    const added = text(await client.callTool({ name: "quick_add_task", arguments: { text: "Water the plants p1" } }));
    expect(added).toMatchObject({ title: "Water the plants", priority: "high", completed: false });
    const done = text(await client.callTool({ name: "complete_task", arguments: { id: added.id } }));
    expect(done.completed).toBe(true);
    const found = text(await client.callTool({ name: "search_tasks", arguments: { q: "plants", status: "all" } }));
    expect(found.tasks.map((task: { id: string }) => task.id)).toEqual([added.id]);
    const missing = await client.callTool({ name: "get_task", arguments: { id: crypto.randomUUID() } });
    expect(missing.isError).toBe(true);
    expect((missing.content as { text: string }[])[0]!.text).toBe("No such task");
    const invalid = await client.callTool({ name: "create_task", arguments: { title: "" } });
    expect(invalid.isError).toBe(true);
    await client.close();
  });

  it("refuses a write tool to a read-only token with 403 insufficient_scope", async () => {
    const { tokens } = await connectedApp(
      base,
      person.cookie,
      { name: "Read-only assistant" },
      { scope: "tasks:read" },
    );
    const { client, connect } = mcpClient(tokens.access_token);
    await connect();
    expect((await client.callTool({ name: "list_labels", arguments: {} })).isError).toBeFalsy();
    await expect(client.callTool({ name: "create_task", arguments: { title: "No" } })).rejects.toThrow(/403/);
    await client.close();
    const raw = await fetch(`${base}/mcp`, {
      method: "POST",
      headers: {
        ...bearer(tokens.access_token),
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: "create_task", arguments: { title: "No" } },
      }),
    });
    expect(raw.status).toBe(403);
    expect(raw.headers.get("www-authenticate")).toMatch(/insufficient_scope.*scope="tasks:write".*resource_metadata=/);
  });

  it("accepts a personal API key as the bearer, and refuses a disconnected app's token at once", async () => {
    const page = await postForm(
      base,
      "/settings/api-keys",
      { intent: "create-api-key", name: "Script", scope: "read", lifetimeDays: "30" },
      { cookie: person.cookie },
    );
    const key = (await page.text()).match(/tl_[A-Za-z0-9_-]{43}/)![0];
    const { client, connect } = mcpClient(key);
    await connect();
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();

    const { app, tokens } = await connectedApp(base, person.cookie, { name: "Gone" });
    await postForm(
      base,
      "/settings/connected-apps",
      { intent: "disconnect-app", clientId: app.clientId },
      { cookie: person.cookie },
    );
    const gone = mcpClient(tokens.access_token);
    await expect(gone.connect()).rejects.toThrow();
  });
});

describe("dynamic client registration, turned on", () => {
  const onDir = mkdtempSync(path.join(tmpdir(), "tasklane-oauth-dcr-"));
  let onServer: ServerProcess | undefined;
  let onBase: string;
  beforeAll(async () => {
    const port = await freePort();
    onBase = `http://localhost:${port}`;
    onServer = startServer(
      { DATA_DIR: onDir, BETTER_AUTH_URL: onBase, LOG_LEVEL: "warn", OAUTH_DYNAMIC_REGISTRATION: "true" },
      port,
    );
    await waitForStatus(`${onBase}/readyz`);
  });
  afterAll(async () => {
    await onServer?.stop();
    rmSync(onDir, { recursive: true, force: true });
  });

  it("registers a public app without a session (RFC 7591), which then runs the flow, 10 an hour per client IP", async () => {
    const register = (name: string) =>
      fetch(`${onBase}/api/auth/oauth2/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          client_name: name,
          redirect_uris: ["http://127.0.0.1/callback"],
          token_endpoint_auth_method: "none",
          application_type: "native",
          grant_types: ["authorization_code", "refresh_token"],
          response_types: ["code"],
        }),
      });
    const first = await register("An assistant");
    const body = await first.text();
    expect(first.status, body).toBe(201);
    const { client_id } = JSON.parse(body) as { client_id: string };
    const person = await signUpOver(onBase);
    const tokens = await connectApp(
      onBase,
      person.cookie,
      { clientId: client_id },
      { scope: "tasks:read offline_access" },
    );
    expect((await fetch(`${onBase}/api/tasks`, { headers: bearer(tokens.access_token) })).status).toBe(200);

    const answers: number[] = [];
    for (let i = 0; i < 10; i++) answers.push((await register(`Flood ${i}`)).status);
    expect(answers.at(-1)).toBe(429);
  });
});
