import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Imports point down (decision 070): routes and the server -> the JSON API's glue -> features
// -> platform modules -> app/ui and db/. Rooms are folders, not lists of files, so a module
// that moves inside its room keeps its rules. A file lies in the deepest room that holds it.
const ROOMS = [
  { type: "routes", pattern: "app/routes", partialMatch: false },
  { type: "server", pattern: "server", partialMatch: false },
  // The JSON API's HTTP glue (apiRoute, tokens, problems, OpenAPI): above the features it calls.
  { type: "api", pattern: "app/api", partialMatch: false },
  // Shared presentational parts: they know no feature.
  { type: "ui", pattern: "app/ui", partialMatch: false },
  // Tables and the values their columns hold: db/ imports nothing of the app.
  { type: "db", pattern: "db", partialMatch: false },
  // Platform folders (database, mail); the files at the top of app/ are platform too (below).
  { type: "platform", pattern: ["app/db", "app/mail", "app/platform"], partialMatch: false },
  // Every other folder of app/ is a feature (auth, tasks, labels, api-keys, shortcuts…).
  { type: "feature", pattern: "app/*", partialMatch: false, capture: ["feature"] },
  // config, logger, flash, audit log, safe redirects… and the document's own files (below).
  { type: "platform", pattern: "app", partialMatch: false },
];

// The document's own files, which React Router loads and nothing imports.
const SHELL = ["app/root.tsx", "app/routes.ts", "app/entry.server.tsx"];

// What a feature exports on purpose to the other features (routes and the API may use any of
// its modules). Anything else a second feature needs probably belongs one floor lower.
const FEATURE_FACES = [
  "app/auth/auth.server.ts", // the Better Auth instance (a user-table setting is written through it)
  "app/auth/session.server.ts", // requireUser and friends
  "app/labels/label-schema.ts",
  "app/labels/label-colors.ts",
  "app/labels/label-badge.tsx",
  "app/labels/label-picker.tsx",
  "app/labels/label-list.tsx", // ColorOptions: projects take their colours from the label palette
  "app/labels/task-labels.server.ts", // how tasks carry labels
  "app/labels/labels.server.ts", // a person's labels (an export lists them)
  "app/projects/project-schema.ts",
  "app/projects/project-access.server.ts", // who may see or change a project: the one rule (tasks' statements use it)
  "app/projects/projects.server.ts", // the Inbox (made at sign-up, and for a task without a project)
  "app/projects/project-for-page.ts", // a project as pages receive it (the task list's rows, pickers)
  "app/projects/project-badge.tsx", // a task's project on its row
  "app/projects/member-schema.ts", // roles and members, as pages and the API show them
  "app/projects/members.server.ts", // addProjectMember: what an accepted invitation calls
  "app/projects/role-refusal.server.ts", // a role refusal as the browser sees it (403 with the reason)
  "app/projects/role-refusal.ts",
  "app/reminders/reminder-schema.ts", // a task's reminders as forms and the API write them
  "app/comments/comment-schema.ts", // what a comment may hold (a Todoist note imported becomes one)
  "app/reminders/task-reminders.server.ts", // written and rescheduled with the task, in its transaction
  "app/reminders/reminder-settings.server.ts", // a new account zone moves date-only reminders and the digest
  "app/webhooks/sender.server.ts", // the webhook sender: the API describes its messages' data
  "app/tasks/repeat-dates.ts", // a repeat rule as a calendar feed's RRULE
  "app/activity/record-activity.server.ts", // every domain records its changes in its project's activity
  "app/events/events.server.ts", // the event log: its kinds and its readers (webhooks deliver from it)
  "app/connected-apps/oauth-rules.ts", // the scopes and pages Better Auth's OAuth provider is configured with
];

const BELOW = {
  routes: ["routes", "api", "feature", "platform", "ui", "db"],
  server: ["server", "routes", "api", "feature", "platform", "ui", "db"],
  api: ["api", "feature", "platform", "ui", "db"],
  feature: ["platform", "ui", "db"],
  platform: ["platform", "ui", "db"],
  ui: ["ui"],
  db: ["db"],
};

export default tseslint.config(
  {
    ignores: [
      "build/",
      ".react-router/",
      "node_modules/",
      "data/",
      "test-results/",
      "playwright-report/",
      "bench/results/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**", "db/**", "server/**"],
    plugins: { boundaries },
    settings: {
      "boundaries/elements": ROOMS,
      "boundaries/elements-single-match": true,
      "boundaries/files": [
        { category: "face", pattern: FEATURE_FACES },
        { category: "shell", pattern: SHELL },
      ],
      "boundaries/include": ["app/**", "db/**", "server/**"],
      "boundaries/dependency-nodes": ["import", "export", "dynamic-import"],
      "import/resolver": { [fileURLToPath(new URL("./scripts/eslint-resolver.js", import.meta.url))]: {} },
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          // Also inside one room: the files at the top of app/ are one room with the document's.
          checkInternals: true,
          message:
            "{{ from.file.path }} ({{ from.element.types.[0] }}) may not import {{ to.file.path }} ({{ to.element.types.[0] }}): imports point down, and a feature reaches another only through its faces (decision 070)",
          policies: [
            ...Object.entries(BELOW).map(([from, to]) => ({
              from: { element: { type: from } },
              allow: { to: { element: { types: { anyOf: to } } } },
            })),
            // A feature's own modules, and another feature's faces.
            {
              from: { element: { type: "feature" } },
              allow: {
                to: { element: { type: "feature", captured: { feature: "{{ from.element.captured.feature }}" } } },
              },
            },
            {
              from: { element: { type: "feature" } },
              allow: { to: { element: { type: "feature" }, file: { categories: "face" } } },
            },
            { disallow: { to: { file: { categories: "shell" } } } },
          ],
        },
      ],
    },
  },
);
