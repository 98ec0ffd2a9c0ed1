import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "vitest";
import { collectGarbageWhenQuiet, garbageCollector } from "../../server/idle-memory";

test("the garbage is collected once the process has been quiet", async () => {
  // A quiet process allocates nothing, so V8 would not collect on its own: an object reachable
  // only through a WeakRef survives until something does.
  const garbage = new WeakRef({ rows: Array.from({ length: 1_000 }, (_, index) => ({ index })) });
  collectGarbageWhenQuiet(100);
  await sleep(400);
  expect(garbage.deref()).toBeUndefined();
});

test("requests keep postponing the collection, which runs once after the last", async () => {
  const gc = garbageCollector();
  let collections = 0;
  // 500 ms against activity every 100: a slow machine can stretch the steps without a collection.
  const quiet = collectGarbageWhenQuiet(500, (options) => {
    collections += 1;
    gc(options);
  });
  for (let turn = 0; turn < 4; turn++) {
    await sleep(100);
    quiet.noteActivity();
  }
  expect(collections).toBe(0);
  await sleep(800);
  expect(collections).toBe(1);
});
