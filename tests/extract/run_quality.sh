#!/bin/sh
# Precision and recall of the extractor on the seed letter and every
# labelled document of tests/extract/ (NAME.txt or NAME.ENCODING.txt beside
# NAME.expect.json), matched one to one. The seed letter must have every
# commitment found; the means must reach the targets below.
# usage: run_quality.sh TEST_EXTRACT_BINARY SOURCE_DIR
set -e
bin=$1
src=$2
min_precision=${MIN_PRECISION:-0.85}
min_recall=${MIN_RECALL:-0.92}
set -- --strict "$src/seeds/cixi-2023-211-reply.txt" "$src/seeds/211.json"
for expect in "$src"/tests/extract/*.expect.json; do
	name=${expect%.expect.json}
	for letter in "$name".txt "$name".*.txt; do
		[ -f "$letter" ] && break
	done
	[ -f "$letter" ] || { echo "no letter for $expect" >&2; exit 1; }
	set -- "$@" "$letter" "$expect"
done
exec "$bin" --quality "$min_precision" "$min_recall" "$@"
