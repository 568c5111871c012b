#!/usr/bin/env bash
# Side by side with Ganeti 3.0.2's htools (Debian ganeti-htools-3.0) on the same input, in one
# run: wall and CPU (user+sys) seconds of each and their ratio, plus the answers.
#   bench/htools.sh [hspace|hbal|all]      (run through /work/slot on a shared machine)
set -u
cd "$(dirname "$(readlink -f "$0")")/.."
GH=/usr/lib/ganeti/3.0/usr/bin; [ -x "$GH/hbal" ] || GH=/usr/bin
OUR=build/bin
W=$(mktemp -d /tmp/bench-htools.XXXXXX); trap 'rm -rf "$W"' EXIT
measure() {  # measure LABEL OUTFILE CMD... -> "wall cpu"
  local label=$1 out=$2; shift 2
  /usr/bin/time -f '%e %U %S' -o "$W/$label.time" "$@" > "$out" 2>&1
  awk '{printf "%.2f %.2f", $1, $2 + $3}' "$W/$label.time"
}
compare() {  # compare NAME EXTRACT-REGEX ARGS...
  local name=$1 rx=$2; shift 2
  read -r gw gc < <(measure ganeti "$W/g.out" "$GH/$name" "$@")
  read -r ow oc < <(measure ours "$W/o.out" "$OUR/$name" "$@")
  echo "$name $*"
  echo "  Ganeti: wall ${gw}s cpu ${gc}s  $(grep -oE "$rx" "$W/g.out" | tail -1)"
  echo "  ours:   wall ${ow}s cpu ${oc}s  $(grep -oE "$rx" "$W/o.out" | tail -1)"
  awk -v gw="$gw" -v gc="$gc" -v ow="$ow" -v oc="$oc" 'BEGIN { printf "  ratio: wall %.1fx, cpu %.1fx\n", gw / (ow > 0 ? ow : 0.01), gc / (oc > 0 ? oc : 0.01) }'
}
what=${1:-all}
if [ "$what" = hspace ] || [ "$what" = all ]; then
  compare hspace 'HTS_ALLOC_INSTANCES=[0-9]+' --simulate=p,100,1048576,65536,16 --disk-template=diskless --machine-readable
fi
if [ "$what" = hbal ] || [ "$what" = all ]; then
  python3 - > "$W/crowded.txt" <<'PY'
import random
r = random.Random(11); used = {}; insts = []
for i in range(600):
    mem = r.choice([512, 1024, 2048, 4096]); p = r.randrange(30); used[p] = used.get(p, 0) + mem
    insts.append("inst-%03d|%d|0|%d|running|Y|node-%03d||sharedfile||1|1|N" % (i, mem, r.choice([1, 2]), p))
print("group-01|fake-uuid-01|preferred||\n")
for k in range(100):
    print("node-%03d|131072|0|%d|1048576|1048576|32|%s|fake-uuid-01|1||N|0|1|1.0" % (k, 131072 - used.get(k, 0), "M" if k == 0 else "N"))
print("\n" + "\n".join(insts) + "\n\n")
spec = "128,1,1024,1,1,1|128,1,1024,1,1,1;32768,8,1048576,16,8,12|diskless,file,sharedfile,plain,blockdev,drbd,rbd,ext,gluster|4.0|32.0"
print("|" + spec); print("group-01|" + spec)
PY
  compare hbal 'Cluster score improved from [0-9.]+ to [0-9.]+' -t "$W/crowded.txt"
fi
