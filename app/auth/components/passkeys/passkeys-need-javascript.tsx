/** What stands in for a passkey control in a browser without JavaScript (WebAuthn is a script API). */
export function PasskeysNeedJavaScript({ children }: { children: React.ReactNode }) {
  return (
    <p
      className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-200"
      data-testid="passkeys-need-javascript"
    >
      {children}
    </p>
  );
}
