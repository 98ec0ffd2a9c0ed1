// The server and the browser match URLs with React Router's route-pattern matcher (decision
// 136), a future flag React Router marks unstable. It must find what the default matcher finds:
// for every route of app/routes.ts (its pattern filled in, in other cases, with trailing
// slashes, with a segment more) both must give the same routes and the same params, once the
// server has made a run of trailing slashes one (server/trailing-slashes.ts).
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { createStaticHandler, type DataRouteObject } from "react-router";
import { unstable_preloadRoutePattern } from "react-router/route-pattern";
import { describe, expect, it } from "vitest";
import routes from "~/routes";
import { oneTrailingSlash } from "../../server/trailing-slashes";

unstable_preloadRoutePattern();

/** app/routes.ts as React Router's data routes under the root (ids as the framework gives them). */
function dataRoutes(entries: RouteConfigEntry[]): DataRouteObject[] {
  return entries.map((entry) => {
    const id = entry.id ?? entry.file.replace(/\.[jt]sx?$/, "");
    return entry.index
      ? { id, index: true }
      : { id, path: entry.path, caseSensitive: entry.caseSensitive, children: dataRoutes(entry.children ?? []) };
  });
}

/** Every route's full pattern (its parents' paths joined). */
function patterns(entries: RouteConfigEntry[], parent = ""): string[] {
  return entries.flatMap((entry) => {
    const path = [parent, entry.path ?? ""].filter(Boolean).join("/");
    return [path, ...patterns(entry.children ?? [], path)];
  });
}

const tree = [{ id: "root", path: "", children: dataRoutes(routes) }];
const byDefault = createStaticHandler(tree);
const byPattern = createStaticHandler(tree, { future: { unstable_routePatternMatching: true } });

/** The URLs a pattern stands for: its params filled in two ways, and the cases around it. */
function urlsFor(pattern: string): string[] {
  const filled = (value: string) =>
    "/" +
    pattern
      .replace(/:[\w-]+\?/g, value)
      .replace(/:[\w-]+/g, value)
      .replace(/\*$/, "a/b");
  const plain = filled("7d52691d-d5c3-46fe-9944-3aa09823c746");
  const odd = filled("caf%C3%A9%20x");
  return [
    plain,
    odd,
    `${plain}/`,
    `${plain}//`,
    `${plain}///?q=1`,
    plain.toUpperCase(),
    `${plain}/extra`,
    `${plain}.json`,
  ];
}

const urls = [
  ...new Set([
    ...patterns(routes).flatMap(urlsFor),
    "/",
    "//",
    "/nowhere",
    "/api",
    "/api/nowhere",
    "//tasks",
    "/api//tasks",
  ]),
];

/** The routes found, their params and pathnames; a splat's trailing slashes made one, as the server makes the URL's. */
const matched = (handler: typeof byDefault, url: string) =>
  handler.match(url)?.map(({ route, params, pathname }) => ({
    id: route.id,
    params: params["*"] === undefined ? params : { ...params, "*": oneTrailingSlash(params["*"]) },
    pathname: oneTrailingSlash(pathname),
  })) ?? null;

describe("the route-pattern matcher", () => {
  it("covers every route", () => {
    expect(patterns(routes).length).toBeGreaterThan(100);
  });

  it.each(urls)("matches %s as the default matcher does", (url) => {
    const path = url.split("?")[0]!;
    expect(matched(byPattern, oneTrailingSlash(url).split("?")[0]!)).toEqual(matched(byDefault, path));
  });
});
