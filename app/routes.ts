import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),

  // Accounts (signed-out pages; sign-out is a POST-only action)
  route("sign-up", "routes/sign-up.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-out", "routes/sign-out.ts"),

  // Signed-in pages
  layout("routes/_app.tsx", [route("tasks", "routes/tasks.tsx"), route("settings", "routes/settings.tsx")]),

  // Operations
  route("healthz", "routes/healthz.ts"),
  route("readyz", "routes/readyz.ts"),

  // Better Auth's own HTTP endpoints
  route("api/auth/*", "routes/api.auth.$.ts"),
] satisfies RouteConfig;
