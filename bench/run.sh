#!/usr/bin/env bash
# Benchmarks DeepDream against the PyTorch reference on this machine, back to back, same sizes and layers.
#   bash bench/run.sh [OUT_DIR]        (default bench/out; raw RESULT lines land there)
# Needs: the .NET SDK; for the GoogLeNet comparison Debian's python3-torch and python3-torchvision
# (apt-get install python3-torch python3-torchvision), ImageMagick's convert, and the reference script in ../shared/bench/.
# Run it on an idle machine: any other busy process slows a 2-thread run many times over.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/out}
mkdir -p "$out"
export DEEPDREAM_HOME=${DEEPDREAM_HOME:-$PWD/bench/home}
reference=${REFERENCE:-../shared/bench/peer_pytorch_dream.py}
threads=${THREADS:-2}

for project in src/DeepDream.Cli bench/DeepDream.Bench; do dotnet build -c Release -v q "$project" >/dev/null; done
dream="dotnet src/DeepDream.Cli/bin/Release/net10.0/dream.dll"
bench="dotnet bench/DeepDream.Bench/bin/Release/net10.0/DeepDream.Bench.dll"

# The same GoogLeNet graph for both tools: torchvision's, exported to ONNX (random weights; speed doesn't depend on them).
if [ ! -f bench/models/googlenet-torchvision.onnx ]; then
  /usr/bin/python3 bench/export_torchvision_onnx.py bench/models
fi
# torchvision's InceptionV3 is not a catalog model: its preprocessing comes from a sidecar file.
echo '{"order": "rgb", "scale": 0.00392157, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}' \
  > bench/models/inception_v3-torchvision.preprocess.json
$dream models install bench/models/googlenet-torchvision.onnx --as googlenet-torchvision -q

echo "# $(date -u +%FT%TZ) $(uname -m) $(nproc) cores, threads=$threads, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/results.txt"

# --precision bfloat16 runs only where the CPU computes bfloat16 natively; its rows are left out elsewhere.
bfloat16=$(grep -qwE 'avx512_bf16|amx_bf16' /proc/cpuinfo && echo yes || echo no)

# The machine's convolution peak (oneDNN's 3x3 convolution, forward), at DeepDream's ISA cap and without it, and in
# bfloat16 (which runs uncapped).
$bench --conv-peak 30 --sizes "" --threads $threads | tee -a "$out/results.txt"
ONEDNN_MAX_CPU_ISA=AVX512_CORE_AMX $bench --conv-peak 30 --sizes "" --threads $threads | tee -a "$out/results.txt"
if [ $bfloat16 = yes ]; then $bench --conv-peak 30 --sizes "" --threads $threads --precision bfloat16 | tee -a "$out/results.txt"; fi
peak_of() { grep 'kind=conv_peak' "$out/results.txt" | grep "$1" | sed 's/.* gflops=\([0-9.]*\).*/\1/'; }
peak=$(peak_of 'precision=float32 .*isa=AVX2 ')
# The 512 px step to inception4c: its FLOP count from oneDNN's log, its time, and its share of the peak.
ONEDNN_VERBOSE=profile_exec $bench --model googlenet-torchvision --layer inception4c --sizes 512 --steps 1 --threads $threads \
  | /usr/bin/python3 bench/step_flops.py --height 512 | tee -a "$out/results.txt"
gflop=$(grep 'kind=step_flop' "$out/results.txt" | sed 's/.* gflop=\([0-9.]*\).*/\1/')
$bench --model googlenet-torchvision --layer inception4c --sizes 512 --steps 10 --threads $threads | tee "$out/step512.txt" | tee -a "$out/results.txt"
# The step's share of the peak of its own precision: $1 = step results, $2 = peak.
share() {
  awk -v gflop="$gflop" -v peak="$2" '/kind=step /{ match($0, /per_step_ms_median=[0-9.]+/); ms = substr($0, RSTART + 19, RLENGTH - 19);
    match($0, /precision=[a-z0-9]+/); precision = substr($0, RSTART + 10, RLENGTH - 10);
    printf "RESULT kind=step_share size=512 precision=%s gflop=%s step_ms=%s gflops=%.1f conv_peak_gflops=%s share_of_peak=%.2f\n", precision, gflop, ms, gflop / ms * 1000, peak, gflop / ms * 1000 / peak }' \
    "$1" | tee -a "$out/results.txt"
}
share "$out/step512.txt" "$peak"
if [ $bfloat16 = yes ]; then
  $bench --model googlenet-torchvision --layer inception4c --sizes 512 --steps 10 --threads $threads --precision bfloat16 \
    | tee "$out/step512-bfloat16.txt" | tee -a "$out/results.txt"
  share "$out/step512-bfloat16.txt" "$(peak_of 'precision=bfloat16')"
fi

