#!/usr/bin/env bash
# Throughput, memory and incremental builds, measured side by side on
# synthetic corpora made from the bundled briefs (bench/gen).
#
#   scripts/bench.sh [SMALL_MB [LARGE_MB [DOCS [REPS]]]]
#
#   SMALL_MB  corpus for throughput and the smaller memory run (default 20)
#   LARGE_MB  corpus for the larger memory run (default 200; 0 skips it)
#   DOCS      documents of the incremental-build corpus (default 10000; 0 skips it)
#   REPS      runs of each throughput measurement, the fastest kept (default 2)
#
# It compares, on the SMALL corpus: prose v3 segment + tokenize alone
# (bench/baseline, one core), claims extract on one core and on two, and
# wink-nlp (installed here with npm under bench/work/node); then peak RSS of
# claims extract on SMALL and LARGE; then claims build on DOCS documents:
# cold, warm, and after editing one document. Everything it makes stays under
# bench/work/ (gitignored). The machine is shared and noisy: compare the
# ratios of one run, and mind the CPU-time column, which noise inflates less.
set -euo pipefail
cd "$(dirname "$0")/.."

SMALL=${1:-20}
LARGE=${2:-200}
DOCS=${3:-10000}
REPS=${4:-2}
W=bench/work
mkdir -p "$W/bin"

TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi

echo "== building" >&2
go build -o "$W/bin/claims" ./cmd/claims
go build -o "$W/bin/baseline" ./bench/baseline
go build -o "$W/bin/gen" ./bench/gen

# corpus NAME ARGS...: generates once per generator and arguments.
corpus() {
  local dir=$W/$1
  shift
  local stamp
  stamp="$*|$(sha256sum bench/gen/main.go corpus/briefs/* rules/actors.yaml | sha256sum | cut -c1-16)"
  if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "== generating $dir ($*)" >&2
    rm -rf "$dir"
    "$W/bin/gen" -out "$dir" "$@" >&2
    echo "$stamp" >"$dir/.stamp"
  fi
}

corpus "corpus-${SMALL}mb" -size "${SMALL}MB"
SMALLDIR=$W/corpus-${SMALL}mb
SMALLBYTES=$(find "$SMALLDIR" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')

if [ ! -d "$W/node/node_modules/wink-eng-lite-web-model" ]; then
  echo "== installing wink-nlp under $W/node" >&2
  mkdir -p "$W/node"
  (cd "$W/node" && npm install --no-audit --no-fund --silent --prefix . wink-nlp wink-eng-lite-web-model >&2)
fi

# measure NAME CMD...: runs CMD (stdout discarded) REPS times; records the
# fastest wall time, its CPU time (user+sys) and the largest peak RSS.
declare -A WALL CPU RSS
measure() {
  local name=$1
  shift
  local best="" bcpu="" brss=0
  for _ in $(seq "$REPS"); do
    "$TIME" -f "%e %U %S %M" -o "$W/time.txt" "$@" >/dev/null 2>"$W/stderr.txt" || {
      cat "$W/stderr.txt" >&2
      exit 1
    }
    read -r wall user sys rss <"$W/time.txt"
    local cpu
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN {exit !(a < b)}'; then
      best=$wall bcpu=$cpu
    fi
    [ "$rss" -gt "$brss" ] && brss=$rss
  done
  WALL[$name]=$best CPU[$name]=$bcpu RSS[$name]=$brss
  echo "   $name: ${best}s wall, ${bcpu}s cpu, $((brss / 1024)) MB peak" >&2
}

# One core means one core: pinned, so that neither Go's collector nor
# Node's helper threads borrow the other.
ONE=()
if command -v taskset >/dev/null; then ONE=(taskset -c 0); fi

echo "== throughput on $SMALLDIR ($SMALLBYTES bytes), best of $REPS" >&2
measure baseline "${ONE[@]}" env GOMAXPROCS=1 "$W/bin/baseline" "$SMALLDIR"
measure extract1 "${ONE[@]}" env GOMAXPROCS=1 "$W/bin/claims" extract --quiet --workers 1 "$SMALLDIR"
measure extract2 env GOMAXPROCS=2 "$W/bin/claims" extract --quiet --workers 2 "$SMALLDIR"
measure wink1 "${ONE[@]}" env NODE_PATH="$W/node/node_modules" node bench/wink/bench.js "$SMALLDIR"
measure wink env NODE_PATH="$W/node/node_modules" node bench/wink/bench.js "$SMALLDIR"

if [ "$LARGE" != 0 ]; then
  corpus "corpus-${LARGE}mb" -size "${LARGE}MB"
  echo "== memory on $W/corpus-${LARGE}mb" >&2
  REPS_SAVED=$REPS REPS=1
  measure large2 env GOMAXPROCS=2 "$W/bin/claims" extract --quiet --workers 2 "$W/corpus-${LARGE}mb"
  REPS=$REPS_SAVED
  LARGEBYTES=$(find "$W/corpus-${LARGE}mb" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
fi

if [ "$DOCS" != 0 ]; then
  corpus "corpus-${DOCS}docs" -docs "$DOCS"
  D=$W/corpus-${DOCS}docs
  echo "== incremental build on $D" >&2
  rm -rf "$W/build-cache" "$W/build-out"
  B=("$W/bin/claims" build --quiet --corpus "$D" --reviews /dev/null --out "$W/build-out" --cache "$W/build-cache")
  REPS_SAVED=$REPS REPS=1
  measure cold "${B[@]}"
  measure warm "${B[@]}"
  edited=$(find "$D" -name '*.txt' | sort | sed -n '2p')
  cp "$edited" "$W/edited.bak"
  printf '\nPeru supports the voluntary norms, as edited on %s.\n' "$(date -u +%s%N)" >>"$edited"
  measure edited "${B[@]}"
  cp "$W/edited.bak" "$edited"
  measure nocache "${B[@]}" --no-cache
  # The I/O no rebuild can skip: read every document and cache entry, and
  # write the files of out/ again, synced (what build's atomic set does).
  rm -rf "$W/floor-out" && mkdir -p "$W/floor-out"
  measure floor sh -c 'find "$1" -name "*.txt" -exec cat {} + >/dev/null &&
    find "$2" -type f -exec cat {} + >/dev/null &&
    for f in "$3"/*; do dd if="$f" of="$4/${f##*/}" bs=4M conv=fsync status=none; done' \
    floor "$D" "$W/build-cache" "$W/build-out" "$W/floor-out"
  # Its write half alone: the files of out/ written again and synced, which
  # any build that keeps out/ as one claims.jsonl and one report.html pays.
  rm -rf "$W/floor-out" && mkdir -p "$W/floor-out"
  measure write sh -c 'for f in "$1"/*; do dd if="$f" of="$2/${f##*/}" bs=4M conv=fsync status=none; done' \
    write "$W/build-out" "$W/floor-out"
  du -sh "$W/build-out" | awk '{print "   out/ size: " $1}' >&2
  REPS=$REPS_SAVED
  du -sh "$W/build-cache" | awk '{print "   cache size: " $1}' >&2
fi

# The table.
mbps() { awk -v b="$1" -v t="$2" 'BEGIN {printf "%.2f", b / 1e6 / t}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'; }
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $(date -u +%F)"
echo
echo "| run (${SMALL} MB corpus) | MB/s (wall) | CPU s | peak RSS |"
echo "|---|---|---|---|"
for n in baseline extract1 extract2 wink1 wink; do
  label=$n
  case $n in
  baseline) label="prose v3 segment + tokenize only, 1 core" ;;
  extract1) label="claims extract --workers 1, 1 core" ;;
  extract2) label="claims extract --workers 2, 2 cores" ;;
  wink1) label="wink-nlp readDoc + sentences + tokens + 1 custom entity, 1 core" ;;
  wink) label="wink-nlp, as above, Node free to use both cores" ;;
  esac
  echo "| $label | $(mbps "$SMALLBYTES" "${WALL[$n]}") | ${CPU[$n]} | $((RSS[$n] / 1024)) MB |"
