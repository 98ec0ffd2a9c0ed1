import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "vitest";
import { collectGarbageWhenQuiet } from "../../server/idle-memory";

// A quiet process allocates nothing, so V8 would not collect on its own: an object reachable
// only through a WeakRef survives until something does.
function unreachableObject(): WeakRef<object> {
  return new WeakRef({ rows: Array.from({ length: 1_000 }, (_, index) => ({ index })) });
}

test("a quiet spell after activity ends with the garbage collected", async () => {
  const quiet = collectGarbageWhenQuiet(200);
  const garbage = unreachableObject();
  // Activity keeps postponing the collection past its 200 ms...
  for (let turn = 0; turn < 3; turn++) {
    await sleep(100);
    quiet.noteActivity();
  }
  expect(garbage.deref()).toBeDefined();
  // ...which follows once the activity stops.
  await sleep(500);
  expect(garbage.deref()).toBeUndefined();
});
