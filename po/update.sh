#!/usr/bin/env bash
# update.sh - extracts every translatable message into po/tracker.pot and
# merges it into each po/LANG.po (then translate what msgmerge marks new or
# fuzzy). Run from the source tree: `cmake --build build --target pot`.
# Usage: po/update.sh TRACKER_BINARY BUILD_DIR [POT]
# With POT, only writes the template there (tests/i18n/catalogue.sh) and
# leaves po/ alone.
set -euo pipefail
bin=$1 build=$2 pot=${3:-po/tracker.pot}
cd "$(dirname "$0")/.."
/usr/bin/python3 po/declaration.py "$bin" > "$build/declaration.c"
find tracker -name '*.c' | LC_ALL=C sort > "$build/po-sources"
echo "$build/declaration.c" >> "$build/po-sources"
xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
	--keyword=_ --keyword=N_ --keyword=trk_err:3 --keyword=trk_err_field:4 \
	--keyword=trk_err_prefix:2 \
	--flag=trk_err:3:c-format --flag=trk_err_field:4:c-format \
	--flag=trk_err_prefix:2:c-format \
	--package-name=tracker --msgid-bugs-address= --sort-by-file \
	--files-from="$build/po-sources" --output="$pot"
sed -i "s|$build/declaration.c|declaration.c|g" "$pot"
[ $# -ge 3 ] && exit 0
for po in po/*.po; do
	msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" po/tracker.pot
done
