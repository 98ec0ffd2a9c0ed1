// Import and export (issue 33): the JSON round trip into a fresh account, the CSV round trip,
// Todoist's CSV (the sample in tests/fixtures, written from the description), and every
// hostile file refused with its line and message, nothing written.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createLabelForUser } from "~/labels/labels.server";
import { createProjectForUser, updateProjectForUser } from "~/projects/projects.server";
import { addTaskComment, editTaskComment } from "~/comments/comments.server";
import { db } from "~/db.server";
import { createTasksForUser, setTaskCompletion, updateTaskForUser } from "~/tasks/tasks.server";
import { projectMember } from "../../db/schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";

interface TaskJson {
  id: string;
  title: string;
  description: string;
  completed: boolean;
  priority: string;
  category: string | null;
  dueDate: string | null;
  dueTime: string | null;
  timeZone: string | null;
  projectId: string;
  labels: string[];
  repeat: { rule: string; mode: string } | null;
  repeatOf: string | null;
  steps: { id: string; text: string; done: boolean }[];
  createdAt: string;
  assigneeId?: string | null;
}
interface ReminderJson {
  taskId: string;
  before?: string;
  at?: string;
  sendAt: string | null;
  sentAt: string | null;
  status: string;
  skipReason: string | null;
}
interface CommentJson {
  taskId: string;
  body: string;
  author: { id: string; name: string };
  createdAt: string;
  editedAt: string | null;
}
interface ExportDocument {
  format: string;
  version: number;
  exportedBy: string;
  labels: { id: string; name: string; color: string }[];
  projects: {
    id: string;
    name: string;
    color: string;
    favorite: boolean;
    archived: boolean;
    inbox: boolean;
    taskCount: number;
  }[];
  tasks: TaskJson[];
  reminders: ReminderJson[];
  comments: CommentJson[];
}
interface Problem {
  status: number;
  detail: string;
  errors: { line: number | null; message: string }[];
}

const SAMPLE = readFileSync(new URL("../fixtures/todoist-template.csv", import.meta.url));

const exportOf = async (user: ApiUser, query = "") => {
  const response = await apiFetch(`/api/export${query}`, withToken(user.token));
  expect(response.status, await response.clone().text()).toBe(200);
  return response;
};
const exportJson = async (user: ApiUser, query = "") => (await (await exportOf(user, query)).json()) as ExportDocument;

const importFile = (user: ApiUser, body: BodyInit, contentType: string, query = "") =>
  apiFetch(
    `/api/import${query}`,
    withToken(user.token, { method: "POST", body, headers: { "content-type": contentType } }),
  );

async function refused(response: Response): Promise<Problem> {
  expect(response.status, await response.clone().text()).toBe(422);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as Problem;
}

