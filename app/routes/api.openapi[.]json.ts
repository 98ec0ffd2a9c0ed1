import { publicApiRoute } from "~/api/handler.server";
import { openApiDocument } from "~/api/openapi.server";

const serveOpenApiDocument = publicApiRoute({
  GET: () => Response.json(openApiDocument()),
});

export const loader = serveOpenApiDocument;
export const action = serveOpenApiDocument;
