// The webhook routes' refusals (decision 120): a field the endpoint cannot have (400, naming it),
// the per-person limit (409), another person's or a missing endpoint (404, the same).
import * as doc from "~/api/openapi-operations.server";
import { problem } from "~/api/problem.server";
import { WebhookInputError } from "~/webhooks/endpoints.server";
import { WEBHOOKS_MAX } from "~/webhooks/webhook-rules";

export const webhookNotFound = () => problem(404, { detail: "No such webhook" });

export const webhookNotFoundResponse = { "404": doc.problemResponse("No such webhook (or not the token's user's)") };
export const webhookInputResponses = {
  ...doc.bodyErrors,
  "400": doc.problemResponse(
    "Malformed JSON, an unknown field, an invalid value, a URL that is not https:// or whose host is a private, loopback, link-local or metadata address, or a project the user cannot see",
    "ValidationProblem",
  ),
  "409": doc.problemResponse(`The user has ${WEBHOOKS_MAX} webhooks already`),
};

/** Runs `work`, answering a WebhookInputError with its 400 or 409. */
export async function answeringInputErrors(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WebhookInputError) {
      if (error.field === "") return problem(409, { detail: error.message });
      return problem(400, { detail: error.message, errors: [{ path: error.field, message: error.message }] });
    }
    throw error;
  }
}
