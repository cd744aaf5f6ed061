#!/usr/bin/env bash
# Benchmarks DeepDream against the PyTorch reference on this machine, back to back, same sizes and layers.
#   bash bench/run.sh [OUT_DIR]        (default bench/out; raw RESULT lines land there)
# Needs: the .NET SDK; for the GoogLeNet comparison Debian's python3-torch and python3-torchvision
# (apt-get install python3-torch python3-torchvision) and the reference script in ../shared/bench/.
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

echo "# $(date -u +%FT%TZ) $(uname -m) $(nproc) cores, threads=$threads" | tee "$out/results.txt"
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
