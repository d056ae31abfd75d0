#!/usr/bin/python3
"""gen_completion.py - bash and zsh completion for tracker, generated from
the one declaration of its commands and options (`tracker help --json`).

Both scripts share the same generated tables and one candidate function
written in the shell syntax bash and zsh have in common; values only the
database knows (keys, owners and their aliases, letters) and the words of
the enums come from `tracker __complete WHAT` at completion time.

Usage: gen_completion.py TRACKER bash|zsh > FILE"""
import json
import subprocess
import sys

# What each kind of value completes to: a `tracker __complete` word, a
# fixed list, or files and directories (the shells' own completion).
KINDS = {
    "key": "db:keys", "owner": "db:owners", "letter": "db:letters",
    "status": "db:statuses", "health": "db:health", "kind": "db:kinds",
    "role": "db:roles", "user": "db:users", "setting": "db:settings", "command": "db:commands",
    "date": "list:today yesterday tomorrow eom eoq eoy",
    "file": "file", "dir": "dir",
}


def quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def kind_of(v):
    if v["value"] == "words" and v.get("words"):
        return "list:" + v["words"].replace("|", " ")
    return KINDS.get(v["value"], "none")


def tables(decl):
    cmds = [c for c in decl["commands"] if not c.get("hidden")]
    out = ["_tracker_is_cmd() {", "\tcase $1 in"]
    out.append("\t" + "|".join(quote(c["name"]) for c in cmds) + ") return 0;;")
    out += ["\tesac", "\treturn 1", "}", ""]
    firsts = []
    for c in cmds:
        w = c["name"].split()[0]
        if w not in firsts:
            firsts.append(w)
    out += ["_tracker_first_words() {", "\techo " + quote(" ".join(firsts)), "}", ""]
    out += ["_tracker_subcommands() {", "\tcase $1 in"]
    groups = {}
    for c in cmds:
        w = c["name"].split()
        if len(w) == 2:
            groups.setdefault(w[0], []).append(w[1])
    for g, subs in groups.items():
        out.append(f"\t{quote(g)}) echo {quote(' '.join(subs))};;")
    out += ["\tesac", "}", ""]
    out += ["_tracker_opts() {", "\tcase $1 in"]
    for c in cmds:
        opts = " ".join("--" + o["name"] for o in c["options"]) + " --help"
        out.append(f"\t{quote(c['name'])}) echo {quote(opts)};;")
    out += ["\tesac", "}", ""]
    out += ["_tracker_optkind() {", '\tcase "$1 $2" in']
    for c in cmds:
        for o in c["options"]:
            k = "flag" if not o.get("arg") else kind_of(o)
            out.append(f"\t{quote(c['name'] + ' --' + o['name'])}) echo {quote(k)};;")
    out += ["\tesac", "}", ""]
    out += ["_tracker_argkind() {", '\tcase "$1 $2" in']
    for c in cmds:
        for i, a in enumerate(c["args"]):
            out.append(f"\t{quote(c['name'] + ' ' + str(i))}) echo {quote(kind_of(a))};;")
            if a.get("repeat"):
                out.append(f"\t{quote(c['name'])}' '*) echo {quote(kind_of(a))};;")
    out += ["\tesac", "}", ""]
    return "\n".join(out)


