#!/usr/bin/env bash
# How steady `dream video` keeps the dream: makes a clip with real motion from a sample photo, dreams it three ways
# (every frame on its own; blended in place with the previous dreamed frame; carried along the optical flow) and
# prints each output's temporal warping error (bench/DeepDream.Steadiness; RESULTS.md, "Steady video").
#
# usage: bash bench/steadiness.sh [OUT_DIR]
#   FRAMES=24      frames in the clip (25 per second)
#   SIZE=240       --max-size of the dreams
#   DREAM="--preset subtle"   further dream options (the model is whatever `dream` resolves by default)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/out/steadiness}
frames=${FRAMES:-24}
size=${SIZE:-240}
read -r -a dream_options <<< "${DREAM:---preset subtle}"
mkdir -p "$out"

dotnet build src/DeepDream.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/DeepDream.Steadiness -c Release -v quiet -nologo >/dev/null
dream=(dotnet src/DeepDream.Cli/bin/Release/net10.0/dream.dll)
steadiness=(dotnet bench/DeepDream.Steadiness/bin/Release/net10.0/DeepDream.Steadiness.dll)

# The clip: a 320x180 window panning right across samples/dandelion_meadow.jpg at 4 px a frame, with the cat of
# samples/cat_chelsea.jpg (96 px wide) crossing it at 5 px a frame while bobbing up and down, and a 440 Hz tone.
ffmpeg -nostdin -v error -y -loop 1 -framerate 25 -i samples/dandelion_meadow.jpg -loop 1 -framerate 25 -i samples/cat_chelsea.jpg \
  -f lavfi -i "sine=frequency=440:sample_rate=44100" \
  -filter_complex "[0:v]crop=320:180:x='4*n':y=220[bg];[1:v]scale=96:-2[cat];[bg][cat]overlay=x='10+5*n':y='60+20*sin(n/6)':eval=frame,format=yuv420p[v]" \
  -map "[v]" -map 2:a -frames:v "$frames" -t "$(awk "BEGIN { print $frames / 25 }")" -r 25 -c:v libx264 -crf 18 -c:a aac "$out/clip.mp4"

# Which model `dream` resolves by default here, for the record.
"${dream[@]}" samples/cat_chelsea.jpg -o "$out/model-check.png" --preset smoke --json | grep -o '"model":"[^"]*"' | sed 's/^/# default /'

run() {
  local name=$1
  shift
  rm -rf "$out/$name.mp4" "$out/$name.work"
  local started=$SECONDS
  "${dream[@]}" video "$out/clip.mp4" -o "$out/$name.mp4" --work "$out/$name.work" --keep-work --max-size "$size" \
    --threads 2 --quiet "${dream_options[@]}" "$@"
  echo "# $name: dream video ${dream_options[*]} --max-size $size $* ($((SECONDS - started)) s)"
  "${steadiness[@]}" "$out/$name.work/source" "$out/$name.work/dreamed" "$name"
}
run independent --no-flow --blend 0
run blend --no-flow --blend 0.5
run flow
