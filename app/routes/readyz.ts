import { pingDatabase } from "~/db.server";
import { currentPhase } from "~/lifecycle.server";

/** Readiness: the process is serving (not starting, not stopping) and the database answers `SELECT 1`. */
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  const phase = currentPhase();
  if (phase !== "serving") return Response.json({ status: "unavailable", reason: phase }, { status: 503, headers });
  if (await pingDatabase()) return Response.json({ status: "ready" }, { headers });
  return Response.json({ status: "unavailable", reason: "database unreachable" }, { status: 503, headers });
}
