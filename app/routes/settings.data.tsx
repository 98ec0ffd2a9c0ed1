// Settings → Your data: download everything (JSON or CSV), and import a file. The import form
// is a multipart upload that works without JavaScript (the exception to the page body rules,
// decision 105); its answer lists every refused row with its line, or what was written.
import { data, Form, useNavigation } from "react-router";
import { importFileKind } from "~/api/import-file.server";
import { importFile } from "~/api/import-request.server";
import { SettingsSection } from "~/auth/components/settings/settings-section";
import { SettingsSubpageHeader } from "~/auth/components/settings/settings-subpage-header";
import { requireUser } from "~/auth/session.server";
import { listProjectsForUser, ProjectNotFoundError } from "~/projects/projects.server";
import { ImportRefusedError } from "~/tasks/transfer/import-file";
import { IMPORT_MAX_ROWS, type ImportError } from "~/tasks/transfer/import-limits";
import type { ImportSummary, ImportTarget } from "~/tasks/transfer/import.server";
import { buttonClass } from "~/ui/button";
import { inputClass, labelClass } from "~/ui/field";
import type { Route } from "./+types/settings.data";

export const meta: Route.MetaFunction = () => [{ title: "Your data · Settings · Tasklane" }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const projects = await listProjectsForUser(user.id);
  return { projects: projects.map(({ id, name }) => ({ id, name })) };
}

type ActionData = { summary: ImportSummary; errors?: undefined } | { summary?: undefined; errors: ImportError[] };

const refused = (errors: ImportError[]) => data<ActionData>({ errors }, { status: 422 });

/** The project named after the file: "Groceries.csv" -> "Groceries". */
function nameAfter(fileName: string): string {
  return (
    fileName
      .replace(/\.[^.]*$/, "")
      .trim()
      .slice(0, 80) || "Imported"
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refused([{ line: null, message: "The upload is not a valid form: choose the file again" }]);
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return refused([{ line: null, message: "Choose a file to import" }]);
  const kind = importFileKind(file.name) ?? importFileKind(file.type);
  if (!kind) return refused([{ line: null, message: "Choose a .json file from a Tasklane export or a .csv file" }]);
  const chosen = String(form.get("target") ?? "file");
  const target: ImportTarget =
    chosen === "file"
      ? null
      : chosen === "new"
        ? { newProject: nameAfter(file.name), numberIfTaken: true }
        : { projectId: chosen };
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const summary = await importFile(user.id, bytes, kind, target, { dryRun: form.get("dryRun") === "on" });
    return data<ActionData>({ summary }, { status: summary.dryRun ? 200 : 201 });
  } catch (error) {
    if (error instanceof ImportRefusedError) return refused(error.errors);
    if (error instanceof ProjectNotFoundError) return refused([{ line: null, message: "No such project" }]);
    throw error;
  }
}

export default function YourData({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction === "/settings/data";
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <SettingsSubpageHeader title="Your data">Take everything out, or bring tasks in.</SettingsSubpageHeader>

      <SettingsSection
        id="export"
        title="Export"
        description="Every project you own, with its tasks, steps, labels, due dates and repeats. JSON keeps everything and imports back as it was; CSV opens in a spreadsheet (one row per task)."
      >
        <div className="flex flex-wrap gap-3">
          <a href="/settings/data/export?format=json" download className={buttonClass("secondary")}>
            Download JSON
          </a>
          <a href="/settings/data/export?format=csv" download className={buttonClass("secondary")}>
            Download CSV
          </a>
        </div>
      </SettingsSection>

      <SettingsSection
        id="import"
        title="Import"
        description={`A Tasklane export (JSON or CSV) or a Todoist project's CSV ("Export as template"). At most 5 MB and ${IMPORT_MAX_ROWS.toLocaleString("en")} tasks, in UTF-8. Every row is checked first: nothing is written unless all of them can be.`}
      >
        <Form method="post" encType="multipart/form-data" className="space-y-4">
          <div>
            <label htmlFor="import-file" className={labelClass}>
              File
            </label>
            <input
              id="import-file"
              name="file"
              type="file"
              required
              accept=".json,.csv,application/json,text/csv"
              className="mt-1.5 block text-sm"
            />
          </div>
          <div>
            <label htmlFor="import-target" className={labelClass}>
              Into
            </label>
            <select id="import-target" name="target" defaultValue="file" className={`${inputClass} mt-1.5`}>
              <option value="file">The projects named in the file (Todoist: the Inbox)</option>
              <option value="new">A new project named after the file</option>
              {loaderData.projects.map((project) => (
                <option key={project.id} value={project.id}>
                  {project.name}
                </option>
              ))}
            </select>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="dryRun" /> Only check the file, import nothing
          </label>
          <button type="submit" className={buttonClass("primary")} disabled={busy}>
            {busy ? "Importing…" : "Import"}
          </button>
        </Form>
        {actionData?.errors ? <ImportErrors errors={actionData.errors} /> : null}
        {actionData?.summary ? <ImportDone summary={actionData.summary} /> : null}
      </SettingsSection>
    </div>
  );
}

function ImportErrors({ errors }: { errors: ImportError[] }) {
  return (
    <div
      role="alert"
      className="mt-5 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 dark:bg-red-950/60 dark:text-red-200 dark:ring-red-900"
    >
      <p className="font-medium">Nothing was imported. Fix these and try again:</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {errors.slice(0, 200).map((error, index) => (
          <li key={index}>
            {error.line === null ? "" : `Line ${error.line}: `}
            {error.message}
          </li>
        ))}
      </ul>
      {errors.length > 200 ? <p className="mt-2">…and {errors.length - 200} more.</p> : null}
    </div>
  );
}

function ImportDone({ summary }: { summary: ImportSummary }) {
  return (
    <div
      role="status"
      className="mt-5 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200 dark:bg-emerald-950/60 dark:text-emerald-100 dark:ring-emerald-900"
    >
      <p className="font-medium">
        {summary.dryRun
          ? `The file is fine: ${summary.tasks} tasks would be imported (nothing was written).`
          : `Imported ${summary.tasks} tasks.`}
      </p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {summary.projects.map((project) => (
          <li key={project.name}>
            {project.id && !summary.dryRun ? (
              <a href={`/projects/${project.id}`} className="underline">
                {project.name}
              </a>
            ) : (
              project.name
            )}
            {project.created ? " (new project)" : ""}: {project.tasks} tasks
          </li>
        ))}
      </ul>
      {summary.labelsCreated.length > 0 ? <p className="mt-2">New labels: {summary.labelsCreated.join(", ")}</p> : null}
      {summary.comments > 0 || summary.reminders > 0 ? (
        <p className="mt-2">
          With them: {summary.comments} comments, {summary.reminders} reminders.
        </p>
      ) : null}
      {summary.notes.length > 0 ? (
        <>
          <p className="mt-2 font-medium">Imported differently from the file:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {summary.notes.map((note) => (
              <li key={`${note.line}-${note.message}`}>
                {note.line === null ? "" : `Line ${note.line}: `}
                {note.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
