#!/usr/bin/env bash
# bfloat16 against float32, by eye and by number (bench/RESULTS.md, "bfloat16"): README's sample dreamed at 512 px with
# the catalog's ResNet-18 (layer3) and InceptionV3 (mixed4) three ways: float32 at 2 threads (the reference), bfloat16
# at 2 threads, and float32 at 1 thread (how far a dream moves from last-bit differences alone). Prints each output's
# mean absolute difference from the reference (grey levels of 255) and PSNR, the objective each dream reached, and
# writes the panels side by side to bench/bfloat16.jpg.
#   bash bench/bfloat16.sh [OUT_DIR]      (default bench/out; needs a CPU with AVX512_BF16 or AMX, and ImageMagick)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/out}/bfloat16
mkdir -p "$out"
export DEEPDREAM_HOME=${DEEPDREAM_HOME:-$PWD/bench/home}
dotnet build -c Release -v q src/DeepDream.Cli >/dev/null
dream="dotnet src/DeepDream.Cli/bin/Release/net10.0/dream.dll"
sample=samples/cat_chelsea.jpg

panels=()
for model_layer in "resnet18 layer3" "inceptionv3 mixed4"; do
  set -- $model_layer
  model=$1 layer=$2
  for way in "float32 2" "bfloat16 2" "float32 1"; do
    set -- $way
    name="$model-$1-$2t"
    $dream "$sample" -o "$out/$name.png" -m "$model" --layer "$layer" --max-size 512 --precision "$1" --threads "$2" --json \
      > "$out/$name.json"
    objective=$(sed 's/.*"objectiveLast":\([0-9.eE+-]*\).*/\1/' "$out/$name.json")
    reference="$out/$model-float32-2t.png"
    mae=$(compare -metric MAE "$out/$name.png" "$reference" null: 2>&1 | sed 's/.*(\(.*\))/\1/' || true)
    psnr=$(compare -metric PSNR "$out/$name.png" "$reference" null: 2>&1 || true)
    echo "RESULT kind=bfloat16_look model=$model layer=$layer precision=$1 threads=$2 objective_last=$objective" \
      "mean_abs_diff_255=$(awk -v m="$mae" 'BEGIN { printf "%.2f", m * 255 }') psnr_db=$psnr"
    panels+=(-label "$model $layer, $1, $2 thread$([ "$2" = 1 ] || echo s)" "$out/$name.png")
  done
done
montage "${panels[@]}" -tile 3x -geometry 512x341+4+4 -pointsize 18 -quality 88 bench/bfloat16.jpg
echo "wrote bench/bfloat16.jpg"
