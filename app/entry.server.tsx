import { randomBytes } from "node:crypto";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { renderToPipeableStream, type RenderToPipeableStreamOptions } from "react-dom/server";
import { type EntryContext, type HandleErrorFunction, type RouterContextProvider, ServerRouter } from "react-router";
import { servedOverHttps } from "~/config.server";
import { logger } from "~/logger.server";
import { databaseOutageReason } from "~/database-errors.server";
import { databaseOutageContext, logDatabaseOutage, serviceUnavailableDocument } from "~/outage.server";
import { formActionSourcesContext, requestMetaContext } from "~/request-context";
import { securityHeaders } from "~/security-headers.server";
import { tickBuffer } from "~/tick-buffer.server";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  // A loader or action failed because the database is away (see handleError): answer the
  // outage page instead of the error boundary React Router would render as a 500.
  if (loadContext.get(databaseOutageContext)) {
    const url = new URL(request.url);
    return serviceUnavailableDocument(`${url.pathname}${url.search}`, routerContext.manifest.routes.root?.css ?? []);
  }
  const nonce = randomBytes(16).toString("base64");
  const formActions = loadContext.get(formActionSourcesContext);
  for (const [name, value] of securityHeaders({
    nonce,
    https: servedOverHttps,
    dev: import.meta.env.DEV,
    formActions,
  })) {
    responseHeaders.set(name, value);
  }
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";

    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    const { pipe, abort } = renderToPipeableStream(
      <ServerRouter context={routerContext} url={request.url} nonce={nonce} />,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = tickBuffer({
            onEnd() {
              clearTimeout(timeoutId);
              timeoutId = undefined;
            },
          });
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          pipe(body);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) {
            logger.error({ requestId: loadContext.get(requestMetaContext).requestId, err: error }, "render error");
          }
        },
      },
    );
  });
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const outage = databaseOutageReason(error);
  if (outage) {
    // Once per request, though the action and several loaders may each have failed.
    if (context?.get(databaseOutageContext)) return;
    context?.set(databaseOutageContext, outage);
    logDatabaseOutage(request, context?.get(requestMetaContext).requestId, outage);
    return;
  }
  logger.error(
    {
      requestId: context.get(requestMetaContext).requestId,
      method: request.method,
      path: new URL(request.url).pathname,
      err: error,
    },
    "unhandled error",
  );
};
