import { createContext } from "react-router";

export interface RequestMeta {
  /** Echoed in X-Request-Id and in every log line about this request. */
  requestId: string;
  /** From the socket, or from X-Forwarded-For when TRUST_PROXY says how many hops to believe. */
  clientIp: string;
  /** The matched routes' pattern, noted by the root's middleware: the server's metrics label by it. */
  routePattern?: string;
}

// Defaults serve the Vite dev server, which does not run server.js.
export const requestMetaContext = createContext<RequestMeta>({
  requestId: "dev",
  clientIp: "127.0.0.1",
});

/**
 * Where the page's forms may send the browser besides our own origin (CSP form-action, which
 * also governs the redirect a form post answers with): the OAuth consent page adds the app's
 * redirect URI, where Allow and Deny lead (decision 123).
 */
export const formActionSourcesContext = createContext<readonly string[]>([]);
