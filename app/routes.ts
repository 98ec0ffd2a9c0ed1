import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),

  // Accounts (signed-out pages; sign-out is a POST-only action)
  route("sign-up", "routes/sign-up.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  // The second step for accounts with two-factor on (a code or a backup code).
  route("sign-in/two-factor", "routes/sign-in.two-factor.tsx"),
  route("sign-out", "routes/sign-out.ts"),
  // Accounts over email: each link from a mail opens one of these pages, whose button (POST) acts
  route("forgot-password", "routes/forgot-password.tsx"),
  route("reset-password", "routes/reset-password.tsx"),
  route("verify-email", "routes/verify-email.tsx"),
  route("check-email", "routes/check-email.tsx"),
  // The unsubscribe link of reminder and digest mail (its button and RFC 8058's one-click POST)
  route("unsubscribe", "routes/unsubscribe.tsx"),
  // An invitation to a project, from its mail: Accept and Decline are posts; signed out, sign in or up first.
  route("invitations/:token", "routes/invitations.$token.tsx"),
  // Connected apps (decision 123): Better Auth's OAuth provider sends a signed-out browser to the
  // first (on to /sign-in and back), a signed-in one to the consent page (Allow and Deny are posts).
  route("oauth/sign-in", "routes/oauth.sign-in.ts"),
  route("oauth/consent", "routes/oauth.consent.tsx"),
  // A calendar feed (iCalendar): its URL's secret is the credential, no session (decision 119).
  route("calendar/:feedId/:file", "routes/calendar.$feedId.$file.ts"),
  // The plan's page paths (routes/plan-redirect.ts maps each to ours)
  route("login", "routes/plan-redirect.ts", { id: "plan-login" }),
  route("register", "routes/plan-redirect.ts", { id: "plan-register" }),
  route("dashboard", "routes/plan-redirect.ts", { id: "plan-dashboard" }),

  // Signed-in pages
  layout("routes/_app.tsx", [
    route("tasks", "routes/tasks.tsx"),
    // Today and Upcoming: the list page with a due-date view, across every unarchived project.
    route("today", "routes/today.tsx"),
    route("upcoming", "routes/upcoming.tsx"),
    // What the new-task field's text would make (JSON for its preview as one types).
    route("tasks/quick-add", "routes/tasks.quick-add.ts"),
    // The confirmation step for deleting the selected tasks without JavaScript.
    route("tasks/delete-selected", "routes/tasks.delete-selected.tsx"),
    route("tasks/:taskId", "routes/tasks.$taskId.tsx"),
    // The confirmation step for deleting without JavaScript.
    route("tasks/:taskId/delete", "routes/tasks.$taskId.delete.tsx"),
    // Projects: managing them (new, order, favourites), the archived ones, one project's tasks
    // (the list of /tasks within it), its settings (the action every project form posts to), deleting it.
    route("projects", "routes/projects.tsx"),
    route("projects/archived", "routes/projects.archived.tsx"),
    route("projects/:projectId", "routes/projects.$projectId.tsx"),
    route("projects/:projectId/edit", "routes/projects.$projectId.edit.tsx"),
    route("projects/:projectId/delete", "routes/projects.$projectId.delete.tsx"),
    // Its members: roles, removing, leaving, handing over (and, later, invitations).
    route("projects/:projectId/members", "routes/projects.$projectId.members.tsx"),
    // Who did what in the project, newest first, a page at a time (decision 112).
    route("projects/:projectId/activity", "routes/projects.$projectId.activity.tsx"),
    // Sharing: invite by email, the pending invitations (admins and the owner).
    route("projects/:projectId/invitations", "routes/projects.$projectId.invitations.tsx"),
    // The member's own calendar feed of the project (decision 119).
    route("projects/:projectId/calendar-feed", "routes/projects.$projectId.calendar-feed.tsx"),
    route("labels", "routes/labels.tsx"),
    route("labels/:labelId", "routes/labels.$labelId.ts"),
    route("labels/:labelId/delete", "routes/labels.$labelId.delete.ts"),
    route("settings", "routes/settings.tsx"),
    // One route per form that needs its own answer (the settings page posts to them through fetchers).
    route("settings/password", "routes/settings.password.tsx"),
    route("settings/email", "routes/settings.email.tsx"),
    route("settings/api-keys", "routes/settings.api-keys.tsx"),
    // OAuth apps: the ones the person registered as a developer, and the ones they allowed (Disconnect).
    route("settings/developer-apps", "routes/settings.developer-apps.tsx"),
    route("settings/connected-apps", "routes/settings.connected-apps.tsx"),
    // Two-factor: turn on or off and new backup codes; the QR code and first code; the codes, shown once.
    route("settings/two-factor", "routes/settings.two-factor.tsx"),
    route("settings/two-factor/setup", "routes/settings.two-factor.setup.tsx"),
    route("settings/two-factor/backup-codes", "routes/settings.two-factor.backup-codes.tsx"),
    // Passkeys: add (JavaScript), rename and delete (plain forms).
    route("settings/passkeys", "routes/settings.passkeys.tsx"),
    route("settings/shortcuts", "routes/settings.shortcuts.ts"),
    route("settings/time-zone", "routes/settings.time-zone.ts"),
    route("settings/notifications", "routes/settings.notifications.ts"),
    // Your data: the export downloads (GET) and the import form (a multipart upload, decision 105).
    route("settings/data", "routes/settings.data.tsx"),
    route("settings/data/export", "routes/settings.data.export.ts"),
    route("settings/reminders", "routes/settings.reminders.ts"),
    route("settings/calendar-feed", "routes/settings.calendar-feed.ts"),
    // Webhooks: add, delete, turn on and off, send a test event, send a delivery again (decision 120).
    route("settings/webhooks", "routes/settings.webhooks.tsx"),
  ]),

  // The signed-in browser's live updates: one Server-Sent Events stream per tab, by its cookie (decision 108).
  route("events", "routes/events.ts"),

  // Operations
  route("healthz", "routes/healthz.ts"),
  route("readyz", "routes/readyz.ts"),

  // The plan's auth endpoints, over Better Auth's server API (a static path wins over the splat below)
  route("api/auth/register", "routes/api.auth.register.ts"),
  route("api/auth/login", "routes/api.auth.login.ts"),
  route("api/auth/logout", "routes/api.auth.logout.ts"),
  route("api/auth/me", "routes/api.auth.me.ts"),
  // GET: Better Auth's JWT for a session; POST: a JWT for an API key
  route("api/auth/token", "routes/api.auth.token.ts"),
  // Better Auth's own HTTP endpoints
  route("api/auth/*", "routes/api.auth.$.ts"),

  // JSON API (bearer JWT): each task and label route twice, the second form naming the user as the seeds' clients do
  route("api/me", "routes/api.me.ts"),
  // Changes as they happen (Server-Sent Events), or a JSON page after an id (decision 108).
  route("api/events", "routes/api.events.ts"),
  route("api/openapi.json", "routes/api.openapi[.]json.ts"),
  route(".well-known/jwks.json", "routes/well-known.jwks[.]json.ts"),
  // OAuth 2.1 for connected apps (the endpoints are Better Auth's, under /api/auth/oauth2/) and
  // the MCP server: RFC 8414 and RFC 9728 metadata (the second also at its /mcp path, RFC 9728 §3.1).
  route(".well-known/oauth-authorization-server", "routes/well-known.oauth-authorization-server.ts"),
  route(".well-known/oauth-protected-resource", "routes/well-known.oauth-protected-resource.ts", {
    id: "protected-resource",
  }),
  route(".well-known/oauth-protected-resource/mcp", "routes/well-known.oauth-protected-resource.ts", {
    id: "protected-resource-mcp",
  }),
  route("mcp", "routes/mcp.ts"),
  route("api/tasks", "routes/api.tasks.ts", { id: "api-tasks" }),
  route("api/tasks/bulk", "routes/api.tasks.bulk.ts", { id: "api-tasks-bulk" }),
  route("api/tasks/:taskId", "routes/api.tasks.$taskId.ts", { id: "api-task" }),
  route("api/tasks/:taskId/complete", "routes/api.tasks.$taskId.complete.ts", { id: "api-task-complete" }),
  route("api/tasks/:taskId/comments", "routes/api.tasks.$taskId.comments.ts", { id: "api-task-comments" }),
  route("api/tasks/:taskId/comments/:commentId", "routes/api.tasks.$taskId.comments.$commentId.ts", {
    id: "api-task-comment",
  }),
  route("api/labels", "routes/api.labels.ts", { id: "api-labels" }),
  route("api/labels/:labelId", "routes/api.labels.$labelId.ts", { id: "api-label" }),
  route("api/projects", "routes/api.projects.ts", { id: "api-projects" }),
  route("api/projects/:projectId", "routes/api.projects.$projectId.ts", { id: "api-project" }),
  route("api/projects/:projectId/members", "routes/api.projects.$projectId.members.ts", { id: "api-project-members" }),
  route("api/projects/:projectId/members/:memberId", "routes/api.projects.$projectId.members.$memberId.ts", {
    id: "api-project-member",
  }),
  route("api/projects/:projectId/activity", "routes/api.projects.$projectId.activity.ts", {
    id: "api-project-activity",
  }),
  // Calendar feeds: the person's and a project's address, rotated (POST) and turned off (DELETE) (decision 119).
  route("api/calendar-feed", "routes/api.calendar-feed.ts"),
  route("api/projects/:projectId/calendar-feed", "routes/api.projects.$projectId.calendar-feed.ts", {
    id: "api-project-calendar-feed",
  }),
  // Webhooks: the user's endpoints and their deliveries (decision 120).
  route("api/webhooks", "routes/api.webhooks.ts"),
  route("api/webhooks/:webhookId", "routes/api.webhooks.$webhookId.ts"),
  route("api/webhooks/:webhookId/deliveries", "routes/api.webhooks.$webhookId.deliveries.ts"),
  // Import and export (Settings → Your data does the same for the signed-in person).
  route("api/export", "routes/api.export.ts"),
  route("api/import", "routes/api.import.ts"),
  route("api/projects/:projectId/invitations", "routes/api.projects.$projectId.invitations.ts", {
    id: "api-project-invitations",
  }),
  route(
    "api/projects/:projectId/invitations/:invitationId",
    "routes/api.projects.$projectId.invitations.$invitationId.ts",
    {
      id: "api-project-invitation",
    },
  ),
  // Accepting is a signed-in person's act: a session cookie only (the invitation page posts its form elsewhere).
  route("api/invitations/:token/accept", "routes/api.invitations.$token.accept.ts"),
  route("api/:userId/tasks", "routes/api.tasks.ts", { id: "api-user-tasks" }),
  route("api/:userId/tasks/bulk", "routes/api.tasks.bulk.ts", { id: "api-user-tasks-bulk" }),
  route("api/:userId/tasks/:taskId", "routes/api.tasks.$taskId.ts", { id: "api-user-task" }),
  route("api/:userId/tasks/:taskId/complete", "routes/api.tasks.$taskId.complete.ts", { id: "api-user-task-complete" }),
  route("api/:userId/tasks/:taskId/comments", "routes/api.tasks.$taskId.comments.ts", { id: "api-user-task-comments" }),
  route("api/:userId/tasks/:taskId/comments/:commentId", "routes/api.tasks.$taskId.comments.$commentId.ts", {
    id: "api-user-task-comment",
  }),
  route("api/:userId/labels", "routes/api.labels.ts", { id: "api-user-labels" }),
  route("api/:userId/labels/:labelId", "routes/api.labels.$labelId.ts", { id: "api-user-label" }),
  route("api/:userId/projects", "routes/api.projects.ts", { id: "api-user-projects" }),
  route("api/:userId/projects/:projectId", "routes/api.projects.$projectId.ts", { id: "api-user-project" }),
  route("api/:userId/projects/:projectId/members", "routes/api.projects.$projectId.members.ts", {
    id: "api-user-project-members",
  }),
  route("api/:userId/projects/:projectId/members/:memberId", "routes/api.projects.$projectId.members.$memberId.ts", {
    id: "api-user-project-member",
  }),
  route("api/:userId/projects/:projectId/activity", "routes/api.projects.$projectId.activity.ts", {
    id: "api-user-project-activity",
  }),
  route("api/:userId/projects/:projectId/invitations", "routes/api.projects.$projectId.invitations.ts", {
    id: "api-user-project-invitations",
  }),
  route(
    "api/:userId/projects/:projectId/invitations/:invitationId",
    "routes/api.projects.$projectId.invitations.$invitationId.ts",
    { id: "api-user-project-invitation" },
  ),
] satisfies RouteConfig;
