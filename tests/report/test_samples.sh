#!/bin/sh
# The committed sample reports are what reports/samples/checkins.sh makes.
. "$(dirname "$0")/lib.sh"
sample_db
validate "$work/samples/report-2023Q3.json"
for f in json html md csv; do
	cmp "$src/reports/samples/report-2023Q3.$f" "$work/samples/report-2023Q3.$f" ||
		fail "reports/samples/report-2023Q3.$f is stale: run reports/samples/checkins.sh"
done
echo ok
