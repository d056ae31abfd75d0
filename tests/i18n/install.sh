#!/usr/bin/env bash
# install.sh BUILD_DIR SOURCE_DIR - `cmake --install` into a temporary
# prefix, as a user would, then: the installed tree is exactly the expected
# files; the installed binary, moved away from the build tree, speaks
# Chinese (LANG=zh_CN.UTF-8, or LANGUAGE) from the installed catalogue and
# English otherwise; man finds the installed pages; the installed bash
# completion completes; the README's "Using it" examples run with a bare
# `tracker` and no build path.
set -u
build=$(realpath "$1") src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# same WHAT GOT WANT
same() { if [ "$2" = "$3" ]; then ok; else bad "$1: got [$2], want [$3]"; fi; }
# has WHAT TEXT NEEDLE
has() { if [[ $2 == *"$3"* ]]; then ok; else bad "$1: [$3] not in [${2:0:300}]"; fi; }

if ! cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1; then
	cat "$tmp/install.log"
	echo "install: cmake --install failed"
	exit 1
fi

echo "-- the installed tree"
(cd "$tmp/prefix" && find . -type f -o -type l | LC_ALL=C sort) >"$tmp/tree"
cat "$tmp/tree"
same "installed files" "$(cat "$tmp/tree")" "./bin/tracker
./share/bash-completion/completions/tracker
./share/doc/tracker/README.md
./share/doc/tracker/copyright
./share/locale/zh_CN/LC_MESSAGES/tracker.mo
./share/man/man1/tracker.1
./share/man/man5/tracker-format.5
./share/man/man8/tracker-serve.8
./share/tracker/report.schema.json
./share/zsh/site-functions/_tracker"
[ -x "$tmp/prefix/bin/tracker" ] && ok || bad "bin/tracker is not executable"

# Staged for a package (DESTDIR, prefix /usr): everything under DESTDIR,
# and zsh's file where Debian's zsh looks under /usr.
DESTDIR="$tmp/stage" cmake --install "$build" --prefix /usr >/dev/null 2>&1 || bad "DESTDIR install"
same "DESTDIR install" "$(cd "$tmp/stage" && find . -type f | LC_ALL=C sort | tr '\n' ' ')" \
	"$(sed -e 's|^\./|./usr/|' -e 's|site-functions|vendor-completions|' "$tmp/tree" | tr '\n' ' ')"

# Only the installed tree: no build directory on PATH, none beside the
# binary, and a working directory of its own.
mkdir "$tmp/work" && cd "$tmp/work" || exit 1
export PATH="$tmp/prefix/bin:/usr/bin:/bin" HOME="$tmp/work" TRACKER_DB="$tmp/work/t.db"
export TRACKER_NOW=2023-09-30T08:00:00Z TZ=Asia/Shanghai NO_COLOR=1
unset LC_ALL LC_MESSAGES LANGUAGE XDG_DATA_HOME
same "which tracker" "$(command -v tracker)" "$tmp/prefix/bin/tracker"

echo "-- Chinese and English"
tracker seed >/dev/null 2>&1 || bad "tracker seed failed"
zh=$(LANG=zh_CN.UTF-8 tracker list --owner 经信局 2>&1)
has "LANG=zh_CN.UTF-8 list" "$zh" "编号    牵头单位"
has "LANG=zh_CN.UTF-8 list" "$zh" "待推进"
en=$(LANG=C.UTF-8 tracker list --owner 经信局 2>&1)
has "LANG=C.UTF-8 list" "$en" "KEY     OWNER"
has "LANG=C.UTF-8 list" "$en" " open "
has "LANGUAGE=zh_CN" "$(LANG=C.UTF-8 LANGUAGE=zh_CN tracker show 211-99 2>&1)" \
	"没有承诺事项 '211-99'"
has "LC_MESSAGES=zh_CN.UTF-8" "$(LANG=C.UTF-8 LC_MESSAGES=zh_CN.UTF-8 tracker help 2>&1)" \
	"显示命令列表"
has "LANG=en_US.UTF-8" "$(LANG=en_US.UTF-8 tracker show 211-99 2>&1)" "no commitment '211-99'"
same "--json is the same in both" "$(LANG=zh_CN.UTF-8 tracker list --json | md5sum)" \
	"$(LANG=C.UTF-8 tracker list --json | md5sum)"
# The catalogue is found beside the installed binary, wherever the prefix
# is: a copy of the binary with no share/locale near it (and none at the
# configured prefix) speaks English and does not complain.
mkdir -p "$tmp/bare/bin" && cp "$tmp/prefix/bin/tracker" "$tmp/bare/bin/"
configured=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
if [ ! -e "$configured/share/locale/zh_CN/LC_MESSAGES/tracker.mo" ]; then
	same "a binary without its catalogue" \
		"$(LANG=zh_CN.UTF-8 "$tmp/bare/bin/tracker" show 211-99 2>&1)" \
		"tracker: key: no commitment '211-99'"
fi

echo "-- man finds the installed pages"
for page in tracker tracker-format tracker-serve; do
	where=$(MANPATH="$tmp/prefix/share/man" man -w "$page" 2>&1)
	same "man -w $page" "${where#"$tmp/prefix/share/man/"}" \
		"$(case $page in tracker) echo man1/tracker.1;; tracker-format) echo man5/tracker-format.5;;
			tracker-serve) echo man8/tracker-serve.8;; esac)"
done
has "man tracker" "$(MANPATH="$tmp/prefix/share/man" MANWIDTH=100 man tracker 2>&1)" "tracker report"

echo "-- the installed bash completion"
got=$(HISTFILE=/dev/null bash --norc -i -c '
	source "$1"
	COMP_WORDS=(tracker status 211-14 "")
	COMP_CWORD=3
	_tracker
	printf "%s\n" "${COMPREPLY[@]}"' _ \
	"$tmp/prefix/share/bash-completion/completions/tracker" 2>/dev/null | LC_ALL=C sort | tr '\n' ' ')
same "tracker status 211-14 <TAB>" "$got" "blocked cancelled done in_progress open "

echo "-- the README's examples, with a bare tracker"
rm -f "$TRACKER_DB"
sed -n '/^## Using it/,/^```$/p' "$src/README.md" | sed -n '/^```sh$/,/^```$/p' | sed '1d;$d' \
	>"$tmp/examples"
[ "$(grep -c '^tracker ' "$tmp/examples")" -ge 10 ] && ok || bad "no examples found in README.md"
n=0
while IFS= read -r line; do
	case $line in
	export*) line=${line%%#*}; eval "${line/\~/$tmp/work}"; export TRACKER_DB="$tmp/work/t.db"; continue;;
	"tracker import letters.json"*) tracker export json >letters.json;;
	"tracker "*) ;;
	*) continue;;
	esac
	n=$((n + 1))
	if ! (eval "$line") >"$tmp/ex.out" 2>&1; then
		bad "README example '$line': $(head -3 "$tmp/ex.out")"
	else
		ok
	fi
done <"$tmp/examples"
echo "$n examples run"

echo "install: $pass passed, $fail failed"
[ "$fail" = 0 ]
