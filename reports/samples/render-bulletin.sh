#!/bin/sh
# render-bulletin.sh - the Word bulletin as a reader sees it: LibreOffice
# (headless) converts it to PDF and pdftoppm draws its first page, which is
# kept as report-2023Q4-bulletin-page1.png beside the sample reports (and
# shown in the README). The fonts the document names are Windows/WPS
# fonts; reports/fonts.conf draws them with Debian's free CJK fonts.
#
#   reports/samples/render-bulletin.sh [DOCX [OUTDIR]]
#
# DOCX defaults to the sample Q4 bulletin, OUTDIR to this directory; it
# writes NAME-page1.png there, and NAME.pdf too unless OUTDIR is this
# directory (NAME: the DOCX's name less .docx, "report-2023Q4-bulletin" for
# the sample). Exits 77 (skipped) when
# LibreOffice or poppler-utils is not installed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
docx=${1:-$here/report-2023Q4.docx}
out=${2:-$here}
name=$(basename "$docx" .docx)
[ -z "${1:-}" ] && name=report-2023Q4-bulletin
for tool in soffice pdftoppm; do
	command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cp "$docx" "$tmp/$name.docx"
# A profile of its own, so a running LibreOffice of the user's is no matter.
FONTCONFIG_FILE=$here/../fonts.conf HOME=$tmp soffice --headless \
	-env:UserInstallation=file://$tmp/profile --convert-to pdf --outdir "$tmp" \
	"$tmp/$name.docx" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }
[ -s "$tmp/$name.pdf" ] || { cat "$tmp/log" >&2; exit 1; }
[ "$(cd "$out" && pwd)" = "$here" ] || cp "$tmp/$name.pdf" "$out/$name.pdf"
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$tmp/$name.pdf" "$out/$name-page1"
