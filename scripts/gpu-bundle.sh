#!/bin/bash
# `npm run gpu-bundle [-- --rows N]`: builds .gpu-bundle/, a folder that runs the project's own training bench
# (bench/train.ts and the engine code of src-main/core/ml, bundled by esbuild into bundle.cjs) on the lent GPU
# machine, which has no Node and no internet: Linux x64 Node (xz), TF.js and Dawn for Node (npm `webgpu`) as a
# pruned node_modules, the Vulkan loader debs, and the first N (default 2048) Training rows of FER2013 as a
# FERU8 file (scripts/gpu-bundle/fer-u8.ts). Carry it in a device call (carry: [".gpu-bundle"]) and run
#   bash .gpu-bundle/run.sh [--engine webgpu] [--model cnn-small] [--batch 128] [--steps 20] [--profile] [--json]
# Same approach as ../shared/tools/gpu-probe (Node binary, Vulkan loader), see docs/gpu-bundle.md.
# Slow parts (xz of the Node binary and dawn.node, the debs) are cached in node_modules/.cache/gpu-bundle/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
here="$root/scripts/gpu-bundle"
dest="$root/.gpu-bundle"
cache="$root/node_modules/.cache/gpu-bundle"
rows=${GPU_BUNDLE_ROWS:-2048}
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=${2:?--rows needs a number}; shift 2 ;;
    --rows=*) rows=${1#--rows=}; shift ;;
    *) echo "usage: npm run gpu-bundle [-- --rows N]" >&2; exit 2 ;;
  esac
done
[[ "$rows" =~ ^[1-9][0-9]*$ ]] || { echo "--rows must be a positive whole number, got '$rows'" >&2; exit 2; }

node_bin=${GPU_BUNDLE_NODE:-$(command -v node)}
[ "$(uname -m)" = x86_64 ] || [ -n "${GPU_BUNDLE_NODE:-}" ] || { echo "This machine is $(uname -m); the GPU machine is x86-64: set GPU_BUNDLE_NODE to a Linux x64 node binary." >&2; exit 1; }
file -L "$node_bin" 2>/dev/null | grep -q 'x86-64' || { echo "$node_bin is not a Linux x86-64 binary." >&2; exit 1; }

# What bundle.cjs loads at run time, each package as few files as it needs (its package.json "main" and what
# that requires): no tfjs-node, no browser/ESM/minified dist variants, no .map, no README, no .d.ts.
PACKAGES=(@tensorflow/tfjs-core @tensorflow/tfjs-layers @tensorflow/tfjs-backend-cpu @tensorflow/tfjs-backend-wasm @tensorflow/tfjs-backend-webgpu webgpu)
for p in "${PACKAGES[@]}" seedrandom; do
  [ -f "$root/node_modules/$p/package.json" ] || { echo "node_modules/$p is missing: run npm install first." >&2; exit 1; }
done

stage="$dest.tmp.$$"
trap 'rm -rf "$stage"' EXIT
rm -rf "$stage"
mkdir -p "$stage/node_modules" "$stage/gl" "$cache"
started=$SECONDS

# 1. The project's code: one CommonJS file; check that it loads no package beyond those copied below.
externals=$(cd "$root" && node scripts/gpu-bundle/build.mjs "$stage/bundle.cjs" | sed -n '/^EXTERNALS$/,$p' | tail -n +2)
for e in $externals; do
  [[ " ${PACKAGES[*]} " == *" $e "* ]] || { echo "bundle.cjs loads '$e', which gpu-bundle.sh does not copy: add it to PACKAGES." >&2; exit 1; }
done
echo "bundle.cjs: $(du -h "$stage/bundle.cjs" | cut -f1), externals: $(echo $externals)"

# 2. Data: the first $rows Training rows of ../shared/datasets/fer2013.csv.gz (or $FER_DATASETS).
(cd "$root" && node bin/run-ts.js scripts/gpu-bundle/make-data.ts "$stage/fer2013-train.u8.gz" "$rows")

# xz FILE into OUT, cached by the file's path, size and mtime (xz of ~100 MB takes a while on 2 cores).
cached_xz() {
  local src=$1 out=$2 key
  key=$(stat -L -c '%n %s %Y' "$src" | sha256sum | cut -c1-16)
  if [ ! -f "$cache/$key.xz" ]; then
    echo "xz $(basename "$src") ($(du -hL "$src" | cut -f1)), cached for next time..."
    nice xz -T1 -6 -c "$src" > "$cache/$key.xz.tmp" && mv "$cache/$key.xz.tmp" "$cache/$key.xz"
  fi
  cp "$cache/$key.xz" "$out"
}