# The whole classic dream (4 octaves x 10 steps) of a 512 px image, each tool as a whole process, as its users run it:
# DeepDream laid out as the tool package installs it (bench/publish.sh) on a 512x512 noise PNG, default settings (octave
# scale 1.4 and jitter 32 as in the reference; the step sizes differ, which does not change the work), output written;
# the reference on a 512x512 noise tensor. Alternating, 5 runs each after one warm-up of each; medians and the median
# of the pairwise ratios. Where the CPU has native bfloat16, a third arm runs DeepDream with --precision bfloat16.
if [ -f "$reference" ]; then
  publish=$out/startup-publish
  bash bench/publish.sh "$publish"
  convert -size 512x512 xc:gray +noise Random -define png:exclude-chunks=all "$out/noise512.png"
  deepdream_whole=("$publish/dream" "$out/noise512.png" -o "$out/noise512.dream.png" -m googlenet-torchvision --layer inception4c
    --octaves 4 --steps 10 --threads $threads --quiet)
  reference_whole=(/usr/bin/python3 "$reference" --size 512 --octaves 4 --steps 10 --layer inception4c --threads $threads)
  bfloat16_whole=("${deepdream_whole[@]}" --precision bfloat16)
  "${deepdream_whole[@]}" && "${reference_whole[@]}" >/dev/null
  if [ $bfloat16 = yes ]; then "${bfloat16_whole[@]}"; fi
  seconds() { { /usr/bin/time -f "%e" "$@" >/dev/null; } 2>&1 | tail -1; }
  for ((i = 0; i < ${WHOLE_RUNS:-5}; i++)); do
    a=$(seconds "${deepdream_whole[@]}")
    b=$(seconds "${reference_whole[@]}")
    bf=""
    if [ $bfloat16 = yes ]; then
      c=$(seconds "${bfloat16_whole[@]}")
      bf=" deepdream_bfloat16_s=$c ratio_bfloat16=$(awk -v a=$c -v b=$b 'BEGIN { printf "%.3f", a / b }')"
    fi
    echo "RESULT kind=whole_process size=512 run=$i deepdream_s=$a pytorch_s=$b ratio=$(awk -v a=$a -v b=$b 'BEGIN { printf "%.3f", a / b }')$bf" | tee -a "$out/results.txt"
  done
  grep 'kind=whole_process ' "$out/results.txt" | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      a[NR] = v["deepdream_s"]; b[NR] = v["pytorch_s"]; r[NR] = v["ratio"]; c[NR] = v["deepdream_bfloat16_s"]; rc[NR] = v["ratio_bfloat16"] }
    function median(x, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
      return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2 }
    END { printf "SUMMARY kind=whole_process size=512 runs=%d deepdream_s_median=%.2f pytorch_s_median=%.2f ratio_median=%.3f", NR, median(a, NR), median(b, NR), median(r, NR)
      if (c[1] != "") printf " deepdream_bfloat16_s_median=%.2f ratio_bfloat16_median=%.3f", median(c, NR), median(rc, NR)
      printf "\n" }' \
    | tee -a "$out/results.txt"
fi

# Start-up and memory (bench/startup.sh, bench/memory.sh), where present.
for script in bench/startup.sh bench/memory.sh; do
  # Each script appends its own RESULT lines to $out/results.txt.
  if [ -f "$script" ]; then bash "$script" "$out" | grep -E '^(RESULT|SUMMARY)'; fi
done
for size in 512 1024 2048; do
  $bench --model googlenet-torchvision --layer inception4c --sizes $size --steps 5 --threads $threads | tee -a "$out/results.txt"
  if [ -f "$reference" ]; then
    /usr/bin/python3 "$reference" --size $size --octaves 1 --steps 6 --layer inception4c --threads $threads | grep SUMMARY | tee -a "$out/results.txt"
  fi
done
# The whole classic dream (4 octaves x 10 steps) of a 1024 px image, three times each.
$bench --model googlenet-torchvision --layer inception4c --sizes "" --whole 1024 --repeat 3 --threads $threads | tee -a "$out/results.txt"
if [ -f "$reference" ]; then
  /usr/bin/python3 "$reference" --size 1024 --octaves 4 --steps 10 --layer inception4c --threads $threads --repeat 3 | tee -a "$out/results.txt"
fi
# InceptionV3 to Keras' mixed4 (torchvision's Mixed_6b), the shape of the offline default model, through both tools.
$bench --model bench/models/inception_v3-torchvision.onnx --layer /Mixed_6b/Concat_output_0 --sizes 512,1024 --steps 5 --threads $threads | tee -a "$out/results.txt"
if [ -f "$reference" ]; then
  for size in 512 1024; do
    /usr/bin/python3 "$reference" --arch inception_v3 --layer mixed4 --size $size --octaves 1 --steps 6 --threads $threads | grep SUMMARY | tee -a "$out/results.txt"
  done
fi
# The offline default model at its recommended layer.
$bench --model inceptionv3 --layer mixed4 --sizes 512,1024 --steps 5 --threads $threads | tee -a "$out/results.txt"
# README's main command, end to end as a user runs it (peak RSS from the kernel's accounting).
/usr/bin/time -v $dream samples/cat_chelsea.jpg -o "$out/cat.dream.jpg" --threads $threads -q 2> "$out/time.txt"
grep -E "Elapsed|Maximum resident" "$out/time.txt" | tee -a "$out/results.txt"
