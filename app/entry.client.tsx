// React Router's default browser entry, plus the route-pattern matcher: the server turns it on
// (decision 136, server/app.ts) and hands its future flags to the browser, whose router then
// needs the matcher loaded before it starts.
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { unstable_preloadRoutePattern } from "react-router/route-pattern";

unstable_preloadRoutePattern();

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <HydratedRouter />
    </StrictMode>,
  );
});