/** A document with its ids replaced by what they point at, and what an import may not keep (new ids, counts read later). */
function comparable(document: ExportDocument) {
  const projects = new Map(document.projects.map((each) => [each.id, each.name]));
  const titles = new Map(document.tasks.map((each) => [each.id, each.title]));
  return {
    format: document.format,
    version: document.version,
    labels: document.labels.map(({ name, color }) => ({ name, color })),
    projects: document.projects.map(({ name, color, favorite, archived, inbox, taskCount }) => ({
      name,
      color,
      favorite,
      archived,
      inbox,
      taskCount,
    })),
    tasks: document.tasks
      .map(({ id: _id, projectId, repeatOf, assigneeId, ...rest }) => ({
        ...rest,
        assignee: assigneeId && (assigneeId === document.exportedBy ? "the person exported" : assigneeId),
        project: projects.get(projectId),
        repeatOf: repeatOf && titles.get(repeatOf),
        updatedAt: undefined,
      }))
      .sort((a, b) => (a.title + a.createdAt).localeCompare(b.title + b.createdAt)),
    reminders: document.reminders
      .map(({ taskId, ...rest }) => ({ ...rest, id: undefined, task: titles.get(taskId) }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    // The author is whoever imported them: compared apart.
    comments: document.comments.map(({ taskId, body, createdAt, editedAt }) => ({
      task: titles.get(taskId),
      body,
      createdAt,
      editedAt,
    })),
  };
}

/** An account with every feature in use: projects (archived, favourite), labels (one on no task), steps, due times in zones, repeats. */
async function fillAccount(user: ApiUser) {
  const home = await createProjectForUser(user.id, { name: "Home", color: "teal", favorite: true });
  const old = await createProjectForUser(user.id, { name: "Old stuff", color: "pink", favorite: false });
  await updateProjectForUser(user.id, old.id, { archived: true });
  await createLabelForUser(user.id, { name: "errands", color: "orange" });
  await createLabelForUser(user.id, { name: "=formula", color: "red" });
  await createLabelForUser(user.id, { name: "unused", color: "blue" });
  const [repeating] = await createTasksForUser(user.id, [
    {
      title: "Water plants",
      description: 'Line one\nline two, with "quotes"',
      priority: "low",
      category: "Garden",
      completed: false,
      dueDate: "2026-12-07",
      dueTime: "09:30",
      timeZone: "Europe/Berlin",
      labels: ["errands"],
      steps: [
        { id: crypto.randomUUID(), text: "Fill the can", done: true },
        { id: crypto.randomUUID(), text: "-the ferns", done: false },
      ],
      repeat: { rule: "FREQ=WEEKLY;BYDAY=MO", mode: "due" },
      projectId: home.id,
    },
  ]);
  await createTasksForUser(user.id, [
    {
      title: '=HYPERLINK("http://evil")',
      description: "@SUM(A1)",
      priority: "high",
      category: null,
      completed: false,
      dueDate: "2026-12-24",
      dueTime: null,
      timeZone: "America/New_York",
      labels: ["=formula", "errands"],
      repeat: { rule: "FREQ=MONTHLY;BYMONTHDAY=24", mode: "completion" },
      projectId: home.id,
    },
    {
      title: "'quoted already",
      description: "+1 and\ttab",
      priority: "medium",
      category: "-minus",
      completed: true,
      dueDate: null,
      labels: [],
      projectId: old.id,
    },
  ]);
  const [reminded, inbox] = await createTasksForUser(user.id, [
    {
      title: "Call the plumber",
      description: "",
      priority: "high",
      category: null,
      completed: false,
      dueDate: "2030-01-07",
      dueTime: "08:00",
      timeZone: "Europe/Berlin",
      labels: [],
      projectId: home.id,
    },
    {
      title: "In the Inbox",
      description: "",
      priority: "medium",
      category: null,
      completed: false,
      dueDate: "2030-02-01",
      labels: [],
    },
  ]);
  // Reminders through an edit: createTasksForUser (the batch an import also uses) sets none.
  await updateTaskForUser(user.id, reminded!.id, {
    reminders: [{ beforeSeconds: 3600 }, { at: new Date("2030-01-06T18:00:00Z") }],
  });
  await updateTaskForUser(user.id, inbox!.id, { reminders: [{ beforeSeconds: 86_400 }], assigneeId: user.id });
  const comment = await addTaskComment(user.id, reminded!.id, "Ask for Tuesday\nnot Monday");
  await editTaskComment(user.id, reminded!.id, comment!.id, "Ask for Tuesday, not Monday");
  await addTaskComment(user.id, inbox!.id, "=1+1 stays text");
  // A member's comment on the person's task is theirs, not in the person's export.
  const other = await signUpApiUser("Member");
  await db.insert(projectMember).values({ projectId: home.id, userId: other.id, role: "editor" });
  await addTaskComment(other.id, reminded!.id, "Not in Ann's export");
  // Completing the repeating task makes its next occurrence (repeatOf points back at it).
  await setTaskCompletion(user.id, repeating!.id, true);
}

describe("the JSON export", () => {
  let ann: ApiUser;
  beforeAll(async () => {
    ann = await signUpApiUser("Ann");
    await fillAccount(ann);
  });

  it("is one document with a format and version, the API's shapes, streamed as a download", async () => {
    const response = await exportOf(ann);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="tasklane-\d{4}-\d{2}-\d{2}\.json"/,
    );
    const document = (await response.json()) as ExportDocument;
    expect(document).toMatchObject({ format: "tasklane-export", version: 1 });
    expect(document.projects.map((each) => each.name)).toEqual(["Inbox", "Home", "Old stuff"]);
    expect(document.labels.map((each) => each.name)).toEqual(["=formula", "errands", "unused"]);
    expect(document.tasks).toHaveLength(6);
    expect(document.reminders).toHaveLength(3);
    expect(document.comments.map((each) => each.body)).toEqual(["Ask for Tuesday, not Monday", "=1+1 stays text"]);
    expect(document.comments[0]).toMatchObject({ author: { name: "Ann" }, editedAt: expect.any(String) });
    const next = document.tasks.find((each) => each.repeatOf !== null)!;
    expect(document.tasks.find((each) => each.id === next.repeatOf)!.title).toBe("Water plants");
  });

  it("round-trips without loss: exported, imported into a fresh account, exported again, the same", async () => {
    const original = await exportJson(ann);
    const fresh = await signUpApiUser("Fresh");
    const answer = await importFile(fresh, JSON.stringify(original), "application/json");
    expect(answer.status, await answer.clone().text()).toBe(201);
    expect(await answer.json()).toMatchObject({
      dryRun: false,
      tasks: 6,
      labelsCreated: ["=formula", "errands", "unused"],
      comments: 2,
      reminders: 3,
      notes: [],
    });
    const copy = await exportJson(fresh);
    expect(comparable(copy)).toEqual(comparable(original));
    const reminders = comparable(copy).reminders;
    expect(reminders).toHaveLength(3);
    expect(reminders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ task: "Call the plumber", before: "PT1H", sendAt: "2030-01-07T06:00:00.000Z" }),
        expect.objectContaining({ task: "Call the plumber", at: "2030-01-06T18:00:00.000Z", status: "pending" }),
        expect.objectContaining({ task: "In the Inbox", before: "P1D", status: "pending" }),
      ]),
    );
    expect(copy.comments.every((each) => each.author.id === fresh.id)).toBe(true);
    // The task the person had assigned to themselves is the new person's.
    expect(copy.tasks.find((each) => each.title === "In the Inbox")!.assigneeId).toBe(fresh.id);
    // New ids: the copy shares nothing with the original but its content.
    expect(copy.tasks.map((each) => each.id)).not.toContain(original.tasks[0]!.id);
  });

  it("imports a task assigned to someone other than the person exported without an assignee, and says so", async () => {
    const document = {
      format: "tasklane-export",
      version: 1,
      exportedBy: crypto.randomUUID(),
      projects: [{ id: "p", name: "Home" }],
      tasks: [{ id: "t", projectId: "p", title: "Theirs", assigneeId: crypto.randomUUID() }],
    };
    const answer = await importFile(await signUpApiUser("Eve"), JSON.stringify(document), "application/json");
    expect(answer.status).toBe(201);
    expect(await answer.json()).toMatchObject({
      tasks: 1,
      notes: [
        {
          line: null,
          message:
            "tasks.0.assigneeId: assigned to someone other than the person exported; imported without an assignee",
        },
      ],
    });
  });

  it("per project: that project and its tasks only", async () => {
    const { projects } = await exportJson(ann);
    const home = projects.find((each) => each.name === "Home")!;
    const document = await exportJson(ann, `?project=${home.id}`);
    expect(document.projects.map((each) => each.name)).toEqual(["Home"]);
    expect(document.tasks.every((each) => each.projectId === home.id)).toBe(true);
    expect(document.tasks).toHaveLength(4);
    expect(document.reminders.map((each) => each.before ?? each.at).sort()).toEqual([
      "2030-01-06T18:00:00.000Z",
      "PT1H",
    ]);
    expect(document.comments.map((each) => each.body)).toEqual(["Ask for Tuesday, not Monday"]);
  });

  it("dry_run reports what would be written and writes nothing", async () => {
    const original = await exportJson(ann);
    const fresh = await signUpApiUser("Dry");
    const answer = await importFile(fresh, JSON.stringify(original), "application/json", "?dry_run=true");
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ dryRun: true, tasks: 6, comments: 2, reminders: 3 });
    expect((await exportJson(fresh)).tasks).toEqual([]);
  });
});

