// React Router's default matcher took any number of trailing slashes ("/tasks//" opened
// /tasks); its route-pattern matcher, which the server uses (decision 136), takes one. The
// server collapses a run of them before React Router sees the URL, so such links still open.

/** `url` (a request target: path and query) with a run of trailing slashes in its path made one. */
export function oneTrailingSlash(url: string): string {
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (!path.endsWith("//")) return url;
  return path.replace(/\/+$/, "/") + (query === -1 ? "" : url.slice(query));
}
