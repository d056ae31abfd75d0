#!/usr/bin/env bash
# run_cases.sh - runs the CLI golden cases: each directory under cases/ has
#   cmd     a bash script; `tracker` runs the binary under test
#   out     the expected standard output
#   err     the expected standard error
#   status  the expected exit status of the script (its last command)
# Each case runs in a fresh directory with a fresh database, a fixed clock
# (TRACKER_NOW) and no colour. The temporary path is shown as $TMP.
# Usage: run_cases.sh TRACKER_BINARY CASES_DIR [--update]
set -u
bin=$(realpath "$1")
cases=$(realpath "$2")
update=${3:-}
seeds=$(realpath "$(dirname "$0")/../seeds")
account=$(id -un)
pass=0 fail=0

for dir in "$cases"/*/; do
	name=$(basename "$dir")
	tmp=$(mktemp -d)
	(
		cd "$tmp" || exit 99
		export TRACKER_DB="$tmp/t.db" TRACKER_NOW=2023-09-30T08:00:00Z NO_COLOR=1 HOME="$tmp"
		export SEEDS="$seeds" LC_ALL=C.UTF-8 USER=tester TZ=Asia/Shanghai
		unset XDG_DATA_HOME
		tracker() { "$bin" "$@"; }
		export -f tracker 2>/dev/null
		export bin
		bash -c "tracker() { \"\$bin\" \"\$@\"; }; source '$dir/cmd'" >"$tmp/.out" 2>"$tmp/.err"
		echo $? >"$tmp/.status"
	)
	# The temporary directory and the account that ran the case (the author
	# of records written without --by) read the same on every machine.
	sed -i -e "s|$tmp|\$TMP|g" -e "s/by $account\b/by \$ACCOUNT/g" "$tmp/.out" "$tmp/.err"
	if [ "$update" = "--update" ]; then
		cp "$tmp/.out" "$dir/out"; cp "$tmp/.err" "$dir/err"; cp "$tmp/.status" "$dir/status"
	fi
	ok=1
	for f in out err status; do
		if ! diff -u "$dir/$f" "$tmp/.$f" >"$tmp/.diff"; then
			ok=0
			echo "FAIL $name: $f differs"
			head -40 "$tmp/.diff"
		fi
	done
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	rm -rf "$tmp"
done
echo "golden cases: $pass passed, $fail failed"
[ "$fail" = 0 ]
