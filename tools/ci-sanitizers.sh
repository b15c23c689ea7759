#!/usr/bin/env bash
# Sanitizer checks (CI runs this from tools/test.sh; any finding fails it):
#  1. AddressSanitizer + UndefinedBehaviorSanitizer build (build-asan/, preset "asan": the server and the unit
#     tests only): the unit tests, then the HTTP API tests on SQLite against the instrumented server.
#  2. ThreadSanitizer build (build-tsan/, preset "tsan": the server only): the API tests that race (bookings
#     for one slot, concurrent package use, simultaneous accepts, delivery with leases, the SIGKILL burst).
# Every sanitizer report is written to a log file per process; the run fails when any exists, even if the
# report came from a server a test had already judged by its answers.
# Usage: tools/ci-sanitizers.sh [asan|tsan]... (both by default). CRENEAU_SANITIZER_JOBS: parallel pytest runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=${CRENEAU_SANITIZER_JOBS:-$(nproc)}
python=/usr/bin/python3
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(asan tsan)

reports_of() {  # fails with the reports printed when the folder holds any
  local dir=$1 found=0
  shopt -s nullglob
  for f in "$dir"/*; do
    [ -s "$f" ] || continue
    found=1
    echo "=== sanitizer report: $f"
    head -c 20000 "$f"
  done
  return $found
}

# Runs pytest on the given test ids in `jobs` parallel groups (one pytest per file, spread round-robin).
run_api() {
  local bin=$1; shift
  local -a groups=()
  local i=0
  for t in "$@"; do
    groups[i % jobs]+="$t "
    i=$((i + 1))
  done
  local -a pids=()
  local status=0
  for g in "${!groups[@]}"; do
    # shellcheck disable=SC2086
    (cd tests/api && CRENEAU_BIN="$bin" CRENEAU_TEST_BACKEND=sqlite CRENEAU_SANITIZED=1 \
       "$python" -m pytest -q -p no:cacheprovider -x ${groups[$g]} > "$root/$logdir/pytest-$g.log" 2>&1) &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || status=1; done
  for g in "${!groups[@]}"; do
    if [ $status -ne 0 ]; then cat "$logdir/pytest-$g.log"; else tail -n 1 "$logdir/pytest-$g.log"; fi
  done
  return $status
}

for stage in "${stages[@]}"; do
  started=$(date +%s)
  logdir=build-$stage/pytest-logs
  reports=build-$stage/sanitizer-reports
  case $stage in
    asan)
      cmake --preset asan >/dev/null
      cmake --build --preset asan
      rm -rf "$logdir" "$reports" && mkdir -p "$logdir" "$reports"
      export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:log_path=$root/$reports/asan"
      export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$root/$reports/ubsan"
      export LSAN_OPTIONS="suppressions=$root/tools/lsan.supp"
      build-asan/tests/unit/domain_tests --gtest_brief=1
      build-asan/tests/unit/codec_tests --gtest_brief=1
      build-asan/tests/unit/mime_tests --gtest_brief=1
      build-asan/tests/unit/delivery_tests --gtest_brief=1
      mapfile -t files < <(cd tests/api && ls test_*.py | grep -v -e '^test_network_postgres.py$')
      run_api "$root/build-asan/src/creneau" "${files[@]}"
      ;;
    tsan)
      cmake --preset tsan >/dev/null
      cmake --build --preset tsan
      rm -rf "$logdir" "$reports" && mkdir -p "$logdir" "$reports"
      export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:log_path=$root/$reports/tsan"
      run_api "$root/build-tsan/src/creneau" \
        "test_core_system.py::test_twenty_racing_bookings_for_one_slot_make_exactly_one" \
        "test_core_system.py::test_racing_moves_and_bookings_never_double_book" \
        "test_packages.py::test_concurrent_bookings_never_share_the_last_session" \
        "test_portal_link_queue.py::test_simultaneous_first_bookings_share_one_provisional_file" \
        "test_waitlist_offers.py::test_two_accepts_at_once_one_wins" \
        "test_delivery_crash.py" \
        "test_hardening_login.py::test_parallel_wrong_passwords_cannot_pass_the_limit" \
        "test_hardening_crash.py" "test_hardening_load.py"
      ;;
    *) echo "ci-sanitizers: unknown stage $stage (asan or tsan)" >&2; exit 2 ;;
  esac
  reports_of "$reports" || { echo "ci-sanitizers: $stage found problems" >&2; exit 1; }
  echo "ci-sanitizers: $stage clean in $(( $(date +%s) - started )) s"
done
