#!/usr/bin/env bash
# npm run test:container: builds the image from a clean checkout of HEAD with podman, runs it
# and checks what the README's "Docker" section promises (decision 073). One build, one image
# for every check. Where podman cannot run, one line and exit 0 ("skipped"), unless
# CONTAINER_TEST_REQUIRED=1 (.ci/run sets it: on the CI machines it must run).
#
# BUILD_ENV (default /tmp/container-build-env, written by base-image.sh): npmrc and ca.crt for
# npm inside the build, handed over as build secrets when present.
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
  if [ "${CONTAINER_TEST_REQUIRED:-0}" = 1 ]; then echo "test:container: FAILED: $1" >&2; exit 1; fi
  echo "test:container: skipped ($1)"
  exit 0
}
command -v podman >/dev/null || skip "podman is not installed"
podman info >/dev/null 2>&1 || skip "podman cannot run here (no root or user namespaces)"
podman image exists docker.io/library/node:24-bookworm-slim ||
  skip "no node:24-bookworm-slim image (run base-image.sh, or pull it)"

BUILD_ENV=${BUILD_ENV:-/tmp/container-build-env}
IMAGE=localhost/tasklane:test
MAX_MB=250
GRACE=10 # seconds podman stop waits before SIGKILL
run_id=$$
volume=tasklane-test-data-$run_id
scratch_db=tasklane_container_$run_id
work=$(mktemp -d)
containers=()
started=$SECONDS

cleanup() {
  for c in "${containers[@]}"; do podman rm -f -v -t 0 "$c" >/dev/null 2>&1 || true; done
  podman volume rm -f "$volume" >/dev/null 2>&1 || true
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $scratch_db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "test:container: FAILED: $1" >&2
  for c in "${containers[@]}"; do echo "--- logs of $c" >&2; podman logs --tail 20 "$c" >&2 2>&1 || true; done
  exit 1
}
ok() { echo "ok - $1"; }
# podman run starts a container with a HEALTHCHECK and says on stderr that it found no systemd to
# schedule the checks (these machines have none); `podman healthcheck run` still runs them.
quiet_run() { podman run "$@" 2> >(grep -v 'systemd connection' >&2); }
free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
wait_for() { # url: until it answers 200, up to 60 s
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
    sleep 0.5
  done
  fail "$1 did not answer 200 within 60 s"
}

# --- build from a clean checkout (what is committed, as CI sees it)
[ -z "$(git status --porcelain --untracked-files=no)" ] || echo "note: uncommitted changes are not in the image (it builds HEAD)"
git archive --format=tar HEAD | tar -x -C "$work"
secrets=()
if [ -f "$BUILD_ENV/npmrc" ]; then secrets+=(--secret "id=npmrc,src=$BUILD_ENV/npmrc"); fi
if [ -f "$BUILD_ENV/ca.crt" ]; then secrets+=(--secret "id=npm-ca,src=$BUILD_ENV/ca.crt"); fi
previous=$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
build_start=$SECONDS
podman build -q --pull=never --format docker --network host "${secrets[@]}" -t "$IMAGE" "$work" >"$work.build.log" 2>&1 ||
  { tail -30 "$work.build.log" >&2; rm -f "$work.build.log"; fail "podman build"; }
rm -f "$work.build.log"
build_seconds=$((SECONDS - build_start))
current=$(podman image inspect --format '{{.Id}}' "$IMAGE")
if [ -n "$previous" ] && [ "$previous" != "$current" ]; then podman rmi "$previous" >/dev/null 2>&1 || true; fi
ok "image built from HEAD in ${build_seconds}s"

size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
size_mb=$((size / 1000000))
[ "$size_mb" -lt "$MAX_MB" ] || fail "image is ${size_mb} MB, over ${MAX_MB} MB"
ok "image size ${size_mb} MB (limit ${MAX_MB} MB)"

