// The README's Python snippet is the example program's own function, character for character.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

it("README's token verification is taken from examples/python/tasklane_client.py", () => {
  const program = readFileSync("examples/python/tasklane_client.py", "utf8");
  const snippet = program.match(
    /# --- README: verify a token \(start\)\n([\s\S]*?)# --- README: verify a token \(end\)/,
  )?.[1];
  expect(snippet).toBeDefined();
  const readme = readFileSync("README.md", "utf8");
  expect(readme).toContain("```python\n" + snippet + "```");
});
