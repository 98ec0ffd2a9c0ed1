// The decision records and their index (docs/decisions/README.md) stay in step.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const folder = "docs/decisions";
const records = readdirSync(folder).filter((name) => /^\d{3}-.+\.md$/.test(name));
const index = readFileSync(`${folder}/README.md`, "utf8");
const indexed = [...index.matchAll(/^\| \[(\d{3})\]\(([^)]+)\) \|/gm)].map(([, number, file]) => ({
  number: number!,
  file: file!,
}));

describe("decision records", () => {
  it.each(records)("%s has a Date and a Status line", (name) => {
    const text = readFileSync(`${folder}/${name}`, "utf8");
    expect(text).toMatch(/^Date: \d{4}-\d{2}-\d{2}$/m);
    expect(text).toMatch(/^Status: (accepted|(partly )?superseded by \[?\d{3})/m);
  });

  it("each has a row in the index, and each row points to a record", () => {
    expect(indexed.map(({ file }) => file).toSorted()).toEqual(records.toSorted());
    for (const { number, file } of indexed) expect(file.startsWith(`${number}-`)).toBe(true);
  });

  it("no two records share a number", () => {
    const numbers = records.map((name) => name.slice(0, 3));
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
