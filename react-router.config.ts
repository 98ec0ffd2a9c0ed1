import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // Every route's entry is in the first document (decision 099): with lazy discovery a link to
  // a route not yet discovered fetched /__manifest first, and a fetcher action finishing in that
  // moment (the zone saved as a new account's first page hydrates) completed the navigation
  // with the old page's routes: the address changed and the page did not.
  routeDiscovery: { mode: "initial" },
} satisfies Config;
