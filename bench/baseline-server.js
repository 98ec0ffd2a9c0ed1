// The least work that gives the same answer as the app's GET /api/tasks?limit=50 and
// POST /api/tasks (labels included): the same jose verification (keys fetched once from the app's JWKS), the
// same SQL through pg, JSON.stringify. Nothing else: no router, no validation library.
import http from "node:http";
import { createLocalJWKSet, jwtVerify } from "jose";
import pg from "pg";

const { DATABASE_URL, DATA_DIR, PORT, APP_URL } = process.env;
// PostgreSQL through pg; or, for an embedded run, PGlite on a copy of the app's data.
const pool = DATABASE_URL
  ? new pg.Pool({ connectionString: DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) })
  : await (async () => {
      const { PGlite } = await import("@electric-sql/pglite");
      const { btree_gin } = await import("@electric-sql/pglite/contrib/btree_gin");
      const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
      const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
      // The task table's search index needs these loaded for every insert.
      const db = new PGlite(DATA_DIR, { extensions: { btree_gin, pg_trgm, unaccent } });
      return { query: ({ text, values }) => db.query(text, values) };
    })();
const appOrigin = new URL(APP_URL).origin;
const jwks = createLocalJWKSet(await (await fetch(`${APP_URL}/api/auth/jwks`)).json());

const toJson = (row) => ({
  id: row.id,
  title: row.title,
  description: row.description,
  completed: row.completed,
  priority: row.priority,
  category: row.category,
  dueDate: row.due_date,
  dueTime: row.due_time,
  timeZone: row.time_zone,
  dueAt: row.due_at && new Date(row.due_at).toISOString(),
  projectId: row.project_id,
  assigneeId: row.assignee_id,
  labels: row.labels,
  repeat: row.repeat_rule && row.repeat_mode ? { rule: row.repeat_rule, mode: row.repeat_mode } : null,
  repeatOf: row.repeat_of,
  steps: row.steps,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});
const columns =
  "id, title, description, completed, priority, category, to_char(due_date, 'YYYY-MM-DD') as due_date, " +
  "to_char(due_time, 'HH24:MI') as due_time, time_zone, due_at, project_id, assignee_id, repeat_rule, repeat_mode, repeat_of, created_at, updated_at, steps, " +
  "coalesce((select array_agg(l.name order by lower(l.name), l.name) from task_label tl join label l on l.id = tl.label_id where tl.task_id = task.id), '{}') as labels";

async function authenticate(req) {
  const token = req.headers.authorization?.slice("Bearer ".length) ?? "";
  const { payload } = await jwtVerify(token, jwks, {
    algorithms: ["RS256"],
    issuer: appOrigin,
    audience: appOrigin,
    clockTolerance: 30,
  });
  return payload.sub;
}

http
  .createServer(async (req, res) => {
    try {
      const userId = await authenticate(req);
      if (req.method === "GET") {
        const { rows } = await pool.query({
          name: "list",
          // As the app: the tasks of archived projects are left out.
          text: `select ${columns} from task where user_id = $1 and project_id <> all(array(select id from project where user_id = $1 and archived)) order by created_at desc, id desc limit 51`,
          values: [userId],
        });
        const body = JSON.stringify({
          tasks: rows.slice(0, 50).map(toJson),
          nextCursor: rows.length > 50 ? "x" : null,
        });
        res.writeHead(200, { "content-type": "application/json" }).end(body);
      } else {
        let raw = "";
        for await (const chunk of req) raw += chunk;
        const input = JSON.parse(raw);
        const { rows } = await pool.query({
          name: "insert",
          text: `insert into task (user_id, project_id, title, priority) values ($1, (select id from project where user_id = $1 and inbox), $2, $3) returning ${columns}`,
          values: [userId, input.title, input.priority ?? "medium"],
        });
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(toJson(rows[0])));
      }
    } catch {
      res.writeHead(401).end();
    }
  })
  .listen(Number(PORT), "127.0.0.1", () => process.send?.("ready"));

// Exit rather than die by the signal, so that a --cpu-prof run writes its profile.
process.on("SIGTERM", () => process.exit(0));
