#!/usr/bin/env bash
# completion.sh TRACKER BASH_SCRIPT ZSH_SCRIPT - the generated completion,
# run as the shells run it: bash (an interactive shell, `bash -i`, with
# COMP_WORDS as readline sets them) and zsh (the _tracker function, with
# compadd and _files standing in for the completion system). Every command
# and every option of the declaration is offered; values come from the
# database where there is one (keys, owners and aliases, letters) and from
# the enums otherwise.
set -u
bin=$(realpath "$1") bashc=$(realpath "$2") zshc=$(realpath "$3")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$bin" "$tmp/bin/tracker"
export PATH="$tmp/bin:$PATH" TRACKER_DB="$tmp/t.db" TRACKER_NOW=2023-09-30T08:00:00Z
export LC_ALL=C.UTF-8 HOME="$tmp"
cd "$tmp" || exit 1
pass=0 fail=0

# bash_complete "tracker list --owner 经": what bash offers for the last word
# (an empty last word when the line ends with a space).
bash_complete() {
	HISTFILE=/dev/null bash --norc -i -c '
		source "$1"
		read -ra COMP_WORDS <<<"$2"
		[ "${2: -1}" = " " ] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_tracker
		[ ${#COMPREPLY[@]} = 0 ] || printf "%s\n" "${COMPREPLY[@]}"' _ "$bashc" "$1" 2>/dev/null | sort | tr '\n' ' '
}

zsh_complete() {
	zsh -fc '
		compdef() { :; }
		_files() { print -- "@files $*"; }
		compadd() { [[ $1 == -a ]] && print -l -- ${(P)2}; }
		source "$1"
		words=(${(z)2})
		[[ $2 == *" " ]] && words+=("")
		CURRENT=$#words
		_tracker' _ "$zshc" "$1" 2>/dev/null | sort | tr '\n' ' '
}

# expect SHELL LINE WANT: the offered words, sorted, are exactly WANT.
expect() {
	local got
	got=$("$1"_complete "$2")
	if [ "$got" = "$3" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1 [$2]: got [$got], want [$3]"
	fi
}

# contains SHELL LINE WORD...: each word is among those offered.
contains() {
	local sh=$1 line=$2 got w
	shift 2
	got=" $("$sh"_complete "$line")"
	for w in "$@"; do
		if [[ $got == *" $w "* ]]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL $sh [$line]: $w not offered"
		fi
	done
}

for sh in bash zsh; do
	echo "-- $sh, without a database: the enums"
	expect $sh "tracker list --status " "blocked cancelled done in_progress open "
	expect $sh "tracker override 211-01 " "at_risk cancelled done due_unmet no_data not_started off_track on_track overdue "
	expect $sh "tracker list --kind " "milestone ongoing quantitative "
	expect $sh "tracker report --format " "csv docx html json md "
	expect $sh "tracker list --owner " ""
	expect $sh "tracker export " "csv ics json xlsx "
	contains $sh "tracker list --due-before " eoq eom today
	contains $sh "tracker config " undo.window_minutes health.at_risk_gap
done
tracker seed >/dev/null 2>&1
tracker user add office --role admin >/dev/null 2>&1
for sh in bash zsh; do
	echo "-- $sh, with the seed and a user: keys, owners and aliases, letters, users"
	contains $sh "tracker show " 211-01 211-14 211-25
	contains $sh "tracker list --owner " 人社局 慈溪市人力资源和社会保障局 商务局
	contains $sh "tracker list --letter " 211 慈经信建〔2023〕3号
	contains $sh "tracker status 211-14 " done in_progress
	contains $sh "tracker --db $tmp/t.db log " 211-14
	expect $sh "tracker user disable " "office "
	expect $sh "tracker user add x --role " "admin department viewer "
	contains $sh "tracker user add x --owner " 经信局 商务局
	expect $sh "tracker user " "add disable enable feed list password revoke token tokens "
done
# Values and file names with spaces stay one word.
tracker owners add "Dept A" >/dev/null 2>&1
expect bash "tracker list --owner De" 'Dept\ A '
if zsh -fc '
	compdef() { :; }
	compadd() { [[ $1 == -a ]] && print -l -- ${(P)2}; }
	source "$1"
	words=(tracker list --owner De)
	CURRENT=4
	_tracker' _ "$zshc" 2>/dev/null | grep -qx 'Dept A'; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL zsh [tracker list --owner De]: 'Dept A' not one word"; fi
touch "$tmp/my letters.json"
got=$(HISTFILE=/dev/null bash --norc -i -c '
	source "$1"
	COMP_WORDS=(tracker import my)
	COMP_CWORD=2
	_tracker
	echo "${#COMPREPLY[@]}:${COMPREPLY[0]}"' _ "$bashc" 2>/dev/null)
if [ "$got" = "1:my letters.json" ]; then pass=$((pass + 1)); else
	fail=$((fail + 1)); echo "FAIL bash [tracker import my]: got [$got]"; fi
expect bash "tracker show 211-1" "211-10 211-11 211-12 211-13 211-14 211-15 211-16 211-17 211-18 211-19 "
expect bash "tracker list --owner 人" "人力社保局 人大代表工委 人社局 "
expect bash "tracker list --health=at" "--health=at_risk "
expect bash "tracker --db $tmp/none.db show 211" ""

echo "-- every command and option of the declaration is offered"
python3 - "$bin" >"$tmp/decl" <<'PY'
import json, subprocess, sys
d = json.loads(subprocess.run([sys.argv[1], "help", "--json"], capture_output=True).stdout)
for c in d["commands"]:
    if not c.get("hidden"):
        print(c["name"] + "\t" + " ".join("--" + o["name"] for o in c["options"]))
PY
firsts=$(bash_complete "tracker ")
while IFS=$'\t' read -r name opts; do
	if [[ $name == *" "* ]]; then
		contains bash "tracker ${name% *} " "${name#* }"
		contains zsh "tracker ${name% *} " "${name#* }"
	fi
	[[ " $firsts" == *" ${name%% *} "* ]] || { fail=$((fail + 1)); echo "FAIL: ${name%% *} not a first word"; }
	# shellcheck disable=SC2086
	[ -n "$opts" ] && contains bash "tracker $name --" $opts
	# shellcheck disable=SC2086
	[ -n "$opts" ] && contains zsh "tracker $name --" $opts
done <"$tmp/decl"
[[ $firsts == *"__complete"* ]] && { fail=$((fail + 1)); echo "FAIL: the hidden command is offered"; }
echo "completion: $pass passed, $fail failed"
[ "$fail" = 0 ]
