#!/usr/bin/env bash
# deb.sh BUILD_DIR - `cpack -G DEB` builds the Debian package; dpkg-deb
# shows what it holds (the tree of `cmake --install` under /usr), that its
# dependencies are run-time libraries only (from dpkg-shlibdeps, no -dev
# package), and the unpacked binary speaks Chinese from the packaged
# catalogue.
set -u
build=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

if ! (cd "$build" && cpack -G DEB -B "$tmp/out") >"$tmp/cpack.log" 2>&1; then
	cat "$tmp/cpack.log"
	echo "deb: cpack failed"
	exit 1
fi
deb=$(ls "$tmp"/out/tracker_*.deb 2>/dev/null)
[ -f "$deb" ] || { echo "deb: no tracker_*.deb in $tmp/out"; exit 1; }

echo "-- dpkg-deb -c $(basename "$deb")"
dpkg-deb -c "$deb" | awk '{ print $6 }' | grep -v '/$' | LC_ALL=C sort >"$tmp/files"
cat "$tmp/files"
want="./usr/bin/tracker
./usr/share/bash-completion/completions/tracker
./usr/share/doc/tracker/README.md
./usr/share/doc/tracker/copyright
./usr/share/locale/zh_CN/LC_MESSAGES/tracker.mo
./usr/share/man/man1/tracker.1
./usr/share/man/man5/tracker-format.5
./usr/share/man/man8/tracker-serve.8
./usr/share/tracker/report.schema.json
./usr/share/zsh/vendor-completions/_tracker"
[ "$(cat "$tmp/files")" = "$want" ] && ok || bad "the package's files differ from: $want"

echo "-- dpkg-deb -f: the control fields"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
[[ $depends == *-dev* ]] && bad "a -dev package among the dependencies: $depends" || ok
for lib in libc6 libsqlite3-0 libical3 libcjson1 libnettle8 libmicrohttpd12 libpq5; do
	[[ $depends == *"$lib"* ]] && ok || bad "$lib is not a dependency"
done
[ "$(dpkg-deb -f "$deb" Package)" = tracker ] && ok || bad "the package is not named tracker"
[ "$(dpkg-deb -f "$deb" Architecture)" = "$(dpkg --print-architecture)" ] && ok ||
	bad "architecture $(dpkg-deb -f "$deb" Architecture)"

echo "-- the unpacked package runs, in Chinese"
dpkg-deb -x "$deb" "$tmp/root"
file "$tmp/root/usr/bin/tracker" | grep -q 'stripped' && ! file "$tmp/root/usr/bin/tracker" |
	grep -q 'not stripped' && ok || bad "the packaged binary is not stripped"
out=$(cd "$tmp" && TRACKER_DB="$tmp/t.db" LC_ALL=zh_CN.UTF-8 "$tmp/root/usr/bin/tracker" seed 2>&1)
[[ $out == *"已导入答复函 1 封"* ]] && ok || bad "the packaged binary said [$out]"

echo "deb: $pass passed, $fail failed"
[ "$fail" = 0 ]