describe("the CSV export", () => {
  let ann: ApiUser;
  beforeAll(async () => {
    ann = await signUpApiUser("Ann");
    await fillAccount(ann);
  });

  it("is a row per task, steps and labels in columns of their own, formulas neutralised", async () => {
    const response = await exportOf(ann, "?format=csv");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const text = await response.text();
    const [header] = text.split("\n");
    expect(header).toBe(
      "project,title,description,completed,priority,category,due_date,due_time,time_zone,repeat_rule,repeat_mode,labels,steps,created_at",
    );
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain("'@SUM(A1)");
    expect(text).toContain("''quoted already");
    expect(text).toContain("'+1 and\ttab");
    expect(text).toContain(`"'=formula\nerrands"`);
    expect(text).toContain(`"[x] Fill the can\n[ ] -the ferns"`);
    // No cell starts with a formula character.
    expect(text).not.toMatch(/(^|,|")[=+@-]/m);
  });

  it("round-trips without loss: imported into a fresh account and exported again, the same rows", async () => {
    const csv = await (await exportOf(ann, "?format=csv")).text();
    const fresh = await signUpApiUser("Fresh");
    const answer = await importFile(fresh, csv, "text/csv");
    expect(answer.status, await answer.clone().text()).toBe(201);
    const again = await (await exportOf(fresh, "?format=csv")).text();
    const rows = (text: string) =>
      text
        .trim()
        .split(/\r?\n(?=[^,\n]*,)/)
        .sort();
    expect(rows(again)).toEqual(rows(csv));
  });
});

describe("Todoist's CSV", () => {
  it("imports the sample as the issue describes: sections as categories, sub-tasks as steps, notes as comments, @labels, priorities, dates, RESPONSIBLE", async () => {
    const bea = await signUpApiUser("Bea");
    const answer = await importFile(bea, SAMPLE, "text/csv", "?newProject=Todoist");
    expect(answer.status, await answer.clone().text()).toBe(201);
    const summary = (await answer.json()) as {
      projects: { id: string; name: string; created: boolean; tasks: number }[];
      labelsCreated: string[];
      comments: number;
      notes: { line: number | null; message: string }[];
    };
    expect(summary.projects).toEqual([expect.objectContaining({ name: "Todoist", created: true, tasks: 5 })]);
    expect(summary.labelsCreated.sort()).toEqual(["admin", "errands"]);
    expect(summary.comments).toBe(3);
    // RESPONSIBLE naming the importing person assigns the task to them; anyone else is a note, not a failure.
    expect(summary.notes).toEqual([
      { line: 10, message: "RESPONSIBLE “Bob (34567)” is not you: the task is imported without an assignee" },
    ]);
    const { tasks, comments } = await exportJson(bea, `?project=${summary.projects[0]!.id}`);
    const byTitle = new Map(tasks.map((each) => [each.title, each]));
    expect([...byTitle.keys()].sort()).toEqual([
      "=SUM(1+1) is not a formula here",
      "Renew passport",
      "Water the plants",
      "Weekly shop",
      'Write the "Q4" report',
    ]);
    expect(byTitle.get("Renew passport")).toMatchObject({
      priority: "high",
      labels: ["admin", "errands"],
      category: null,
      dueDate: "2026-10-12",
      dueTime: null,
      timeZone: "Europe/Berlin",
      description: "Bring the old one",
      assigneeId: bea.id,
    });
    expect(byTitle.get("Weekly shop")).toMatchObject({
      priority: "medium",
      category: "Groceries",
      labels: ["errands"],
      repeat: { rule: "FREQ=WEEKLY;BYDAY=SA", mode: "due" },
      description: "Duration: 45 minutes",
      steps: [
        expect.objectContaining({ text: "Milk", done: false }),
        expect.objectContaining({ text: "Bread, sourdough" }),
      ],
    });
    expect(byTitle.get("Water the plants")).toMatchObject({
      priority: "low",
      category: "Groceries",
      repeat: { rule: "FREQ=DAILY" },
      assigneeId: null,
    });
    expect(byTitle.get('Write the "Q4" report')).toMatchObject({
      priority: "low",
      category: "Work",
      dueDate: "2026-11-03",
      dueTime: "09:00",
      timeZone: "America/New_York",
      description: "Numbers from finance\n\nDeadline: Nov 10 2026",
    });
    // Each note is a comment on the task above it, by the importing person, in the file's order.
    const titleOf = new Map(tasks.map((each) => [each.id, each.title]));
    expect(comments.map((each) => [titleOf.get(each.taskId), each.body, each.author.id])).toEqual([
      ["Renew passport", "Photo booth is on the second floor", bea.id],
      ['Write the "Q4" report', "Ask Bob for the sales figures", bea.id],
      ['Write the "Q4" report', "Draft due a week early", bea.id],
    ]);
  });

  it("without a target goes to the Inbox; into one of the person's projects with ?project", async () => {
    const cai = await signUpApiUser("Cai");
    const garden = await createProjectForUser(cai.id, { name: "Garden", favorite: false });
    expect((await importFile(cai, SAMPLE, "text/csv", `?project=${garden.id}`)).status).toBe(201);
    expect((await exportJson(cai, `?project=${garden.id}`)).tasks).toHaveLength(5);
    expect((await importFile(cai, SAMPLE, "text/csv")).status).toBe(201);
    const inbox = (await exportJson(cai)).projects.find((each) => each.inbox)!;
    expect(inbox.taskCount).toBe(5);
  });
});

describe("refused files: every reason with its line, nothing written", () => {
  let dan: ApiUser;
  beforeAll(async () => {
    dan = await signUpApiUser("Dan");
  });
  const HEADER = "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\n";
  const nothingWritten = async () => expect((await exportJson(dan)).tasks).toEqual([]);

  it("lists every failing row (a German date, a bad priority, a stray sub-task, a missing title) and writes none of the good ones", async () => {
    const file =
      HEADER +
      "task,Good one,,1,1,,,,,\n" +
      "task,Morgen,,1,1,,,morgen,de,\n" +
      "task,Bad priority,,7,1,,,,,\n" +
      "task,Step,,,2,,,,,\n" +
      "task,  ,,1,1,,,,,\n" +
      "task,Unreadable date,,1,1,,,whenever,en,\n" +
      "bogus,x,,,,,,,,\n";
    const problem = await refused(await importFile(dan, file, "text/csv", "?newProject=Bad"));
    expect(problem.errors).toEqual([
      { line: 3, message: "DATE is in “de”: only English dates (DATE_LANG en) can be read" },
      { line: 4, message: "PRIORITY must be 1, 2, 3 or 4" },
      // The task above it was refused: so is its step.
      { line: 5, message: "A sub-task (INDENT 2 or more) must follow its task" },
      { line: 6, message: "title: Title is required" },
      { line: 7, message: "DATE “whenever” is not a date Tasklane can read" },
      { line: 8, message: "TYPE must be task, section or note, not “bogus”" },
    ]);
    expect(problem.detail).toBe("Nothing was imported: 6 problems in the file");
    await nothingWritten();
  });

  it("a note that cannot be a comment is a row error", async () => {
    const file = HEADER + "task,Fine,,,1,,,,,\n" + `note,${"x".repeat(5001)},,,,,,,,\n`;
    expect((await refused(await importFile(dan, file, "text/csv"))).errors).toEqual([
      { line: 3, message: "A note becomes a comment: A comment must be at most 5,000 characters" },
    ]);
    await nothingWritten();
  });

  it("a sub-task or note with no task above is a row error", async () => {
    const problem = await refused(await importFile(dan, HEADER + "task,Step,,,2,,,,,\nnote,Hi,,,,,,,,\n", "text/csv"));
    expect(problem.errors).toEqual([
      { line: 2, message: "A sub-task (INDENT 2 or more) must follow its task" },
      { line: 3, message: "A note must follow the task it belongs to" },
    ]);
  });

  it.each([
    [
      "an unbalanced quote",
      HEADER + 'task,Fine,,,1,,,,,\ntask,"Never closed,,,1,,,,,\ntask,More,,,1\n',
      3,
      'A quote opened on line 3 is never closed (a stray " in a cell?)',
    ],
    [
      "a line past the limit",
      HEADER + `task,${"x".repeat(70_000)},,,1,,,,,\n`,
      2,
      "Line 2 is longer than 65536 bytes: is this a CSV file?",
    ],
    [
      "an unknown header",
      "Name,Due\nx,y\n",
      1,
      "The first line must be the header of Tasklane's CSV (project,title,…) or Todoist's (TYPE,CONTENT,…)",
    ],
    [
      "a quote inside an unquoted cell",
      HEADER + 'task,say "hi",,,1,,,,,\n',
      2,
      "Line 2 has a quote inside a cell that is not quoted as a whole",
    ],
  ])("%s", async (_name, file, line, message) => {
    expect((await refused(await importFile(dan, file, "text/csv"))).errors).toEqual([{ line, message }]);
    await nothingWritten();
  });

  it.each([
    [
      "a binary file",
      Buffer.concat([Buffer.from(HEADER + "task,a\n"), Buffer.from([0x89, 0x50, 0x00, 0x01])]),
      3,
      "The file is binary (it holds NUL bytes), not CSV or JSON text",
    ],
    [
      "Latin-1 text",
      Buffer.concat([Buffer.from(HEADER), Buffer.from("task,Caf"), Buffer.from([0xe9]), Buffer.from(",,,1\n")]),
      2,
      "The file is not UTF-8 (is it Windows-1252 or Latin-1?): save it as UTF-8",
    ],
    [
      "UTF-16",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER, "utf16le")]),
      1,
      "The file is UTF-16: save it as UTF-8 and import it again",
    ],
    ["an empty file", Buffer.alloc(0), null, "The file is empty"],
  ])("%s", async (_name, file, line, message) => {
    expect((await refused(await importFile(dan, file, "text/csv"))).errors).toEqual([{ line, message }]);
  });

  it("a UTF-8 BOM is fine", async () => {
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HEADER + "task,With a BOM,,,1,,,,,\n")]);
    const answer = await importFile(dan, file, "text/csv", "?dry_run=true");
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ tasks: 1 });
  });

  it("more than 10,000 rows, or more than 5 MB, is refused with a clear message", async () => {
    const rows = HEADER + "task,t,,,1,,,,,\n".repeat(10_001);
    expect((await refused(await importFile(dan, rows, "text/csv"))).errors).toEqual([
      { line: null, message: "The file has more than 10000 rows: split it into several files" },
    ]);
    const large = await importFile(dan, HEADER + "x".repeat(5 * 1024 * 1024), "text/csv");
    expect(large.status).toBe(413);
    expect(((await large.json()) as Problem).detail).toBe("The file must be at most 5 MB (5242880 bytes)");
    await nothingWritten();
  });

  it("JSON that is not valid, or not Tasklane's, says so", async () => {
    expect((await refused(await importFile(dan, '{\n  "format": \n}', "application/json"))).errors).toEqual([
      { line: null, message: "The file is not valid JSON (is it a CSV file?)" },
    ]);
    expect((await refused(await importFile(dan, '{"format":"other"}', "application/json"))).errors[0]).toEqual({
      line: null,
      message: "format: format must be “tasklane-export”: is this Tasklane's export?",
    });
    const project = { id: "p", name: "Home" };
    const task = { id: "t", projectId: "p", title: "A task" };
    const strays = {
      format: "tasklane-export",
      version: 1,
      projects: [project],
      tasks: [task],
      reminders: [
        { taskId: "elsewhere", before: "PT1H" },
        { taskId: "t", before: "soon" },
      ],
      comments: [{ taskId: "elsewhere", body: "Hi" }],
    };
    expect((await refused(await importFile(dan, JSON.stringify(strays), "application/json"))).errors).toEqual([
      { line: null, message: "reminders.0.taskId: not one of the document's tasks" },
      { line: null, message: expect.stringMatching(/^reminders\.1: before must be an ISO 8601 duration/) },
      { line: null, message: "comments.0.taskId: not one of the document's tasks" },
    ]);
    const empty = { ...strays, reminders: [], comments: [{ taskId: "t", body: "   " }] };
    expect((await refused(await importFile(dan, JSON.stringify(empty), "application/json"))).errors).toEqual([
      { line: null, message: "comments.0.body: A comment needs some text" },
    ]);
  });

  it("a media type that is neither JSON nor CSV is 415; project and newProject together 400", async () => {
    expect((await importFile(dan, "x", "text/plain")).status).toBe(415);
    expect((await importFile(dan, "x", "text/csv", `?project=${crypto.randomUUID()}&newProject=x`)).status).toBe(400);
  });

  it("a new project's name that is taken is refused", async () => {
    const problem = await refused(await importFile(dan, SAMPLE, "text/csv", "?newProject=inbox"));
    expect(problem.errors).toEqual([
      { line: null, message: "You already have a project named “inbox”: choose another name" },
    ]);
  });
});
