#!/usr/bin/env bash
# Peak memory of dreaming a 6000x4000 photo with the default model (RESULTS.md, "Issue 14: start-up and memory"):
# peak RSS from /usr/bin/time -v, median of RUNS runs (default 3).
#   bash bench/memory.sh [OUT_DIR]       (default bench/out)
# The photo is made from a sample with ImageMagick's `convert` (not kept in the repository). Default settings
# except STEPS (default 1) steps per octave: the peak is set by the octave sizes and the tiles, which every step
# repeats, while each full-size step takes minutes on 2 cores; STEPS=10 runs the default settings exactly.
# Prints `RESULT kind=memory ... peak_rss_mib=...` with the wall and CPU seconds and uptime's load.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/out}
runs=${RUNS:-3}
steps=${STEPS:-1}
mkdir -p "$out"
export DEEPDREAM_HOME=${DEEPDREAM_HOME:-$PWD/bench/home}
publish=$out/startup-publish

bash bench/publish.sh "$publish"
photo=$out/photo-6000x4000.jpg
[ -f "$photo" ] || convert samples/rocket_launch.jpg -resize '6000x4000!' -quality 92 "$photo"
# Installs the default model once (not measured).
"$publish/dream" samples/cat_chelsea.jpg -o "$out/memory-warmup.jpg" --preset smoke --model resnet18 --quiet

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

log=$out/memory.txt
: > "$log"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "rss_kib=%M wall_s=%e cpu_s=%U+%S" "$publish/dream" "$photo" -o "$out/memory.jpg" --model resnet18 \
    --steps "$steps" --quiet 2>> "$log"
done
rss=$(grep -o "rss_kib=[0-9]*" "$log" | cut -d= -f2 | median)
wall=$(grep -o "wall_s=[0-9.]*" "$log" | cut -d= -f2 | median)
cpu=$(grep -o "cpu_s=[0-9.+]*" "$log" | cut -d= -f2 | bc | median)
echo "RESULT kind=memory image=6000x4000 steps=$steps runs=$runs peak_rss_mib=$((rss / 1024)) wall_s=$wall cpu_s=$cpu load=\"$(uptime | sed 's/.*average: //')\"" \
  | tee -a "$out/results.txt"
