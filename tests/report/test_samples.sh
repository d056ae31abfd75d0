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
echo ok
