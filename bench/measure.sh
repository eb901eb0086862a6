#!/usr/bin/env bash
# Runs the BenchmarkDotNet classes one after another (Release, the short-run job) and notes the 1-minute load average
# before and after each, so every table row can name the load it was measured at.
#   bench/measure.sh                      # the classes the README's table shows
#   bench/measure.sh '*Hocon*' '*Definitions*'
# Output: BenchmarkDotNet.Artifacts/measure-<time>.log (each class's summary table with its load line).
set -uo pipefail
cd "$(dirname "$0")/.."
filters=("$@")
if [ ${#filters[@]} -eq 0 ]; then
  filters=('*HoconParse*' '*DefinitionsBenchmark*' '*InstanceStartBenchmarks*' '*InstanceOverhead*' '*InteropRoundTrip*'
           '*SseFanOut*' '*AkkaPingPong*' '*BootBenchmarks*' '*StorePollBenchmarks*')
fi
dotnet build -c Release bench/IoActors.Benchmarks -v q -nologo > /dev/null || exit 1
mkdir -p BenchmarkDotNet.Artifacts
log="BenchmarkDotNet.Artifacts/measure-$(date -u +%Y%m%d-%H%M).log"
load() { cut -d' ' -f1 /proc/loadavg; }
for f in "${filters[@]}"; do
  before=$(load)
  out=$(dotnet run -c Release --no-build --project bench/IoActors.Benchmarks -- --filter "$f" 2>&1)
  rc=$?
  { echo "## $f  ($(date -u +%H:%M) UTC, load $before -> $(load), exit $rc)"; grep -E '^\|' <<<"$out"; echo; } | tee -a "$log"
done
echo "written: $log"
