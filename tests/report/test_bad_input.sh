#!/bin/sh
# Bad input: a one-line error, a non-zero exit, and no output file.
. "$(dirname "$0")/lib.sh"
export TRACKER_NOW=2023-09-30T08:00:00Z
out=$work/out.html
expect_error() {
	pattern=$1
	shift
	if "$tracker" report "$@" --out "$out" >"$work/stdout" 2>"$work/stderr"; then
		fail "no error for: $*"
	fi
	# One line; a usage error adds the usage line after it.
	[ "$(grep -vc '^usage: ' "$work/stderr")" -eq 1 ] || { cat "$work/stderr" >&2; fail "not one line: $*"; }
	grep -q "^tracker: .*$pattern" "$work/stderr" || { cat "$work/stderr" >&2; fail "message for: $*"; }
	[ ! -s "$work/stdout" ] || fail "output on stdout for: $*"
	[ ! -e "$out" ] || fail "output file left for: $*"
	ls "$work" | grep -q 'out.html.tmp' && fail "temporary file left for: $*"
	return 0
}
expect_error "no tracker database" --quarter 2023Q3
"$tracker" init 2>/dev/null
expect_error "no letters" --quarter 2023Q3
"$tracker" seed >/dev/null 2>&1
expect_error "2023Q5" --quarter 2023Q5
expect_error "after to" --from 2023-10-01 --to 2023-09-30
expect_error "owner" --quarter 2023Q3 --owner 不存在的局
expect_error "before the first letter" --quarter 2022Q4
expect_error "format" --quarter 2023Q3 --format pdf
expect_error "lang" --quarter 2023Q3 --lang fr
expect_error "go together" --from 2023-07-01
expect_error "not both" --quarter 2023Q3 --from 2023-07-01 --to 2023-09-30
expect_error "no commitment" --quarter 2023Q3 --key 999-99
expect_error "letter" --quarter 2023Q3 --letter 'no such letter'
expect_error "as-known-at.*not a date" --quarter 2023Q3 --as-known-at "the day before"
expect_error "as_of" --quarter 2023Q3 --as-of 2023-09-30
expect_error "unknown" --quarter 2023Q3 --bogus
# A good run writes the file, and only the file.
"$tracker" report --quarter 2023Q3 --format html --out "$out" >"$work/stdout" 2>"$work/stderr"
[ -s "$out" ] && [ ! -s "$work/stdout" ] || fail "good run"
# A full disk under a spooled report (its spool handed on by sendfile, or
# copied where that fails): an error that says so, not a silent success.
for f in json html; do
	if "$tracker" report --quarter 2023Q3 --format "$f" >/dev/full 2>"$work/stderr"; then
		fail "report --format $f to a full disk succeeded"
	fi
	grep -q "cannot write the report" "$work/stderr" || fail "full disk ($f): $(cat "$work/stderr")"
done
echo ok
