// RFC 8414 authorization-server metadata for connected apps (decision 123), from Better Auth's
// OAuth provider (its endpoints live under /api/auth/oauth2/).
import { oauthProviderAuthServerMetadata } from "@better-auth/oauth-provider";
import { auth } from "~/auth/auth.server";
import type { Route } from "./+types/well-known.oauth-authorization-server";

const metadata = oauthProviderAuthServerMetadata(auth, { headers: { "Cache-Control": "public, max-age=300" } });

export function loader({ request }: Route.LoaderArgs) {
  return metadata(request);
}
