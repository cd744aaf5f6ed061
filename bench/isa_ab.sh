#!/usr/bin/env bash
# What capping oneDNN at AVX2 costs (see RESULTS.md, "AVX-512 convolutions"): CPU time per 512 px dream step with
# libtorch's own choice of kernels against the AVX2 cap, whole processes, alternating.
#   bash bench/isa_ab.sh [PAIRS] [THREADS]       (defaults 5 and 1)
# Per-step CPU ms = (user+system of an 11-step run − that of a 1-step run) / 10. CPU time rather than wall time, so
# the figure survives a machine shared with other work; on an idle machine compare the wall figures too.
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-5}
threads=${2:-1}
export DEEPDREAM_HOME=${DEEPDREAM_HOME:-$PWD/bench/home}
dotnet build -c Release -v q bench/DeepDream.Bench >/dev/null
[ -f bench/models/googlenet-torchvision.onnx ] || /usr/bin/python3 bench/export_torchvision_onnx.py bench/models
echo '{"order": "rgb", "scale": 0.00392157, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}' \
  > bench/models/googlenet-torchvision.preprocess.json
bench="dotnet bench/DeepDream.Bench/bin/Release/net10.0/DeepDream.Bench.dll --model bench/models/googlenet-torchvision.onnx --layer /inception4c/Concat_output_0 --sizes 512 --threads $threads"
cpu() { /usr/bin/time -f "%U %S %e" env ONEDNN_MAX_CPU_ISA="$1" $bench --steps "$2" 2>&1 >/dev/null | tail -1; }
echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), threads=$threads"
for ((i = 0; i < pairs; i++)); do
  for isa in AVX512_CORE_AMX AVX2; do   # AVX512_CORE_AMX: no cap below what the CPU has
    read -r u1 s1 w1 <<<"$(cpu $isa 1)"
    read -r u11 s11 w11 <<<"$(cpu $isa 11)"
    awk -v isa=$isa -v c="$u11 $s11 $u1 $s1" -v w="$w11 $w1" 'BEGIN { split(c, a, " "); split(w, b, " ");
      printf "RESULT kind=isa isa=%s per_step_cpu_ms=%.0f per_step_wall_ms=%.0f\n", isa, (a[1] + a[2] - a[3] - a[4]) * 100, (b[1] - b[2]) * 100 }'
  done
done
