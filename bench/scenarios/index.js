// The scenarios in the order they run. A new scenario is a module here exporting `id` (its
// BENCH_ONLY name), `run(bench)` and optionally `alwaysRuns` or `needsPostgres`, and a line in
// this list before 6 (memory is read after everything that loads the app) and 7 (which stops
// the app). What `run` receives is described in bench/run.js.
import * as list from "./1-api-list.js";
import * as listFilters from "./1c-list-filters.js";
import * as fastapiPeer from "./1f-fastapi-peer.js";
import * as projectList from "./1j-project-list.js";
import * as listApiKey from "./1k-list-api-key.js";
import * as twoWorkers from "./1w-two-workers.js";
import * as listThroughPooler from "./1p-list-through-pooler.js";
import * as tasksPage from "./2-tasks-page.js";
import * as createTasks from "./3-create-tasks.js";
import * as signInStorm from "./4-sign-in-storm.js";
import * as tokenVerification from "./5-token-verification.js";
import * as memory from "./6-memory.js";
import * as depth from "./8-depth.js";
import * as importExport from "./10-import-export.js";
import * as pglite from "./7-pglite.js";

export const scenarios = [
  list,
  fastapiPeer,
  listFilters,
  projectList,
  listApiKey,
  tasksPage,
  createTasks,
  signInStorm,
  twoWorkers,
  listThroughPooler,
  tokenVerification,
  depth,
  importExport,
  memory,
  pglite,
];
