// GET /settings/data/export?format=json|csv[&project={id}]: the signed-in person's export as a
// download (the Your data page's links and each project's "Export" link); as GET /api/export.
import { data } from "react-router";
import { exportResponse } from "~/api/export-response.server";
import { requireUser } from "~/auth/session.server";
import { exportScopeFor } from "~/tasks/transfer/export.server";
import type { Route } from "./+types/settings.data.export";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "csv" ? "csv" : "json";
  const projectId = url.searchParams.get("project") ?? undefined;
  const scope = await exportScopeFor(user.id, projectId);
  if (!scope) throw data("No such project", { status: 404 });
  const response = exportResponse(scope, format, projectId ? scope.projects[0]!.name : undefined);
  response.headers.set("Cache-Control", "no-store");
  return response;
}
