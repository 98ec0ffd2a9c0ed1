# syntax=docker/dockerfile:1
# Tasklane: multi-stage build on Node 24. The server migrates the database at start-up.
# npm's registry settings are optional build secrets (a private registry, a proxy with its own
# CA); a secret is mounted for one RUN only and never stored in a layer (README, "Docker"):
#   docker build --secret id=npmrc,src=$HOME/.npmrc --secret id=npm-ca,src=ca.crt -t tasklane .

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
    --mount=type=secret,id=npm-ca,target=/usr/local/etc/ca.crt \
    npm ci --no-audit --no-fund
COPY . .
# SERVER_BUNDLE=1: the server build takes in its dependencies but a few, and those few (with
# their own dependencies, without type declarations, source maps and CommonJS copies) are all of node_modules the
# image carries (scripts/server-externals.js).
RUN SERVER_BUNDLE=1 npm run build && node scripts/server-externals.js /runtime

FROM node:24-bookworm-slim AS runtime
# MALLOC_MMAP_THRESHOLD_: a fixed threshold turns off glibc's dynamic one. Otherwise the first
# freed 32 MiB scrypt buffer (password hashing) raises the mmap threshold to 32 MiB and the trim
# threshold to 64 MiB for the whole process, and the main heap keeps ~50 MB it no longer uses
# after a burst of sign-ins (docs/benchmarks.md, scenario 6).
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=build /runtime/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY package.json server.js ./
COPY db/migrations ./db/migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# SIGTERM drains: every request already sent is answered. Behind a load balancer set
# SHUTDOWN_GRACE_MS (keep accepting while /readyz says 503) and give `docker stop` a
# --stop-timeout above SHUTDOWN_GRACE_MS + SHUTDOWN_TIMEOUT_MS (README, "Operating").
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# --max-semi-space-size: V8 lets the young generation grow with the machine's memory (to 128 MB
# on a 24 GiB host) and keeps it after a burst; 16 MB semi-spaces bound it without costing CPU
# per request (decision 128). --heap-growing-percent: after each full collection V8 lets the
# old generation grow to up to 4 x what survived on a host this size before the next one, and
# a slow page's promoted garbage filled that to ~300 MB; 1.5 x keeps the peak near 300 MB of
# RSS (decision 133). Cluster workers inherit the flags; npm start and the bench's harness
# (bench/harness/app.js) read the same line.
CMD ["node", "--max-semi-space-size=16", "--heap-growing-percent=50", "server.js"]
