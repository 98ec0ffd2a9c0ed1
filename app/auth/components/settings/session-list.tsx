import { Form } from "react-router";
import { LocalTime } from "~/ui/local-time";
import { Button } from "~/ui/button";
import { FormErrors } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";

export interface SessionView {
  id: string;
  device: string;
  kind: "desktop" | "mobile" | "tablet" | "other";
  ipAddress: string | null;
  createdAt: string;
  expiresAt: string;
  current: boolean;
}

export function SessionList({ sessions, errors }: { sessions: SessionView[]; errors?: string[] }) {
  const revokingOthers = usePendingSubmission("revoke-other-sessions");
  const others = sessions.filter((session) => !session.current).length;
  return (
    <div className="space-y-4">
      <FormErrors id="sessions-errors" errors={errors} />
      <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200 dark:divide-slate-800 dark:ring-slate-800">
        {sessions.map((session) => (
          <SessionRow key={session.id} session={session} />
        ))}
      </ul>
      {others > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-other-sessions" />
          <Button type="submit" variant="secondary" pending={revokingOthers}>
            {revokingOthers ? "Signing out…" : `Sign out all other sessions (${others})`}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}

function SessionRow({ session }: { session: SessionView }) {
  // Any revoke in flight disables every row: one request at a time, no double submit.
  const revoking = usePendingSubmission("revoke-session");
  const detailsId = `session-${session.id}-details`;
  return (
    <li className="flex items-start gap-3 px-3 py-3 sm:gap-4 sm:px-4" data-testid="session">
      <DeviceIcon kind={session.kind} />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 font-medium">
          {session.device}
          {session.current ? (
            <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200">
              This device
            </span>
          ) : null}
        </p>
        {/* Sign-in time and address tell sessions on the same browser apart. No "last active":
            the session row is only refreshed once a day, so it cannot say. */}
        <p id={detailsId} className="mt-0.5 text-sm break-words text-slate-600 dark:text-slate-400">
          Signed in <LocalTime iso={session.createdAt} /> from {session.ipAddress ?? "an unknown address"}
          <span className="block">
            Expires <LocalTime iso={session.expiresAt} dateOnly />
          </span>
        </p>
      </div>
      {session.current ? null : (
        <Form method="post" className="shrink-0">
          <input type="hidden" name="intent" value="revoke-session" />
          <input type="hidden" name="sessionId" value={session.id} />
          <Button
            type="submit"
            variant="ghost"
            className="px-2.5 py-1.5 text-red-700 dark:text-red-400"
            disabled={revoking}
            aria-label={`Revoke ${session.device} session`}
            aria-describedby={detailsId}
          >
            Revoke
          </Button>
        </Form>
      )}
    </li>
  );
}

function DeviceIcon({ kind }: { kind: SessionView["kind"] }) {
  return (
    <svg
      viewBox="0 0 24 24"
      className="size-6 shrink-0 text-slate-500 dark:text-slate-400"
      fill="none"
      aria-hidden="true"
    >
      {kind === "mobile" || kind === "tablet" ? (
        <rect x="7" y="3" width="10" height="18" rx="2" stroke="currentColor" strokeWidth="1.5" />
      ) : (
        <>
          <rect x="3" y="4" width="18" height="12" rx="2" stroke="currentColor" strokeWidth="1.5" />
          <path d="M8 20h8M12 16v4" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}
