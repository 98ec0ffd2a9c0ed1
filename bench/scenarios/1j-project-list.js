// 1j. One project's list: a person with 2,000 tasks, 200 of them in "Focus", reads
// GET /api/tasks?project=<Focus> against their unfiltered list, in alternating rounds
// (issue 28: at least 0.8). The project filter walks task_project_created_idx.
import { jwtFor, log, signIn } from "../harness/app.js";
import { alternate } from "../harness/rounds.js";
import { BENCH_PROJECTS_USER } from "../users.js";

export const id = "1j";

export async function run(bench) {
  log("scenario 1j: GET /api/tasks?project= (200 of 2,000 tasks)");
  const { cookie } = await signIn(bench.app.url, BENCH_PROJECTS_USER);
  const headers = { authorization: `Bearer ${await jwtFor(bench.app.url, cookie)}` };
  const { projects } = await (await fetch(`${bench.app.url}/api/projects`, { headers })).json();
  const focus = projects.find((project) => project.name === "Focus");
  const listOf = (query) => ({ url: `${bench.app.url}/api/tasks?limit=50${query}`, headers, connections: 64 });
  const lists = await alternate({ plain: listOf(""), project: listOf(`&project=${focus.id}`) });
  bench.row("1j. GET /api/tasks, 2,000 tasks, unfiltered (64 conn)", lists.means.plain);
  bench.row("1j. GET /api/tasks?project= (200 of them)", lists.means.project);
  bench.checkRatio("1j. one project's list vs unfiltered list", lists, ["project", "plain"], ">= 0.8");
}
