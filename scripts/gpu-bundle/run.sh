#!/bin/bash
# FER Studio GPU bundle (built by `npm run gpu-bundle`, see docs/gpu-bundle.md): runs the project's training bench
# (bench/train.ts with the real engine code) with the bundled Node, on the lent GPU machine or any Linux x64:
#   bash .gpu-bundle/run.sh [--engine auto|webgpu|native|wasm|cpu] [--model cnn-small|vgg-fer|cnn-tiny|all] \
#                           [--batch N] [--steps N] [--profile] [--json] [--data FILE]
# The first run of a build unpacks Node, node_modules (dawn.node) and the Vulkan loader debs into a scratch
# folder, $GPU_BUNDLE_CACHE/<build id> (default ${TMPDIR:-/tmp}/fer-gpu-bundle/<build id>); this folder stays as
# it was, so it can be carried again. Vulkan: when the system has no libvulkan.so.1, the bundled loader is put on
# LD_LIBRARY_PATH; GPU_BUNDLE_GL=system unpacks the debs into / and runs ldconfig instead, as
# ../shared/tools/gpu-probe/run.sh does (needs root). The NVIDIA ICD is looked up as the probe does, unless
# VK_DRIVER_FILES or VK_ICD_FILENAMES is already set. Notes go to stderr; stdout is the bench's (--json: one line).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
note() { echo "[gpu-bundle] $*" >&2; }
id=$(head -1 "$here/BUILD_ID" | cut -d' ' -f3)
base=${GPU_BUNDLE_CACHE:-${TMPDIR:-/tmp}/fer-gpu-bundle}
rt="$base/$id"

if [ ! -f "$rt/.ready" ]; then
  note "unpacking build $id into $rt"
  mkdir -p "$base"
  for d in "$base"/*; do [ -d "$d" ] && [ "$d" != "$rt" ] && rm -rf "$d"; done # runtimes of older builds
  tmp=$(mktemp -d "$base/.unpack.XXXXXX")
  cp -r "$here/node_modules" "$here/bundle.cjs" "$here/fer2013-train.u8.gz" "$tmp/"
  [ -d "$here/build" ] && cp -r "$here/build" "$tmp/"
  xz -dc "$here/node.xz" > "$tmp/node"
  chmod +x "$tmp/node"
  xz -d "$tmp/node_modules/webgpu/dist/linux-x64/dawn.node.xz"
  mkdir -p "$tmp/gl"
  for f in "$here"/gl/*.deb; do dpkg -x "$f" "$tmp/gl"; done
  touch "$tmp/.ready"
  rm -rf "$rt"
  mv "$tmp" "$rt"
fi

if [ "${GPU_BUNDLE_GL:-}" = system ]; then
  for f in "$here"/gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
elif ! ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1 '; then
  export LD_LIBRARY_PATH="$rt/gl/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
# The NVIDIA container runtime puts the driver's libraries here; last, so the system's own come first.
for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib; do
  [ -d "$d" ] && export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$d"
done
if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ]; then
  for f in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
    # VK_DRIVER_FILES for loaders >= 1.3.207, VK_ICD_FILENAMES for older ones.
    [ -f "$f" ] && export VK_DRIVER_FILES=$f VK_ICD_FILENAMES=$f && break
  done
fi
gpu=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -1 || true)
note "node $("$rt/node" --version), GPU: ${gpu:-none}, Vulkan driver: ${VK_DRIVER_FILES:-${VK_ICD_FILENAMES:-none found (no NVIDIA Vulkan ICD): webgpu will have no adapter}}"
exec "$rt/node" "$rt/bundle.cjs" "$@"
