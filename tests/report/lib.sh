# lib.sh - shared by the report tests: a scratch directory, a database with
# the scripted sample check-ins, schema validation and assertions.
set -eu
tracker=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
export TRACKER_DB="$work/t.db"
unset LC_ALL LC_MESSAGES LANG
# Human formats show times in local time: the office's zone, as the samples.
export TZ=Asia/Shanghai

fail() { echo "FAIL: $*" >&2; exit 1; }

# The seed letter with the sample year (reports/samples/checkins.sh); the
# samples it writes go to $work/samples.
sample_db() {
	mkdir -p "$work/samples"
	sh "$src/reports/samples/checkins.sh" "$tracker" "$work/samples" "$TRACKER_DB"
}

# validate FILE...: every file is valid against reports/report.schema.json.
validate() {
	/usr/bin/python3 - "$src/reports/report.schema.json" "$@" <<'PY'
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1], encoding="utf-8"))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
bad = 0
for path in sys.argv[2:]:
    doc = json.load(open(path, encoding="utf-8"))
    for e in v.iter_errors(doc):
        print("%s: %s: %s" % (path, e.json_path, e.message), file=sys.stderr)
        bad += 1
sys.exit(1 if bad else 0)
PY
}

# jq-like reads with python: jget FILE EXPR (EXPR in Python over `d`).
jget() {
	/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1],encoding="utf-8")); print(eval(sys.argv[2]))' "$1" "$2"
}
