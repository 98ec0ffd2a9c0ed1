import { Form } from "react-router";
import { LocalTime } from "~/ui/local-time";
import { Button } from "~/ui/button";
import { usePendingSubmission } from "~/ui/use-pending";
import { type ApiKeyScope, SCOPE_LABELS } from "./key-rules";

export interface ApiKeyRowView {
  id: string;
  name: string;
  scope: ApiKeyScope;
  start: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  expired: boolean;
}

export function ApiKeyList({ keys }: { keys: ApiKeyRowView[] }) {
  const revoking = usePendingSubmission("revoke-api-key");
  if (keys.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">You have no API keys.</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200 dark:divide-slate-800 dark:ring-slate-800">
      {keys.map((key) => {
        const detailsId = `api-key-${key.id}-details`;
        return (
          <li key={key.id} className="flex items-start gap-3 px-3 py-3 sm:px-4" data-testid="api-key">
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-x-2 font-medium">
                {key.name}
                <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800 dark:bg-slate-800 dark:text-slate-200">
                  {SCOPE_LABELS[key.scope]}
                </span>
                {key.expired ? (
                  <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/60 dark:text-amber-100">
                    Expired
                  </span>
                ) : null}
              </p>
              <p id={detailsId} className="mt-0.5 text-sm break-words text-slate-600 dark:text-slate-400">
                <code className="font-mono">{key.start}…</code> · created <LocalTime iso={key.createdAt} dateOnly />
                <span className="block">
                  {key.lastUsedAt ? (
                    <>
                      Last used <LocalTime iso={key.lastUsedAt} />
                    </>
                  ) : (
                    "Never used"
                  )}{" "}
                  · {key.expired ? "expired" : "expires"} <LocalTime iso={key.expiresAt} dateOnly />
                </span>
              </p>
            </div>
            <Form method="post" className="shrink-0">
              <input type="hidden" name="intent" value="revoke-api-key" />
              <input type="hidden" name="keyId" value={key.id} />
              <Button
                type="submit"
                variant="ghost"
                className="px-2.5 py-1.5 text-red-700 dark:text-red-400"
                disabled={revoking}
                aria-label={`Revoke API key ${key.name}`}
                aria-describedby={detailsId}
              >
                Revoke
              </Button>
            </Form>
          </li>
        );
      })}
    </ul>
  );
}
