import { ErrorPage } from "./error-page";

/** The outage message with its way out, inside the app's error boundary or on its own page. */
export function ServiceUnavailableMessage({ retryPath }: { retryPath: string }) {
  return (
    <ErrorPage
      title="Tasklane is briefly unavailable"
      detail="We cannot reach our database right now. Anything you were saving was not saved. Please try again in a few seconds."
      action={{ to: retryPath, label: "Try again", reloadDocument: true }}
    />
  );
}

interface ServiceUnavailablePageProps {
  /** Where "Try again" leads: the page that failed (a GET, so a failed form is not re-sent). */
  retryPath: string;
  /** The app's stylesheets, from the build manifest. */
  stylesheets: string[];
  nonce: string;
}

/**
 * A whole document for the time the database is away. It has no script and needs nothing
 * from the server but its stylesheet, so it renders without React Router and never hydrates.
 */
export function ServiceUnavailablePage({ retryPath, stylesheets, nonce }: ServiceUnavailablePageProps) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>Tasklane is briefly unavailable</title>
        {stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} nonce={nonce} />
        ))}
      </head>
      <body className="min-h-dvh font-sans">
        <main className="px-4 py-12">
          <ServiceUnavailableMessage retryPath={retryPath} />
        </main>
      </body>
    </html>
  );
}