done
echo
echo "| ratio | wall | CPU |"
echo "|---|---|---|"
echo "| extract, 1 worker / prose baseline (target >= 0.6x) | $(ratio "${WALL[baseline]}" "${WALL[extract1]}") | $(ratio "${CPU[baseline]}" "${CPU[extract1]}") |"
echo "| extract, 1 core / wink-nlp, 1 core (target >= 3x) | $(ratio "${WALL[wink1]}" "${WALL[extract1]}") | $(ratio "${CPU[wink1]}" "${CPU[extract1]}") |"
echo "| extract, 2 workers / wink-nlp, 2 cores | $(ratio "${WALL[wink]}" "${WALL[extract2]}") | $(ratio "${CPU[wink]}" "${CPU[extract2]}") |"
echo "| extract, 2 workers / 1 worker (target >= 1.7x) | $(ratio "${WALL[extract1]}" "${WALL[extract2]}") | |"
if [ "$LARGE" != 0 ]; then
  echo
  echo "| memory, claims extract --workers 2 | peak RSS |"
  echo "|---|---|"
  echo "| ${SMALL} MB corpus | $((RSS[extract2] / 1024)) MB |"
  echo "| ${LARGE} MB corpus ($(mbps "$LARGEBYTES" "${WALL[large2]}") MB/s) | $((RSS[large2] / 1024)) MB |"
  echo "| ratio (target <= 1.5x, under 200 MB) | $(awk -v a="${RSS[large2]}" -v b="${RSS[extract2]}" 'BEGIN {printf "%.2fx", a / b}') |"
fi
if [ "$DOCS" != 0 ]; then
  echo
  echo "| claims build, ${DOCS} documents | wall s | CPU s | peak RSS |"
  echo "|---|---|---|---|"
  for n in nocache cold warm edited floor write; do
    label=$n
    case $n in
    nocache) label="--no-cache" ;;
    cold) label="cold cache (full build, fills the cache)" ;;
    warm) label="warm cache, nothing changed" ;;
    edited) label="warm cache, one document edited" ;;
    floor) label="I/O floor: read every document and cache entry, write out/ synced (no claims work)" ;;
    write) label="write floor: write out/ synced, nothing read" ;;
    esac
    echo "| $label | ${WALL[$n]} | ${CPU[$n]} | $((RSS[$n] / 1024)) MB |"
  done
  echo "| I/O floor / full build | $(awk -v a="${WALL[floor]}" -v b="${WALL[cold]}" 'BEGIN {printf "%.1f%%", 100 * a / b}') | $(awk -v a="${CPU[floor]}" -v b="${CPU[cold]}" 'BEGIN {printf "%.1f%%", 100 * a / b}') | |"
  echo "| write floor / full build | $(awk -v a="${WALL[write]}" -v b="${WALL[cold]}" 'BEGIN {printf "%.1f%%", 100 * a / b}') | $(awk -v a="${CPU[write]}" -v b="${CPU[cold]}" 'BEGIN {printf "%.1f%%", 100 * a / b}') | |"
  echo "| one edited / full build (target < 5%) | $(awk -v a="${WALL[edited]}" -v b="${WALL[cold]}" 'BEGIN {printf "%.1f%%", 100 * a / b}') | $(awk -v a="${CPU[edited]}" -v b="${CPU[cold]}" 'BEGIN {printf "%.1f%%", 100 * a / b}') | |"
fi
