import { pingDatabase } from "~/db.server";

/** Readiness: the database answers `SELECT 1`. */
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  if (await pingDatabase()) return Response.json({ status: "ready" }, { headers });
  return Response.json({ status: "unavailable", reason: "database unreachable" }, { status: 503, headers });
}
