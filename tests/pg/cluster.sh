#!/usr/bin/env bash
# cluster.sh start|stop|url DIR - a throw-away PostgreSQL cluster for the
# tests, in DIR, listening on a Unix socket in DIR only (no TCP port, so
# clusters of parallel runs never collide and nothing listens on the
# network). initdb refuses to run as root: as root (CI) the cluster is the
# "postgres" account's (Debian's postgresql package creates it), otherwise
# the caller's. trust authentication: the socket directory is the caller's.
#   start  creates and starts the cluster, creates the database "tracker"
#          and prints its conninfo ("host=DIR dbname=tracker user=...")
#   stop   stops it (fast) and removes DIR
#   url    prints the conninfo of a running cluster
set -euo pipefail
cmd=${1:?usage: cluster.sh start|stop|url DIR}
dir=${2:?usage: cluster.sh start|stop|url DIR}
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bindir/initdb" ] || { echo "cluster.sh: no PostgreSQL server (apt-get install postgresql)" >&2; exit 77; }

if [ "$(id -u)" = 0 ]; then
	owner=postgres
	as_owner() { runuser -u postgres -- "$@"; }
else
	owner=$(id -un)
	as_owner() { "$@"; }
fi
conninfo() { echo "host=$dir dbname=tracker user=$owner"; }

case $cmd in
start)
	mkdir -p "$dir"
	chmod 0755 "$dir"
	[ "$owner" = postgres ] && chown postgres "$dir"
	as_owner "$bindir/initdb" -D "$dir/data" -U "$owner" -A trust -E UTF8 --locale=C.UTF-8 \
		>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
	# fsync stays on: the figures of bench/pg.sh are those of a real server.
	# max_connections covers the concurrency tests (processes x servers).
	as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
		"-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=200 \
		 -c shared_buffers=256MB" start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	as_owner "$bindir/createdb" -h "$dir" -U "$owner" tracker
	conninfo
	;;
stop)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
	fi
	rm -rf "$dir"
	;;
url)
	conninfo
	;;
*)
	echo "usage: cluster.sh start|stop|url DIR" >&2
	exit 2
	;;
esac
