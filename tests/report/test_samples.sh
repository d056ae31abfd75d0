#!/bin/sh
# The committed sample reports are what reports/samples/checkins.sh makes.
. "$(dirname "$0")/lib.sh"
sample_db
validate "$work/samples/report-2023Q3.json" "$work/samples/report-2023Q4.json"
for f in report-2023Q3.json report-2023Q3.html report-2023Q3.md report-2023Q3.csv report-2023Q3.docx \
	 report-2023Q4.json report-2023Q4.html report-2023Q4.md report-2023Q4.csv report-2023Q4.docx \
	 report-2023Q4-letter211.html; do
	cmp "$src/reports/samples/$f" "$work/samples/$f" ||
		fail "reports/samples/$f is stale: run reports/samples/checkins.sh"
done
# Spooled reports reach stdout however it is opened: a pipe and a file
# (the kernel copies the spool, sendfile) and a file opened to append
# (which sendfile refuses: copied through a buffer instead).
q4() { TRACKER_NOW=2024-01-10T02:00:00Z "$tracker" report --lang zh --quarter 2023Q4 "$@"; }
for f in json html; do
	q4 --format "$f" | cat >"$work/piped.$f"
	q4 --format "$f" >"$work/plain.$f"
	printf 'before\n' >"$work/appended.$f"
	q4 --format "$f" >>"$work/appended.$f"
	printf 'before\n' | cat - "$work/plain.$f" | cmp -s - "$work/appended.$f" ||
		fail "report --format $f appended to a file differs"
	for how in piped plain; do
		cmp -s "$src/reports/samples/report-2023Q4.$f" "$work/$how.$f" ||
			fail "report --format $f to a $how stdout differs from the sample"
	done
done
echo ok
