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
#   restart  restarts it (fast: clients' connections are cut)
#   halt / resume   stops it, keeping DIR, and starts it again
#   up FILE / down FILE   the same for ctest's fixture: a new directory under
#          /tmp (a socket path must stay short), recorded in FILE
#   have   exits 0 when the PostgreSQL server and client are installed
# Exit 77 (ctest's "skipped") when they are not, and only then.
set -euo pipefail
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if ! [ -x "$bindir/initdb" ] || ! command -v psql >/dev/null; then
	echo "cluster.sh: no PostgreSQL server or psql (apt-get install postgresql)" >&2
	exit 77
fi
[ "${1:-}" = have ] && exit 0
if [ "${1:-}" = up ]; then
	file=${2:?usage: cluster.sh up FILE}
	[ -s "$file" ] && "$0" stop "$(cat "$file")" 2>/dev/null || true
	dir=$(mktemp -d /tmp/tracker-pg.XXXXXX)
	echo "$dir" >"$file"
	exec "$0" start "$dir"
fi
if [ "${1:-}" = down ]; then
	file=${2:?usage: cluster.sh down FILE}
	[ -s "$file" ] || exit 0
	"$0" stop "$(cat "$file")"
	rm -f "$file"
	exit 0
fi
cmd=${1:?usage: cluster.sh start|stop|url DIR}
dir=${2:?usage: cluster.sh start|stop|url DIR}

if [ "$(id -u)" = 0 ]; then
	owner=postgres
	# From the cluster's directory: the caller's (a checkout under /root)
	# may be closed to that account.
	as_owner() { (cd "$dir" && runuser -u postgres -- "$@"); }
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
	# In its configuration file, so that a restart (halt, resume) keeps it.
	# fsync stays on: the figures of bench/ are those of a real server.
	# max_connections covers the concurrency tests (processes x servers).
	as_owner tee -a "$dir/data/postgresql.conf" >/dev/null <<-EOF
		listen_addresses = ''
		unix_socket_directories = '$dir'
		max_connections = 200
		shared_buffers = 256MB
	EOF
	as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null \
		|| { cat "$dir/server.log" >&2; exit 1; }
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
restart)
	# A database server's restart under running clients (two_servers.py).
	as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w restart >/dev/null
	;;
halt)
	as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	;;
resume)
	as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
	;;
*)
	echo "usage: cluster.sh start|stop|url|restart|halt|resume DIR" >&2
	exit 2
	;;
esac
