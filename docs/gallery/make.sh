#!/usr/bin/env bash
# Regenerates the README gallery (docs/gallery/*.jpg) from samples/ with the default model, ResNet-18, named
# explicitly so that other installed models do not change the pictures. Needs the .NET 10 SDK and, for the zoom
# strip, ffmpeg (its tile filter lays the frames side by side). 5.7 min of CPU time (24 min wall-clock on a shared,
# busy 2-core machine).
#   bash docs/gallery/make.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v ffmpeg >/dev/null || { echo "make.sh: the zoom strip needs ffmpeg on PATH" >&2; exit 1; }

dotnet build src/DeepDream.Cli -c Release -v quiet -nologo >/dev/null
dream() { dotnet src/DeepDream.Cli/bin/Release/net10.0/dream.dll "$@"; }
out=docs/gallery
common=(--model resnet18 --threads 2 --quiet)

# The same photo at three depths of the network: strokes and ripples, the classic eyes and snouts, fine texture.
for layer in layer2 layer3 layer4; do
  dream samples/cat_chelsea.jpg --layer "$layer" --max-size 320 -o "$out/cat-$layer.jpg" --quality 80 "${common[@]}"
done

# A contact sheet: the original and one dream per layer, labelled with how much the objective rose.
dream sheet samples/coffee_cup.jpg --layer layer1 --layer layer2 --layer layer3 --layer layer4 \
  --max-size 320 --cell-width 180 --columns 5 -o "$out/coffee-sheet.jpg" --quality 80 "${common[@]}"

# A zoom: every frame is the previous dreamed frame zoomed in and dreamed again; every third of 13 frames shown.
frames=$(mktemp -d)
trap 'rm -rf "$frames"' EXIT
dream zoom samples/dandelion_meadow.jpg --out "$frames" --frames 13 --zoom 1.06 --max-size 240 --preset subtle "${common[@]}"
ffmpeg -v error -y -start_number 0 -i "$frames/frame_%05d.png" -vf "select='not(mod(n\,3))',scale=160:-1,tile=5x1:padding=4" \
  -frames:v 1 -q:v 4 "$out/dandelion-zoom.jpg"

du -ch "$out"/*.jpg | tail -1
