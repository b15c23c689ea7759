#!/usr/bin/env bash
# clang-tidy over src/ with the committed .clang-tidy, using the compile commands of a build directory
# (CMAKE_EXPORT_COMPILE_COMMANDS is on in CMakeLists.txt): about 3 minutes for src/ on two idle cores (much longer
# beside a build). CI runs it after the sanitizers (tools/test.sh). The build directory must have been built once.
# Usage: tools/clang-tidy.sh [-p build-dir] [-j jobs] [file-or-folder...]   (default: build/, nproc, src/)
# Prints the findings, then a count per check; exits 1 when there are any.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build
jobs=$(nproc)
while getopts "p:j:" opt; do
  case $opt in
    p) build=$OPTARG ;;
    j) jobs=$OPTARG ;;
    *) echo "usage: $0 [-p build-dir] [-j jobs] [paths...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- src
tidy=$(command -v clang-tidy || command -v clang-tidy-14 || true)
[ -n "$tidy" ] || { echo "clang-tidy: not installed (apt-get install clang-tidy)" >&2; exit 2; }
[ -f "$build/compile_commands.json" ] || { echo "clang-tidy: no $build/compile_commands.json (configure first)" >&2; exit 2; }

# The translation units of the compile database under the given paths (headers are checked through them,
# HeaderFilterRegex in .clang-tidy).
mapfile -t files < <(/usr/bin/python3 - "$build/compile_commands.json" "$@" <<'PY'
import json, os, sys
db, roots = sys.argv[1], [os.path.abspath(p) for p in sys.argv[2:]]
seen = set()
for entry in json.load(open(db)):
    f = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    if f in seen or not f.endswith(".cpp") or "/_deps/" in f or not os.path.exists(f):
        continue
    if any(f == r or f.startswith(r + os.sep) for r in roots):
        seen.add(f)
        print(f)
PY
)
[ ${#files[@]} -gt 0 ] || { echo "clang-tidy: no translation unit under $*" >&2; exit 2; }

out=$(mktemp)
trap 'rm -f "$out"' EXIT
started=$(date +%s)
# GCC-only warning flags in the compile commands are unknown to clang: ignore them.
printf '%s\0' "${files[@]}" |
  xargs -0 -n 1 -P "$jobs" "$tidy" -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option \
    --extra-arg=-Wno-unused-command-line-argument 2>/dev/null >>"$out" || true
grep -E '^/.*: (warning|error): ' "$out" | sort -u > "$out.findings" || true
cat "$out"
echo "=== clang-tidy: ${#files[@]} files in $(( $(date +%s) - started )) s; findings per check:"
sed -E 's/.*\[([a-z0-9.,-]+)\]$/\1/' "$out.findings" | sort | uniq -c | sort -rn
n=$(wc -l < "$out.findings")
rm -f "$out.findings"
[ "$n" -eq 0 ]
