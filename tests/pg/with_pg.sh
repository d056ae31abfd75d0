#!/usr/bin/env bash
# with_pg.sh FILE CMD... - runs CMD with TRACKER_TEST_PG set to the conninfo
# of the cluster that `cluster.sh up FILE` started (ctest's fixture), and
# TRACKER_TEST_PG_DIR to its directory.
set -euo pipefail
file=$1
shift
# Skipped (77) only when PostgreSQL is not installed; a cluster that should
# be there and is not is a failure.
"$(dirname "$0")/cluster.sh" have || exit $?
[ -s "$file" ] || { echo "with_pg.sh: no cluster recorded in $file" >&2; exit 1; }
TRACKER_TEST_PG=$("$(dirname "$0")/cluster.sh" url "$(cat "$file")")
TRACKER_TEST_PG_DIR=$(cat "$file")   # for `cluster.sh restart`
export TRACKER_TEST_PG TRACKER_TEST_PG_DIR
exec "$@"
