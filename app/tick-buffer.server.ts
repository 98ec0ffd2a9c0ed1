// React writes a rendered page as a run of 4 KB views, all in the same tick. Passed on one by
// one, each view took its own trip through the web stream React Router returns and its own
// socket write: ~38 of each for the task list with 50 rows. This stream passes on, as one
// chunk, what arrives in one tick, so a page goes out in one write and what React streams
// later (the loader data's scripts) still goes out as soon as it is written.
import { Transform, type TransformCallback } from "node:stream";

export function tickBuffer({ onEnd }: { onEnd?: () => void } = {}): Transform {
  let chunks: Buffer[] = [];
  let scheduled = false;
  const stream: Transform = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      chunks.push(chunk);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(passOn);
      }
      callback();
    },
    flush(callback: TransformCallback) {
      passOn();
      onEnd?.();
      callback();
    },
  });
  function passOn() {
    scheduled = false;
    if (chunks.length === 0) return;
    stream.push(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    chunks = [];
  }
  return stream;
}
