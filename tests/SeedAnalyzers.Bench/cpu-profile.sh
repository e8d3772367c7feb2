#!/usr/bin/env bash
# CPU time per analyzer, from samples of the harness's own threads (perf), so that other processes on a loaded host do
# not stretch the figures the way they stretch the harness's wall-clock rows. Linux only; needs perf and python3.
#
#   tests/SeedAnalyzers.Bench/cpu-profile.sh OUT_DIR run CORPUS [harness options]
#   e.g. tests/SeedAnalyzers.Bench/cpu-profile.sh /tmp/prof run /tmp/corpus/real --only NondeterministicSeedAnalyzer,CA5394 --iterations 4 --serial
#
# Prints, per measured run (the warm-up run included in the divisor, its JIT samples left out), each analyzer's
# inclusive callback CPU; the driver's dispatch around the callbacks is not included.
set -euo pipefail
out=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
dll="$here/bin/Release/net10.0/SeedAnalyzers.Bench.dll"
[ -f "$dll" ] || { echo "build first: dotnet build tests/SeedAnalyzers.Bench -c Release" >&2; exit 2; }
command -v perf >/dev/null || { echo "perf is not installed" >&2; exit 2; }
iterations=3
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do [ "${args[$i]}" = "--iterations" ] && iterations=${args[$((i + 1))]}; done
mkdir -p "$out"
# JIT'd code must be in a perf map: no W^X double mapping, no precompiled (ReadyToRun) code.
DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0 DOTNET_PerfMapEnabled=1 \
  perf record -F 999 -e cpu-clock -g -o "$out/perf.data" dotnet "$dll" "$@" > "$out/harness.txt" 2> "$out/perf-record.txt"
grep -E "^[A-Z][A-Za-z0-9]+ +[0-9]|^compile|^all SEED" "$out/harness.txt" || true
perf script -i "$out/perf.data" -F comm,tid,ip,sym,dso 2>/dev/null | python3 "$here/cpu_by_analyzer.py" $((iterations + 1))
