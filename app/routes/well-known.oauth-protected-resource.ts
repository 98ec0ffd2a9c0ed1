// RFC 9728 protected-resource metadata (decision 124): the API and the MCP server are one
// resource, identified by the API tokens' audience; its authorization server is ours.
import { apiTokenAudience, apiTokenIssuer } from "~/config.server";
import { TOKEN_SCOPES } from "~/api-keys/key-rules";
import type { Route } from "./+types/well-known.oauth-protected-resource";

export function loader(_: Route.LoaderArgs) {
  return Response.json(
    {
      resource: apiTokenAudience,
      resource_name: "Tasklane",
      authorization_servers: [apiTokenIssuer],
      scopes_supported: [...TOKEN_SCOPES.write],
      bearer_methods_supported: ["header"],
      resource_documentation: `${apiTokenIssuer}/api/openapi.json`,
    },
    { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } },
  );
}
