#!/usr/bin/env bash
# Publishes `dream` for linux-x64 laid out as the tool package installs it: ReadyToRun as packed, and without
# libtorch, which the program then finds in NuGet's global packages folder (installed there on first use).
#   bash bench/publish.sh FOLDER
# Built apart from the development build (its own artifacts folder), since leaving libtorch out changes the restore.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=$1
# A fresh folder: publish leaves files from an earlier publish in place (libtorch from a layout that carried it).
rm -rf "$folder"
dotnet publish -c Release -v q -r linux-x64 src/DeepDream.Cli -p:DeepDreamLibTorchOnFirstUse=true \
  --artifacts-path "$folder.build" -o "$folder" >/dev/null
if [ -e "$folder/libtorch_cpu.so" ]; then
  echo "bench/publish.sh: $folder holds libtorch_cpu.so; the tool package does not" >&2
  exit 1
fi