# The candidates for word number $1 (1-based) of the words after "tracker"
# ($2...): one per line, or @file / @dir for the shell's own completion.
CANDIDATES = r'''
_tracker_values() {
	case $1 in
	db:*) command tracker ${2:+--db "$2"} __complete "${1#db:}" 2>/dev/null;;
	list:*) printf '%s\n' ${1#list:};;
	file) echo @file;;
	dir) echo @dir;;
	esac
}

_tracker_candidates() {
	_tc_cword=$1
	shift
	_tc_db= _tc_cmd= _tc_group= _tc_skip= _tc_n=0 _tc_i=1
	while [ "$_tc_i" -lt "$_tc_cword" ]; do
		eval "_tc_w=\${$_tc_i}"
		if [ -n "$_tc_skip" ]; then
			[ "$_tc_skip" = db ] && _tc_db=$_tc_w
			_tc_skip=
		elif [ -z "$_tc_cmd" ]; then
			case $_tc_w in
			--db) _tc_skip=db;;
			--db=*) _tc_db=${_tc_w#--db=};;
			-*) ;;
			*)
				if [ -n "$_tc_group" ] && _tracker_is_cmd "$_tc_group $_tc_w"; then
					_tc_cmd="$_tc_group $_tc_w"
				elif _tracker_is_cmd "$_tc_w"; then
					_tc_cmd=$_tc_w
				elif [ -n "$(_tracker_subcommands "$_tc_w")" ]; then
					_tc_group=$_tc_w
				else
					return 0
				fi;;
			esac
		else
			case $_tc_w in
			--*=*) ;;
			--*)
				_tc_k=$(_tracker_optkind "$_tc_cmd" "$_tc_w")
				[ -n "$_tc_k" ] && [ "$_tc_k" != flag ] && _tc_skip=$_tc_k;;
			*)
				# "owners" is a command, and "owners add" another.
				if [ "$_tc_n" = 0 ] && [ "$_tc_cmd" = "${_tc_cmd% *}" ] &&
					_tracker_is_cmd "$_tc_cmd $_tc_w"; then
					_tc_cmd="$_tc_cmd $_tc_w"
				else
					_tc_n=$((_tc_n + 1))
				fi;;
			esac
		fi
		_tc_i=$((_tc_i + 1))
	done
	eval "_tc_cur=\${$_tc_cword}"
	if [ "$_tc_skip" = db ]; then
		echo @file
	elif [ -n "$_tc_skip" ]; then
		_tracker_values "$_tc_skip" "$_tc_db"
	elif [ -z "$_tc_cmd" ]; then
		case $_tc_cur in
		-*) printf '%s\n' --db --help --version;;
		*)
			if [ -n "$_tc_group" ]; then
				printf '%s\n' $(_tracker_subcommands "$_tc_group")
			else
				printf '%s\n' $(_tracker_first_words)
			fi;;
		esac
	else
		case $_tc_cur in
		--*=*)
			_tc_k=$(_tracker_optkind "$_tc_cmd" "${_tc_cur%%=*}")
			_tracker_values "$_tc_k" "$_tc_db" | while IFS= read -r _tc_v; do
				case $_tc_v in @*) echo "$_tc_v";; *) echo "${_tc_cur%%=*}=$_tc_v";; esac
			done;;
		-*) printf '%s\n' $(_tracker_opts "$_tc_cmd");;
		*)
			[ "$_tc_n" = 0 ] && printf '%s\n' $(_tracker_subcommands "$_tc_cmd")
			_tracker_values "$(_tracker_argkind "$_tc_cmd" "$_tc_n")" "$_tc_db";;
		esac
	fi
}
'''

BASH = r'''
_tracker() {
	local cur=${COMP_WORDS[COMP_CWORD]} c o
	COMPREPLY=()
	while IFS= read -r c; do
		case $c in
		'') ;;
		@file|@dir)
			# One name a line, whatever spaces it holds; bash quotes them.
			compopt -o filenames 2>/dev/null
			[ "$c" = @dir ] && o=-d || o=-f
			mapfile -t -O ${#COMPREPLY[@]} COMPREPLY < <(compgen "$o" -- "$cur");;
		"$cur"*)
			# A value with a character the shell would split or expand at
			# (an owner named "Dept A") goes in quoted.
			case $c in
			*[[:space:]\'\"\\\$\`\(\)\&\;\|\<\>\*\?\[\]\{\}\!\#]*) printf -v c '%q' "$c";;
			esac
			COMPREPLY+=("$c");;
		esac
	done < <(_tracker_candidates "$COMP_CWORD" "${COMP_WORDS[@]:1}")
}
complete -F _tracker tracker
'''

ZSH = r'''
# The candidate function is in the syntax bash and zsh share; zsh runs it
# with sh's word splitting.
_tracker_sh() {
	emulate -L sh
	_tracker_candidates "$@"
}

_tracker() {
	local -a cands
	local c
	cands=("${(@f)$(_tracker_sh $((CURRENT - 1)) "${(@)words[2,-1]}")}")
	for c in $cands; do
		case $c in
		@file) _files; return;;
		@dir) _files -/; return;;
		esac
	done
	cands=(${cands:#})
	(( $#cands )) && compadd -a cands
}

if [ "$funcstack[1]" = _tracker ]; then
	_tracker "$@"
else
	compdef _tracker tracker
fi
'''


def main():
    decl = json.loads(subprocess.run([sys.argv[1], "help", "--json"], check=True,
                                     capture_output=True, text=True,
                                     env={"LC_ALL": "C.UTF-8"}).stdout)
    shell = sys.argv[2]
    head = ("#compdef tracker\n" if shell == "zsh" else "") + \
        f"# {shell} completion for tracker, generated by completion/gen_completion.py\n" \
        "# from `tracker help --json`: do not edit.\n\n"
    print(head + tables(decl) + CANDIDATES + (BASH if shell == "bash" else ZSH), end="")


main()
