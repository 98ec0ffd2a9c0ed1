// The Settings → Webhooks page's forms (decision 120): one function per intent, each taking the
// signed-in person. A create answers with the secret on the page itself (shown once, never stored
// in a flash cookie or a URL); everything else goes back to the page with a message.
import { data } from "react-router";
import { redirectWithFlash } from "~/flash.server";
import {
  createWebhook,
  deleteWebhook,
  resendDelivery,
  sendTestEvent,
  updateWebhook,
  WebhookInputError,
} from "./endpoints.server";
import { WebhookInputSchema } from "./webhook-rules";

const PAGE = "/settings/webhooks";

export type WebhookFormResult =
  | { intent: "create"; created: { id: string; url: string; secret: string }; error?: undefined }
  | { intent: "create"; error: string; created?: undefined };

const notFound = () => data("No such webhook", { status: 404 });

export async function webhookFormAction(request: Request, userId: string) {
  const form = await request.formData();
  const intent = form.get("intent");
  const id = String(form.get("webhookId") ?? "");
  switch (intent) {
    case "create": {
      const parsed = WebhookInputSchema.safeParse({
        url: form.get("url") ?? "",
        events: form.getAll("events").map(String),
        projectIds: form.getAll("projectIds").map(String),
      });
      if (!parsed.success)
        return data<WebhookFormResult>(
          { intent: "create", error: parsed.error.issues[0]?.message ?? "Check the form" },
          { status: 400 },
        );
      try {
        const { endpoint, secret } = await createWebhook(userId, parsed.data);
        return data<WebhookFormResult>({ intent: "create", created: { id: endpoint.id, url: endpoint.url, secret } });
      } catch (error) {
        if (error instanceof WebhookInputError)
          return data<WebhookFormResult>({ intent: "create", error: error.message }, { status: 400 });
        throw error;
      }
    }
    case "delete":
      if (!(await deleteWebhook(userId, id))) throw notFound();
      return redirectWithFlash(PAGE, { kind: "success", message: "Webhook deleted." });
    case "enable":
    case "disable":
      if (!(await updateWebhook(userId, id, { enabled: intent === "enable" }))) throw notFound();
      return redirectWithFlash(PAGE, {
        kind: "success",
        message: intent === "enable" ? "Webhook turned on." : "Webhook turned off.",
      });
    case "test":
      if (!(await sendTestEvent(userId, id))) throw notFound();
      return redirectWithFlash(PAGE, { kind: "success", message: "A test event is on its way." });
    case "resend":
      if (!(await resendDelivery(userId, id, String(form.get("deliveryId") ?? "")))) throw notFound();
      return redirectWithFlash(PAGE, { kind: "success", message: "The delivery will be sent again." });
    default:
      throw data("Unknown webhook action", { status: 400 });
  }
}
