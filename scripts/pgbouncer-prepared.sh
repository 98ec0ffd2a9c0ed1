#!/usr/bin/env bash
# Builds a PgBouncer that keeps prepared statements in transaction mode (≥ 1.21, the
# DATABASE_POOLER=prepared tests and bench scenario 1s, decision 138) into
# /opt/tasklane-pgbouncer: Debian 12 packages 1.18, so this builds Debian 13's source package
# (its upstream tarball, checked against the archive's checksum) with Debian 12's libraries.
# Outside root's home: the tests run it as the postgres user. About 30 s on two cores.
set -euo pipefail
PREFIX="${PGBOUNCER_PREPARED_PREFIX:-/opt/tasklane-pgbouncer}"
VERSION=1.24.1
SHA256=da72a3aba13072876d055a3e58dd4aba4a5de4ed6148e73033185245598fd3e0
[ -x "${PREFIX}/bin/pgbouncer" ] && exit 0
if ! dpkg -s libevent-dev libssl-dev pkg-config make gcc >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libevent-dev libssl-dev pkg-config make gcc >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
curl -fsS -o "${work}/pgbouncer.tar.gz" "http://deb.debian.org/debian/pool/main/p/pgbouncer/pgbouncer_${VERSION}.orig.tar.gz"
echo "${SHA256}  ${work}/pgbouncer.tar.gz" | sha256sum -c --quiet
tar -xzf "${work}/pgbouncer.tar.gz" -C "${work}"
cd "${work}/pgbouncer-${VERSION}"
./configure --prefix="${PREFIX}" --without-cares >/dev/null
make -j"$(nproc)" >/dev/null
make install >/dev/null
echo "built ${PREFIX}/bin/pgbouncer ($("${PREFIX}/bin/pgbouncer" --version | head -n1))"
