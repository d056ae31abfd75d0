#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for
# SECONDS (default 60). Separate from ctest: CI runs it as its own job.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]     TARGET: import, dates, ...
# New interesting inputs go to a scratch corpus (the checked-in corpus
# stays small: seeds and crash regressions). A crash leaves its input in
# $FUZZ_OUT/crash-* and makes the script fail; add the input to
# tests/fuzz/corpus/TARGET/ so ctest replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
build=${FUZZ_BUILD:-build-fuzz}
out=${FUZZ_OUT:-$build/fuzz-out}
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DTRACKER_FUZZ=ON -DTRACKER_SANITIZE=ON -DTRACKER_WERROR=OFF >/dev/null
targets=("$@")
if [ ${#targets[@]} = 0 ]; then
	for src in tests/fuzz/fuzz_*.c; do
		name=$(basename "$src" .c)
		targets+=("${name#fuzz_}")
	done
fi
for t in "${targets[@]}"; do
	if ! cmake --build "$build" -j"$jobs" --target "fuzz_$t" >"$build/fuzz-build.log" 2>&1; then
		grep -E "error" "$build/fuzz-build.log" | head -20
		exit 1
	fi
done

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fail=0
for t in "${targets[@]}"; do
	seeds=tests/fuzz/corpus/$t
	work=$out/corpus-$t
	mkdir -p "$work" "$out/artifacts-$t"
	[ -d "$seeds" ] || seeds=$work
	echo "fuzz_$t: ${seconds}s"
	if ! "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=65536 -timeout=20 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$out/artifacts-$t/" "$work" "$seeds" \
		>"$out/fuzz_$t.log" 2>&1; then
		echo "fuzz_$t: FAILED (see $out/fuzz_$t.log, input in $out/artifacts-$t/)"
		grep -m5 -E "ERROR|SUMMARY|runtime error" "$out/fuzz_$t.log" || true
		fail=1
	else
		grep -E "stat::number_of_executed_units|cov:" "$out/fuzz_$t.log" | tail -2
	fi
done
exit $fail
