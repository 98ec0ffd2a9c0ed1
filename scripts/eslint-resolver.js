// How the import-boundary rules (eslint.config.js) find a file: tsconfig's one alias (`~/` is
// app/), then Node's resolution with the TypeScript extensions.
import { fileURLToPath } from "node:url";
import node from "eslint-import-resolver-node";

const APP = fileURLToPath(new URL("../app/", import.meta.url));

export const interfaceVersion = 2;

export function resolve(source, file, config) {
  return node.resolve(source.startsWith("~/") ? APP + source.slice(2) : source, file, {
    extensions: [".ts", ".tsx", ".js"],
    ...config,
  });
}
