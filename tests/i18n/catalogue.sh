#!/usr/bin/env bash
# catalogue.sh TRACKER SOURCE_DIR - every message the sources and the
# declaration of the commands offer for translation (extracted afresh, as
# `cmake --build build --target pot` does) has a translation, not fuzzy, in
# every po/LANG.po: a new message left in English fails here, not in front
# of a Chinese office.
set -u
bin=$(realpath "$1") src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$src/po/update.sh" "$bin" "$tmp" "$tmp/tracker.pot" 2>/dev/null ||
	{ echo "catalogue: extracting the messages failed"; exit 1; }
n=$(grep -c '^msgid ' "$tmp/tracker.pot")
[ "$n" -gt 400 ] || { echo "catalogue: only $n messages extracted"; exit 1; }
st=0
for po in "$src"/po/*.po; do
	if msgcmp "$po" "$tmp/tracker.pot"; then
		echo "$(basename "$po"): all $((n - 1)) messages translated"
	else
		st=1
	fi
done
exit $st
