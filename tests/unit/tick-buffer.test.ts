import { PassThrough, type Transform } from "node:stream";
import { finished } from "node:stream/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { expect, test } from "vitest";
import { tickBuffer } from "../../app/tick-buffer.server";

// A list long enough that React writes it as several of its 4 KB views.
const page = createElement(
  "ul",
  null,
  Array.from({ length: 200 }, (_, index) =>
    createElement("li", { key: index, className: "row text-slate-900 dark:text-slate-100" }, `Task ${index}`),
  ),
);

function render(into: PassThrough | Transform): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  into.on("data", (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  const done = finished(into).then(() => chunks);
  const { pipe } = renderToPipeableStream(page, { onShellReady: () => pipe(into) });
  return done;
}

test("a page React writes in one go leaves as one chunk, byte for byte the same", async () => {
  const separately = await render(new PassThrough());
  const joined = await render(tickBuffer());
  expect(separately.length).toBeGreaterThan(2);
  expect(joined).toHaveLength(1);
  expect(Buffer.concat(joined).equals(Buffer.concat(separately))).toBe(true);
});

test("what is written in a later tick leaves when it is written, not at the end", async () => {
  const stream = tickBuffer();
  const seen: string[] = [];
  stream.on("data", (chunk: Buffer) => seen.push(chunk.toString()));
  stream.write("a");
  stream.write("b");
  await nextTurn();
  expect(seen).toEqual(["ab"]);
  stream.write("c");
  await nextTurn();
  expect(seen).toEqual(["ab", "c"]);
  stream.end();
  await finished(stream);
  expect(seen).toEqual(["ab", "c"]);
});

test("ending passes on what is left at once, and says so once", async () => {
  let ends = 0;
  const stream = tickBuffer({ onEnd: () => (ends += 1) });
  const seen: string[] = [];
  stream.on("data", (chunk: Buffer) => seen.push(chunk.toString()));
  stream.write("last");
  stream.end();
  await finished(stream);
  expect(seen).toEqual(["last"]);
  expect(ends).toBe(1);
});
