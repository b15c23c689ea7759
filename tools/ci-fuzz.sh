#!/usr/bin/env bash
# Fuzzing (CI runs this from tools/test.sh): builds the libFuzzer targets of fuzz/ with clang into build-fuzz/,
# replays every committed input (fuzz/corpus/<target>/ and fuzz/regressions/<target>/), then fuzzes each
# target for CRENEAU_FUZZ_SECONDS (default 30) from a scratch copy of its corpus. A crash, leak, timeout or
# sanitizer report fails the run; its input is copied to fuzz/regressions/<target>/ so that it is replayed
# by every later run once committed.
# Usage: tools/ci-fuzz.sh [target...]   (json_body query_path time csv by default)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${CRENEAU_FUZZ_SECONDS:-30}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json_body query_path time csv)

CXX=clang++ cmake -S fuzz -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
failed=()
for t in "${targets[@]}"; do
  bin=build-fuzz/fuzz_$t
  work=build-fuzz/work/$t
  crashes=build-fuzz/crashes/$t
  rm -rf "$work" "$crashes" && mkdir -p "$work" "$crashes" "fuzz/corpus/$t"
  # 1. Replay: every committed seed and past crash must pass.
  replay=(fuzz/corpus/"$t"/*)
  [ -d "fuzz/regressions/$t" ] && replay+=(fuzz/regressions/"$t"/*)
  existing=()
  for f in "${replay[@]}"; do [ -f "$f" ] && existing+=("$f"); done
  if [ ${#existing[@]} -gt 0 ] && ! "$bin" -runs=0 "${existing[@]}" > "build-fuzz/$t-replay.log" 2>&1; then
    tail -n 60 "build-fuzz/$t-replay.log"
    failed+=("$t (replay)")
    continue
  fi
  # 2. Fuzz for a bounded time; new interesting inputs land in the scratch corpus, not in git.
  cp -r "fuzz/corpus/$t/." "$work/" 2>/dev/null || true
  if ! "$bin" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$crashes/" "$work" > "build-fuzz/$t.log" 2>&1; then
    tail -n 60 "build-fuzz/$t.log"
    mkdir -p "fuzz/regressions/$t"
    cp "$crashes"/* "fuzz/regressions/$t/" 2>/dev/null || true
    echo "ci-fuzz: $t failed; its input is in fuzz/regressions/$t/ (commit it with the fix)" >&2
    failed+=("$t")
    continue
  fi
  grep -E "^stat::number_of_executed_units|^stat::new_units_added" "build-fuzz/$t.log" | tr '\n' ' ' | sed "s/^/ci-fuzz: $t: /"
  echo
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "ci-fuzz: findings in ${failed[*]}" >&2
  exit 1
fi
echo "ci-fuzz: ${#targets[@]} targets clean (${seconds} s each)"