# No registry settings, CA or npm cache in any layer that ships.
ca_line=$( [ -f "$BUILD_ENV/ca.crt" ] && sed -n '2p' "$BUILD_ENV/ca.crt" || echo no-ca-given)
leftovers=$(quiet_run --rm --user 0 --entrypoint sh "$IMAGE" -c '
  find / -xdev \( -name .npmrc -o -name npmrc -o -name ca.crt -o -name _cacache -o -name .npm \) -print 2>/dev/null
  grep -rlF -- "$1" /app /root /home /usr/local/etc /tmp 2>/dev/null' sh "$ca_line" || true)
[ -z "$leftovers" ] || fail "registry settings or npm cache in the image: $leftovers"
ok "no npmrc, CA or npm cache in the image"

# --- embedded database on a named volume
podman volume create "$volume" >/dev/null
port=$(free_port)
BASE=http://localhost:$port
run_embedded() { # name
  containers+=("$1")
  quiet_run -d --name "$1" -p "127.0.0.1:$port:3000" -e "BETTER_AUTH_URL=$BASE" -v "$volume:/data" "$IMAGE" >/dev/null
}
run_embedded "tasklane-test-a-$run_id"
wait_for "$BASE/healthz"
wait_for "$BASE/readyz"
ok "/healthz and /readyz answer 200"

uids=$(podman exec "tasklane-test-a-$run_id" sh -c 'grep ^Uid: /proc/1/status; cat /proc/1/comm')
echo "$uids" | grep -qE '^Uid:\s+1000\s+1000\s+1000\s+1000$' || fail "the server process is not the node user: $uids"
ok "the server runs as uid 1000 (node), not root"

# As the HEALTHCHECK's --retries=3: the first exec into a fresh container can exceed its 3 s
# timeout on a loaded machine.
for _ in 1 2 3; do podman healthcheck run "tasklane-test-a-$run_id" >/dev/null 2>&1 && break; done
health=$(podman inspect --format '{{.State.Health.Status}}' "tasklane-test-a-$run_id")
[ "$health" = healthy ] || fail "podman healthcheck run: $health"
ok "podman healthcheck run: healthy"

# The README's curl walk-through, as written there, against the container.
walkthrough=$(awk '/^### Walk-through with curl/ {on=1} on && /^```sh$/ {code=1; next} code && /^```$/ {exit} code' README.md |
  grep -v '^BASE=')
[ -n "$walkthrough" ] || fail "no walk-through found in README.md"
walk() { # base: runs the walk-through, prints its output and the variables it set
  (BASE=$1 && eval "$walkthrough" && printf '\nSESSION=%s\nTOKEN=%s\nID=%s\n' "$SESSION" "$TOKEN" "$ID") 2>&1
}
out=$(walk "$BASE")
grep -qE '^SESSION=.+' <<<"$out" || fail "walk-through: no session token: $out"
grep -qE '^TOKEN=ey' <<<"$out" || fail "walk-through: no JWT: $out"
id=$(sed -n 's/^ID=//p' <<<"$out")
[ -n "$id" ] && [ "$id" != null ] || fail "walk-through: no task created: $out"
grep -qF "\"id\":\"$id\"" <<<"$out" || fail "walk-through: the list does not show the new task: $out"
grep -qE 'HTTP/1.1 204 ' <<<"$out" || fail "walk-through: the delete did not answer 204: $out"
ok "the README's curl walk-through (sign up, token, create, list, complete, delete)"

# Something to find after the restart: a task, and the signing key's id.
sign_in() {
  curl -s -o /dev/null -D - "$BASE/api/auth/sign-in/email" -H "Origin: $BASE" -H 'Content-Type: application/json' \
    -d '{"email":"ada@example.com","password":"Str0ng!Passw0rd"}' | awk 'tolower($1) == "set-auth-token:" { print $2 }' | tr -d '\r'
}
token() { curl -s "$BASE/api/auth/token" -H "Authorization: Bearer $1" | jq -r .token; }
TOKEN=$(token "$(sign_in)")
kept=$(curl -s "$BASE/api/tasks" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"title":"Survives a restart"}' | jq -r .id)
[ -n "$kept" ] && [ "$kept" != null ] || fail "could not create a task"
kid=$(curl -s "$BASE/.well-known/jwks.json" | jq -r '.keys[0].kid')

stop_and_check() { # name: podman stop exits 0 within the grace, and so does the server
  local t0=$SECONDS
  podman stop -t "$GRACE" "$1" 2> >(grep -v 'systemd connection' >&2) >/dev/null || fail "podman stop $1 failed"
  local took=$((SECONDS - t0)) code
  code=$(podman inspect --format '{{.State.ExitCode}}' "$1")
  [ "$took" -lt "$GRACE" ] && [ "$code" = 0 ] || fail "$1 stopped after ${took}s with exit code $code (grace ${GRACE}s)"
  ok "podman stop: exit code 0 after ${took}s (grace ${GRACE}s)"
}
stop_and_check "tasklane-test-a-$run_id"

# A new container on the same volume: same account, same task, same signing key.
run_embedded "tasklane-test-b-$run_id"
wait_for "$BASE/readyz"
session=$(sign_in)
[ -n "$session" ] || fail "the account did not survive the restart"
TOKEN=$(token "$session")
curl -s "$BASE/api/tasks" -H "Authorization: Bearer $TOKEN" | grep -qF "\"id\":\"$kept\"" || fail "the task did not survive the restart"
[ "$(curl -s "$BASE/.well-known/jwks.json" | jq -r '.keys[0].kid')" = "$kid" ] || fail "the signing key changed on restart"
ok "the volume survives a new container: same account, same task, same signing key ($kid)"
stop_and_check "tasklane-test-b-$run_id"

# --- PostgreSQL: the machine's, a scratch database, through the host's network
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $scratch_db" >/dev/null
  pg_port=$(free_port)
  containers+=("tasklane-test-pg-$run_id")
  quiet_run -d --name "tasklane-test-pg-$run_id" --network host -e "PORT=$pg_port" -e HOST=127.0.0.1 \
    -e "DATABASE_URL=postgres://postgres@127.0.0.1:5432/$scratch_db" \
    -e "BETTER_AUTH_SECRET=container-test-secret-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" \
    "$IMAGE" >/dev/null
  wait_for "http://localhost:$pg_port/readyz"
  tables=$(psql -At -h 127.0.0.1 -U postgres -d "$scratch_db" -c "SELECT count(*) FROM pg_tables WHERE tablename IN ('user', 'task')")
  [ "$tables" = 2 ] || fail "PostgreSQL: the migrations did not create the tables"
  out=$(walk "http://localhost:$pg_port")
  grep -qE 'HTTP/1.1 204 ' <<<"$out" || fail "PostgreSQL: the walk-through failed: $out"
  ok "with DATABASE_URL: migrated the scratch database and served the walk-through"
  stop_and_check "tasklane-test-pg-$run_id"
else
  [ "${CONTAINER_TEST_REQUIRED:-0}" = 1 ] && fail "PostgreSQL is not reachable at 127.0.0.1:5432"
  echo "note: PostgreSQL is not reachable at 127.0.0.1:5432; its check skipped"
fi

echo "test:container: passed in $((SECONDS - started))s (build ${build_seconds}s, image ${size_mb} MB)"
