# lib.sh - sourced by the reliability scripts: a scratch directory, a fixed
# environment, and small assertions. $bin is the tracker under test.
set -u
bin=$(realpath "$1")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tracker-rel.XXXXXX")
cleanup_hooks=()
cleanup() {
	for h in "${cleanup_hooks[@]}"; do eval "$h" || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT
export TRACKER_DB="$tmp/t.db" TRACKER_NOW=2023-09-30T08:00:00Z NO_COLOR=1 LC_ALL=C.UTF-8 USER=tester
unset XDG_DATA_HOME
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
seeds=$(realpath "$here/../../seeds")
failures=0

tracker() { "$bin" "$@"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
# expect_status WANT DESCRIPTION CMD...: runs CMD, compares the exit status.
expect_status() {
	local want=$1 what=$2 got
	shift 2
	"$@" >"$tmp/.out" 2>"$tmp/.err"
	got=$?
	if [ "$got" = "$want" ]; then ok "$what (exit $got)"; else
		fail "$what: exit $got, expected $want"; sed 's/^/  | /' "$tmp/.err" | head -5; fi
}
sql() { sqlite3 -batch "$@"; }
# Is the binary built with AddressSanitizer?
is_asan() { grep -q __asan_init "$bin" 2>/dev/null; }
finish() {
	if [ "$failures" = 0 ]; then echo "PASS"; exit 0; fi
	echo "$failures failure(s)"; exit 1
}
