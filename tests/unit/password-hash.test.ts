// Our password hashing must stay interchangeable with Better Auth's own (accounts created
// before and after read the same), and must run in worker threads below the process's
// scheduling priority, so a burst of sign-ins cannot take the CPU from other requests.
import { readdirSync, readFileSync } from "node:fs";
import { hashPassword as betterAuthHash, verifyPassword as betterAuthVerify } from "@better-auth/utils/password";
import { describe, expect, it, vi } from "vitest";
import { hashPassword, verifyPassword } from "~/auth/password-hash.server";

describe("password hashing", () => {
  it("verifies a hash Better Auth made, and Better Auth verifies ours", async () => {
    const theirs = await betterAuthHash("Str0ng!Passw0rd");
    expect(await verifyPassword({ hash: theirs, password: "Str0ng!Passw0rd" })).toBe(true);
    expect(await verifyPassword({ hash: theirs, password: "Str0ng!Passw0rd?" })).toBe(false);

    const ours = await hashPassword("Ünïcödé!Passw0rd");
    expect(ours).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(await betterAuthVerify(ours, "Ünïcödé!Passw0rd")).toBe(true);
    // NFKC, as Better Auth: the decomposed spelling of the same text is the same password.
    expect(await verifyPassword({ hash: ours, password: "Ünïcödé!Passw0rd".normalize("NFD") })).toBe(true);
  });

  it("gives each hash its own salt", async () => {
    const [first, second] = await Promise.all([hashPassword("Same!Passw0rd"), hashPassword("Same!Passw0rd")]);
    expect(first).not.toBe(second);
  });

  it("refuses a stored hash that is not salt:key", async () => {
    await expect(verifyPassword({ hash: "garbage", password: "x" })).rejects.toThrow("Invalid password hash");
  });

  it.runIf(process.platform === "linux")("runs scrypt in threads niced below the rest of the process", async () => {
    const niceness = () =>
      readdirSync("/proc/self/task").map((tid) => {
        const name = readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim();
        // Field 19 of stat (after the parenthesised command name) is the nice value.
        const nice = Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ")[16]);
        return { name, nice };
      });
    const hashing = Promise.all([hashPassword("a"), hashPassword("b")]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const threads = niceness();
    await hashing;
    expect(threads.find((thread) => thread.name === "MainThread")?.nice).toBe(0);
    expect(threads.filter((thread) => thread.nice > 0).length).toBeGreaterThanOrEqual(1);
  });
});

describe("idle password threads", () => {
  it("stops its threads after 10 s without work and starts them again for the next password", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      await hashPassword("Warm!Passw0rd");
      const workers = () =>
        readdirSync("/proc/self/task").filter((tid) =>
          readFileSync(`/proc/self/task/${tid}/comm`, "utf8").startsWith("WorkerThread"),
        );
      const running = workers().length;
      expect(running).toBeGreaterThan(0);
      vi.advanceTimersByTime(10_000);
      vi.useRealTimers();
      await expect.poll(() => workers().length, { timeout: 5_000 }).toBeLessThan(running);
      expect(await verifyPassword({ hash: await hashPassword("Again!Passw0rd"), password: "Again!Passw0rd" })).toBe(
        true,
      );
    } finally {
      vi.useRealTimers();
    }
  });
});
