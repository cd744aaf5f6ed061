#!/usr/bin/env bash
# Start-up of a whole `dream` process (RESULTS.md, "Issue 14: start-up and memory"): the default model (resnet18),
# `--preset smoke` on a sample, phase by phase from DEEPDREAM_TRACE_STARTUP, medians of RUNS runs (default 7).
#   bash bench/startup.sh [OUT_DIR]      (default bench/out)
# Measures the program as installed: a linux-x64 publish laid out as the tool package (bench/publish.sh) run through its
# apphost, and `dotnet dream.dll` of a plain build for comparison. The model is installed into DEEPDREAM_HOME
# first (default bench/home), so installation is never timed; a model file of an older format (format 1 keeps its
# kernels in shape order, reordered at every start) is installed again, so that the start measured is the current one.
# Prints `RESULT kind=startup variant=... phase_ms=...` lines: each phase's end in ms after the process was started
# (wall), and cpu_ms (user+system, all threads) at the same points; uptime's load is printed beside them.
# BASELINE=/path/to/dream also measures another build (one with the same trace, e.g. an older commit's publish), with
# BASELINE_HOME as its DEEPDREAM_HOME (default the same): give it its own copy, since builds before model file format 2
# cannot read the current model file, and each build rewrites the weights-summary cache for itself.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/out}
runs=${RUNS:-7}
mkdir -p "$out"
export DEEPDREAM_HOME=${DEEPDREAM_HOME:-$PWD/bench/home}
publish=$out/startup-publish

dotnet build -c Release -v q src/DeepDream.Cli >/dev/null
bash bench/publish.sh "$publish"
sample=samples/cat_chelsea.jpg
# Installs the default model once (not timed), again where its file predates format 2.
model=$DEEPDREAM_HOME/models/resnet18/model.ddm
if [ -e "$model" ] && ! head -c 4096 "$model" | grep -aq '"version":2,'; then "$publish/dream" models install resnet18 --quiet; fi
"$publish/dream" "$sample" -o "$out/startup.jpg" --preset smoke --model resnet18 --quiet

phases="main parsed image-decoded native-patched model-read model-prepared record-prepared native-initialised native-loaded graph-built first-step dreamed written"

# One run: "phase=wall_ms/cpu_ms ... exit=wall_ms".
run_once() {
  local t0 t1
  t0=$(date +%s.%N)
  DEEPDREAM_TRACE_STARTUP=1 "$@" "$sample" -o "$out/startup.jpg" --preset smoke --model resnet18 --quiet 2>&1 >/dev/null \
    | awk -v t0="$t0" '/^dream: trace / { printf "%s=%.1f/%.1f ", $3, ($4 - t0) * 1000, $5 * 1000 }'
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "exit=%.1f\n", (b - a) * 1000 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure() {
  local variant=$1; shift
  local log=$out/startup-$variant.txt
  : > "$log"
  run_once "$@" >/dev/null   # warm the page cache
  for _ in $(seq "$runs"); do run_once "$@" >> "$log"; done
  local line="RESULT kind=startup variant=$variant runs=$runs"
  for phase in $phases; do
    local wall cpu
    wall=$(grep -o "$phase=[0-9.]*" "$log" | cut -d= -f2 | median)
    cpu=$(grep -o "$phase=[0-9.]*/[0-9.]*" "$log" | cut -d/ -f2 | median)
    line+=" ${phase}_ms=$wall ${phase}_cpu_ms=$cpu"
  done
  line+=" process_ms=$(grep -o "exit=[0-9.]*" "$log" | cut -d= -f2 | median)"
  echo "$line load=\"$(uptime | sed 's/.*average: //')\"" | tee -a "$out/results.txt"
}

if [ -n "${BASELINE:-}" ]; then DEEPDREAM_HOME=${BASELINE_HOME:-$DEEPDREAM_HOME} measure baseline "$BASELINE"; fi
measure tool "$publish/dream"
measure dll dotnet src/DeepDream.Cli/bin/Release/net10.0/dream.dll
