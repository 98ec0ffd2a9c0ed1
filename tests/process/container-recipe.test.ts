// No Docker engine runs here, so this test performs the Dockerfile's steps itself: the
// build stage (npm ci + build), the prod-deps stage (npm ci --omit=dev), and the runtime
// stage assembled from the Dockerfile's own COPY lines, started with its ENV and CMD.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort, waitForStatus } from "../support/server-process";
import { spawn } from "node:child_process";
import { once } from "node:events";

interface Stage {
  name: string;
  env: Record<string, string>;
  copies: { from?: string; sources: string[]; destination: string }[];
  runs: string[];
  cmd?: string[];
}

function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((line) => line.trim());
  for (const line of lines) {
    if (!line || line.startsWith("#")) continue;
    const [instruction, ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    if (instruction === "FROM") {
      stages.push({ name: args.split(/\s+AS\s+/i)[1] ?? "", env: {}, copies: [], runs: [] });
      continue;
    }
    const stage = stages.at(-1)!;
    if (instruction === "ENV") {
      for (const match of args.matchAll(/(\w+)=(\S+)/g)) stage.env[match[1]!] = match[2]!;
    } else if (instruction === "COPY") {
      const parts = args.split(/\s+/);
      const from = parts[0]!.startsWith("--from=") ? parts.shift()!.slice("--from=".length) : undefined;
      stage.copies.push({ from, sources: parts.slice(0, -1), destination: parts.at(-1)! });
    } else if (instruction === "RUN") {
      stage.runs.push(args);
    } else if (instruction === "CMD") {
      stage.cmd = JSON.parse(args);
    }
  }
  return stages;
}

const root = mkdtempSync(path.join(tmpdir(), "tasklane-docker-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it("the Dockerfile's stages build and the runtime image serves the app", { timeout: 600_000 }, async () => {
  const stages = parseDockerfile(readFileSync("Dockerfile", "utf8"));
  expect(stages.map((stage) => stage.name)).toEqual(["deps", "build", "prod-deps", "runtime"]);
  const runtime = stages.find((stage) => stage.name === "runtime")!;
  expect(runtime.env.NODE_ENV).toBe("production");
  expect(readFileSync("Dockerfile", "utf8")).toMatch(/^USER node$/m);
  expect(readFileSync("Dockerfile", "utf8")).toMatch(/^HEALTHCHECK [^\n]*\\\n[^\n]*\/healthz/m);

  // The build context: the tracked files, as .dockerignore leaves them.
  const context = path.join(root, "context");
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(context, file)), { recursive: true });
    cpSync(file, path.join(context, file));
  }

  const npm = (cwd: string, ...args: string[]) =>
    execFileSync("npm", [...args, "--no-audit", "--no-fund"], {
      cwd,
      stdio: "pipe",
      env: { ...process.env, NODE_ENV: "" },
    });

  // deps + build stages
  const build = path.join(root, "build");
  cpSync(context, build, { recursive: true });
  npm(build, "ci");
  npm(build, "run", "build");

  // prod-deps stage
  const prodDeps = path.join(root, "prod-deps");
  mkdirSync(prodDeps);
  for (const file of ["package.json", "package-lock.json"]) cpSync(path.join(context, file), path.join(prodDeps, file));
  npm(prodDeps, "ci", "--omit=dev");

  // runtime stage, from its COPY lines
  const app = path.join(root, "runtime");
  mkdirSync(app);
  const stageDirs: Record<string, string> = { build, "prod-deps": prodDeps };
  for (const copy of runtime.copies) {
    for (const source of copy.sources) {
      const from = copy.from
        ? path.join(stageDirs[copy.from]!, source.replace(/^\/app\/?/, ""))
        : path.join(context, source);
      const to = copy.destination.endsWith("/")
        ? path.join(app, copy.destination, path.basename(source))
        : path.join(app, copy.destination);
      cpSync(from, to, { recursive: true });
    }
  }

  const port = await freePort();
  const dataDir = path.join(root, "volume");
  const child = spawn(process.execPath, runtime.cmd!.slice(1), {
    cwd: app,
    env: { PATH: process.env.PATH ?? "", ...runtime.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir },
    stdio: "ignore",
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForStatus(`${url}/healthz`);
    await waitForStatus(`${url}/readyz`);
    expect((await fetch(`${url}/`)).status).toBe(200);
  } finally {
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  }
});
