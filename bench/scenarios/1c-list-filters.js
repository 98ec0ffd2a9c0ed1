// 1c. The list filtered by a label (half the tasks carry "Work") and searched through the
// trigram index ("notes" is in a third of the descriptions), against the unfiltered list
// measured in alternating rounds.
import { log } from "../harness/app.js";
import { alternate } from "../harness/rounds.js";

export const id = "1c";

export async function run(bench) {
  log("scenario 1c: GET /api/tasks filtered by a label and by q");
  const listOf = (query) => ({
    url: `${bench.app.url}/api/tasks?limit=50${query}`,
    headers: bench.auth,
    connections: 64,
  });
  const lists = await alternate({ plain: listOf(""), label: listOf("&label=Work"), q: listOf("&q=notes") });
  bench.row("1c. GET /api/tasks, unfiltered (64 conn)", lists.means.plain);
  bench.row("1d. GET /api/tasks?label=Work (64 conn)", lists.means.label);
  bench.row("1e. GET /api/tasks?q=notes (64 conn)", lists.means.q);
  bench.checkRatio("1d. label filter vs unfiltered list", lists, ["label", "plain"], ">= 0.8");
  bench.checkRatio("1e. search vs unfiltered list", lists, ["q", "plain"], ">= 0.8");
}
