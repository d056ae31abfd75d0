#!/usr/bin/env bash
# peers.sh - tracker beside the tools an office would use instead, on the
# same items: Taskwarrior (a task per commitment, its check-ins' notes as
# annotations, its department as project) and calcurse (an all-day
# appointment per deadline). Each pair does the same job; tracker's side
# also does what the peer does not (hash chains, health, reminders), which
# the table says. Median wall time of REPEAT runs (default 5) from the
# clock in ns, median CPU and peak RSS from GNU time.
#
#   bench/peers.sh TRACKER DB
#
# DB is a tracker store (bench/run.sh builds one: gen_data, import); the
# peers' data are made from it here (Debian's python3, standard library).
# The writes (log, annotate) go to copies. Every run is bounded by
# LIMIT seconds (default 300): a peer that takes longer is reported so.
set -euo pipefail
tracker=$(realpath "$1")
src=$(realpath "$2")
repeat=${REPEAT:-5}
limit=${LIMIT:-300}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for tool in task calcurse /usr/bin/python3 /usr/bin/time; do
	command -v "$tool" >/dev/null || {
		echo "peers: needs $tool (apt-get install taskwarrior calcurse python3 time)" >&2; exit 2; }
done
cp "$src" "$dir/t.db"
# The clock as it is: the copy's last record may be from today.
export TRACKER_DB=$dir/t.db NO_COLOR=1
unset TRACKER_NOW
export TASKRC=$dir/taskrc TASKDATA=$dir/task

# The peers' data: one task per commitment (annotations: the check-ins'
# notes, dated), one appointment per commitment with a due date.
/usr/bin/python3 - "$src" "$dir" <<'EOF'
import json, sqlite3, sys, uuid
db, out = sys.argv[1], sys.argv[2]
c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
notes = {}
for cid, as_of, note in c.execute("SELECT commitment_id, as_of, note FROM checkin ORDER BY commitment_id, seq"):
    notes.setdefault(cid, []).append({"entry": as_of.replace("-", "") + "T000000Z", "description": note or "-"})
with open(f"{out}/tasks.json", "w") as tasks, open(f"{out}/apts", "w") as apts:
    for cid, key, title, due, owner in c.execute(
            "SELECT c.id, c.key, c.title, c.due, o.name FROM commitment c JOIN owner o ON o.id = c.owner_id ORDER BY c.id"):
        t = {"uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, key)), "description": title, "status": "pending",
             "entry": "20230930T080000Z", "project": owner, "tags": [key]}
        if due:
            t["due"] = due.replace("-", "") + "T000000Z"
            y, m, d = due.split("-")
            apts.write(f"{m}/{d}/{y} [1] {title}\n")
        if cid in notes:
            t["annotations"] = notes[cid]
        tasks.write(json.dumps(t, ensure_ascii=False) + "\n")
EOF
mkdir -p "$dir/task" "$dir/cal"
printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nnews.version=2.6.2\n' "$dir/task" >"$TASKRC"
mv "$dir/apts" "$dir/cal/apts"

# run CMD...: "wall_ms cpu_s peak_MB": the median wall time of REPEAT
# runs, taken from the clock around the command alone (GNU time and
# timeout would add their own start to a few-millisecond command), after
# one run under both for the CPU time, the peak RSS and the bound; "- - -"
# if that run failed or took longer than LIMIT.
run() {
	local walls=() i u s r start end
	/usr/bin/time -f "%U %S %M" -o "$dir/t" timeout "$limit" "$@" >/dev/null 2>"$dir/err" ||
		{ echo "peers: '$*' failed: $(tail -1 "$dir/err")" >&2; echo "- - -"; return; }
	read -r u s r <"$dir/t"
	for ((i = 0; i < repeat; i++)); do
		start=$(date +%s%N)
		"$@" >/dev/null 2>&1
		end=$(date +%s%N)
		walls+=("$(((end - start) / 1000))")
	done
	printf '%s\n' "${walls[@]}" | sort -n | awk -v u="$u" -v s="$s" -v rss="$r" '
		{ w[NR] = $1 } END { printf "%.1f %.2f %d\n", w[int((NR + 1) / 2)] / 1000, u + s, rss / 1024 }'
}

# pair JOB NOTE PEER_SHOWN -- TRACKER_CMD... -- PEER_CMD...: one row.
pair() {
	local job=$1 note=$2 shown=$3 ours=() theirs=()
	shift 4
	while [ "$1" != -- ]; do ours+=("$1"); shift; done
	shift
	theirs=("$@")
	read -r tw tc tr < <(run "${ours[@]}")
	read -r pw pc pr < <(run "${theirs[@]}")
	printf '| %s | `tracker %s` | %s ms, %s s, %s MB | `%s` | %s ms, %s s, %s MB | %s |\n' "$job" \
		"${ours[*]:1}" "$tw" "$tc" "$tr" "$shown" "$pw" "$pc" "$pr" "$note"
}

n=$(wc -l <"$dir/tasks.json")
echo "## tracker beside Taskwarrior $(task --version) and calcurse $(calcurse --version | awk '{ print $2; exit }'): $n items ($(nproc) cores)"
echo
# Taskwarrior's import is timed once: it is the setup of the rest.
start=$(date +%s%N)
/usr/bin/time -f "%U %S %M" -o "$dir/t" timeout "$limit" task import "$dir/tasks.json" \
	>/dev/null 2>"$dir/err" || { echo "peers: task import failed: $(tail -1 "$dir/err")" >&2; exit 1; }
end=$(date +%s%N)
read -r u s r <"$dir/t"
echo "Taskwarrior imported them in $(((end - start) / 1000000)) ms ($(awk -v u="$u" -v s="$s" \
	'BEGIN { print u + s }') s CPU, $((r / 1024)) MB; once); tracker's import is in bench/import.sh."
echo
owner=$(sqlite3 -readonly "$src" "SELECT o.name FROM owner o JOIN owner_alias a ON a.owner_id = o.id
	WHERE a.alias = 'B7'")
echo "| job | tracker | wall, CPU, peak RSS | peer | wall, CPU, peak RSS | what tracker does besides |"
echo "|---|---|---|---|---|---|"
pair "calendar of every deadline" "3 reminders and a description (progress, health) per event" \
	"calcurse --export=ical" -- "$tracker" export ics -- calcurse -D "$dir/cal" --export=ical
pair "the same, no reminders" "a description (progress, health) per event" \
	"calcurse --export=ical" -- "$tracker" export ics --no-alarms -- \
	calcurse -D "$dir/cal" --export=ical
pair "everything as JSON" "every check-in with its hashes; progress and health" \
	"task export" -- "$tracker" export json -- task export
pair "one item" "progress, health, the history and check-ins" \
	"task 500 info" -- "$tracker" show B500 -- task 500 info
pair "one department's items" "progress and health per row" \
	"task project:$owner list" -- "$tracker" list --owner "$owner" -- task "project:$owner" list
pair "status summary" "the quarterly report: health per department and item" \
	"task summary" -- "$tracker" report --format md -- task summary
pair "log progress on one item" "a durable check-in in the hash chain (fsync)" \
	"task 500 annotate bench" -- "$tracker" log B500 --note bench -- task 500 annotate bench