# 3. Pruned node_modules.
nm="$root/node_modules"
copy() { mkdir -p "$(dirname "$stage/node_modules/$1")" && cp "$nm/$1" "$stage/node_modules/$1"; }
for p in "${PACKAGES[@]}"; do
  copy "$p/package.json"
  for l in LICENSE LICENSE.md; do [ -f "$nm/$p/$l" ] && copy "$p/$l"; done
done
for p in tfjs-core tfjs-layers tfjs-backend-cpu tfjs-backend-webgpu tfjs-backend-wasm; do
  main=$(node -p "require('$nm/@tensorflow/$p/package.json').main")
  copy "@tensorflow/$p/$main"
done
# wasm in Node: never threaded (tfjs 4.22 turns threads off under Node); SIMD, else the plain build, loaded
# from the folder of tf-backend-wasm.node.js.
copy @tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm
copy @tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm
copy webgpu/index.js
mkdir -p "$stage/node_modules/webgpu/dist/linux-x64"
cached_xz "$nm/webgpu/dist/linux-x64/dawn.node" "$stage/node_modules/webgpu/dist/linux-x64/dawn.node.xz"
# seedrandom: required by tfjs-backend-cpu.
copy seedrandom/package.json
copy seedrandom/index.js
copy seedrandom/seedrandom.js
for f in "$nm"/seedrandom/lib/*.js; do [[ "$f" == *.min.js ]] || copy "seedrandom/lib/$(basename "$f")"; done

# The native engine's kernels (N-API, 0.2 MB), when built here: the GPU machine's 16 cores can run them too.
if [ -f "$root/build/Release/fer_native.node" ]; then
  mkdir -p "$stage/build/Release" && cp "$root/build/Release/fer_native.node" "$stage/build/Release/"
fi

# Every package loads from the staged node_modules alone (webgpu is only resolved: its dawn.node is packed).
(cd "$stage" && NODE_PATH= node -e "
  for (const p of ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu']) require(p);
  if (!require.resolve('webgpu').startsWith(process.cwd())) throw new Error('webgpu resolves outside the bundle');
") || { echo "The pruned node_modules does not load: see the error above." >&2; exit 1; }

# 4. Node (the one running here; engines: node >= 20.10) and the Vulkan loader debs (the GPU machine has the
#    NVIDIA driver and its Vulkan ICD, not the loader).
cached_xz "$node_bin" "$stage/node.xz"
debs=(libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
if [ "$(ls "$cache"/gl/*.deb 2>/dev/null | wc -l)" -lt ${#debs[@]} ]; then
  echo "apt-get download ${debs[*]} (amd64)..."
  mkdir -p "$cache/gl" /tmp/amd64/partial
  o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64)
  apt-get "${o[@]}" update >/dev/null 2>&1 || true
  (cd "$cache/gl" && apt-get "${o[@]}" download "${debs[@]}" >"$cache/apt.log" 2>&1) || { cat "$cache/apt.log" >&2; echo "apt-get download of the Vulkan loader debs failed." >&2; exit 1; }
fi
cp "$cache"/gl/*.deb "$stage/gl/"

# 5. run.sh and a build id (run.sh unpacks into a scratch folder per id, leaving the carried folder untouched).
cp "$here/run.sh" "$stage/run.sh"
chmod +x "$stage/run.sh"
{
  echo "fer-studio gpu-bundle $(cd "$stage" && find . -type f ! -name BUILD_ID | sort | xargs sha256sum | sha256sum | cut -c1-12)"
  echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) from $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$root" && git diff --quiet HEAD -- src-main bench scripts 2>/dev/null || echo ' (+ uncommitted changes)'), node $("$node_bin" --version), $rows rows"
} > "$stage/BUILD_ID"

rm -rf "$dest"
mv "$stage" "$dest"
trap - EXIT
echo "Built .gpu-bundle in $((SECONDS - started)) s: $(du -sh "$dest" | cut -f1) ($(head -1 "$dest/BUILD_ID" | cut -d' ' -f3))"
echo "Run: bash .gpu-bundle/run.sh --engine webgpu --model cnn-small --batch 128 --steps 20   (device call: carry [\".gpu-bundle\"])"
