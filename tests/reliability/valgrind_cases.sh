#!/usr/bin/env bash
# valgrind_cases.sh TRACKER CASES_DIR - the CLI golden cases with every
# tracker run under valgrind (memcheck): an invalid read or write, a use of
# uninitialised memory or a definite leak fails the case (exit 99 differs
# from the expected status). Skipped (77) for an ASan build: valgrind and
# ASan do not run together.
set -u
bin=$(realpath "$1")
cases=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
if grep -q __asan_init "$bin" 2>/dev/null; then
	echo "SKIP: $bin is built with AddressSanitizer"
	exit 77
fi
if ! command -v valgrind >/dev/null; then
	echo "SKIP: valgrind is not installed"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The wrapper stands in for the binary (and notes each run's arguments by
# process id, to name the command of a valgrind log); it and a copy of the binary are
# world-readable in a world-readable directory, since a case may run them
# as another user, and the checkout may lie where that user cannot go.
cp "$bin" "$tmp/tracker-real"
cat >"$tmp/tracker" <<WRAP
#!/bin/sh
echo "\$\$ \$*" 2>/dev/null >>$tmp/args.log; exec valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite -q \
	--log-file=$tmp/vg.%p.log "$tmp/tracker-real" "\$@"
WRAP
chmod 755 "$tmp" "$tmp/tracker" "$tmp/tracker-real"
chmod 1777 "$tmp"
: >"$tmp/args.log"
chmod 666 "$tmp/args.log"
# One runner per case, as many at once as there are cores: valgrind makes
# each run ~30 times slower.
mkdir "$tmp/sets"
for dir in "$cases"/*/; do
	name=$(basename "$dir")
	mkdir "$tmp/sets/$name"
	ln -s "$dir" "$tmp/sets/$name/$name"
done
# English only: each language doubles the time under valgrind, and the
# Chinese runs are checked for memory errors under ASan in the sanitizer
# build (its golden_cases).
export runner="$here/../run_cases.sh" wrapper="$tmp/tracker" TRACKER_CASE_LANGS=en
ls "$tmp/sets" | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} \
	sh -c '"$runner" "$wrapper" "'"$tmp"'/sets/{}" >"'"$tmp"'/sets/{}.log" 2>&1'
st=0
for log in "$tmp"/sets/*.log; do
	grep -q "0 failed" "$log" || { st=1; cat "$log"; }
done
echo "valgrind golden cases: $(grep -l "0 failed" "$tmp"/sets/*.log | wc -l) passed, $(grep -L "0 failed" "$tmp"/sets/*.log | wc -l) failed"
for log in "$tmp"/vg.*.log; do
	[ -s "$log" ] && { pid=${log##*/vg.}; pid=${pid%.log}; echo "valgrind: tracker $(grep "^$pid " "$tmp/args.log" | cut -d" " -f2-)"; head -30 "$log"; st=1; }
done
exit $st
