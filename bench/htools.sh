#!/usr/bin/env bash
# Side by side with Ganeti 3.0.2's htools (Debian ganeti-htools-3.0) on the same input, in one
# run: wall and CPU (user+sys of the process and its children, getrusage through /usr/bin/time)
# seconds of each, their ratio, and the answers (hspace's count, hbal's scores, hail's node).
#   bash bench/htools.sh [hspace|hbal100|hbal1000|hail|all]
# Ganeti's hbal and hail can run for hours on these clusters: they are stopped after
# HTOOLS_BENCH_CAP seconds of CPU (default 600; ulimit -t, so that a busy shared machine does
# not shorten them; hspace gets HTOOLS_BENCH_HSPACE_CAP, default 1800, as it must finish to
# compare answers) and reported as "> CAP"; their output is read through a pseudo-terminal so
# that the moves hbal printed before the cap (and the score they reached) are known. Ours then
# also runs with --max-length set to that many moves, to compare the same work.
set -u
cd "$(dirname "$(readlink -f "$0")")/.."
GH=/usr/lib/ganeti/3.0/usr/bin; [ -x "$GH/hbal" ] || GH=/usr/bin
[ -x "$GH/hbal" ] || { echo "Ganeti's htools are not installed (apt-get install ganeti-htools-3.0)" >&2; exit 1; }
GHAIL=/usr/lib/ganeti/3.0/usr/lib/ganeti/iallocators/hail; [ -x "$GHAIL" ] || GHAIL=/usr/lib/ganeti/iallocators/hail
OUR=build/bin
CAP=${HTOOLS_BENCH_CAP:-600}
HCAP=${HTOOLS_BENCH_HSPACE_CAP:-1800}
W=$(mktemp -d /tmp/bench-htools.XXXXXX); trap 'rm -rf "$W"' EXIT

# run LABEL OUTFILE CMD... -> "wall cpu rc"; Ganeti's programs run on a pty with the CPU cap
# (rc 137 when it stopped them: SIGKILL after SIGXCPU)
run() {
  local label=$1 out=$2; shift 2
  local rc=0 cap=$CAP
  [ "${1##*/}" = hspace ] && cap=$HCAP
  if [ "$label" = ganeti ]; then
    /usr/bin/time -f '%e %U %S' -o "$W/$label.time" script -qefc "ulimit -t $cap; $(printf '%q ' "$@")" /dev/null > "$out" 2>&1 || rc=$?
    sed -i 's/\r$//' "$out"
  else
    /usr/bin/time -f '%e %U %S' -o "$W/$label.time" "$@" > "$out" 2>&1 || rc=$?
  fi
  tail -1 "$W/$label.time" | awk -v rc="$rc" '{printf "%.2f %.2f %s", $1, $2 + $3, rc}'
}
ratio() { awk -v g="$1" -v o="$2" 'BEGIN { printf "%.0f", g / (o > 0.005 ? o : 0.005) }'; }
line() {  # line WHO WALL CPU RC ANSWER
  local capped=''
  case $4 in 137|152) capped=" (stopped at the ${CAP} s CPU cap: > ${CAP} s)" ;; esac
  printf '  %-7s wall %8.2f s  cpu %8.2f s%s  %s\n' "$1" "$2" "$3" "$capped" "$5"
}

hspace_bench() {
  local args=(--simulate=p,100,1048576,65536,16 --disk-template=diskless --machine-readable)
  echo "hspace ${args[*]}"
  read -r gw gc grc < <(run ganeti "$W/g.out" "$GH/hspace" "${args[@]}")
  read -r ow oc orc < <(run ours "$W/o.out" "$OUR/hspace" "${args[@]}")
  local ga oa
  ga=$(grep -E '^HTS_ALLOC_INSTANCES=|^HTS_ALLOC_FAIL_REASON=' "$W/g.out" | tr '\n' ' ')
  oa=$(grep -E '^HTS_ALLOC_INSTANCES=|^HTS_ALLOC_FAIL_REASON=' "$W/o.out" | tr '\n' ' ')
  line Ganeti "$gw" "$gc" "$grc" "$ga"
  line ours "$ow" "$oc" "$orc" "$oa"
  [ "$ga" = "$oa" ] && echo "  same answer" || echo "  DIFFERENT ANSWERS"
  echo "  ratio: wall $(ratio "$gw" "$ow")x, cpu $(ratio "$gc" "$oc")x"
}

moves() { grep -cE '^ +[0-9]+\. ' "$1"; }
last_score() { grep -E '^ +[0-9]+\. ' "$1" | tail -1 | awk '{print $(NF-1)}'; }
final_score() { grep -oE 'Cluster score improved from [0-9.]+ to [0-9.]+' "$1" | awk '{print $NF}'; }
initial_score() { grep -oE '^Initial score: [0-9.]+' "$1" | awk '{print $NF}'; }

hbal_bench() {  # hbal_bench TITLE FILE
  local title=$1 f=$2
  echo "hbal -t: $title"
  read -r gw gc grc < <(run ganeti "$W/g.out" "$GH/hbal" -t "$f")
  read -r ow oc orc < <(run ours "$W/o.out" "$OUR/hbal" -t "$f")
  local gm om gs os
  gm=$(moves "$W/g.out"); om=$(moves "$W/o.out")
  gs=$(final_score "$W/g.out"); [ -n "$gs" ] || gs="$(last_score "$W/g.out") (reached at the cap)"
  [ "$gm" -gt 0 ] || gs="none (no move found before the cap; initial $(initial_score "$W/g.out"))"
  os=$(final_score "$W/o.out")
  echo "  initial score $(initial_score "$W/o.out") (Ganeti: $(initial_score "$W/g.out"))"
  line Ganeti "$gw" "$gc" "$grc" "$gm moves, final score $gs"
  line ours "$ow" "$oc" "$orc" "$om moves, final score $os"
  if [ "$grc" = 137 ] || [ "$grc" = 152 ]; then
    echo "  ratio: wall > $(ratio "$gw" "$ow")x, cpu > $(ratio "$gc" "$oc")x (Ganeti stopped at the cap)"
    if [ "$gm" -ge 0 ]; then
      local lm=$(( gm > 0 ? gm : 1 ))   # Ganeti found no move: ours finding its first one
      read -r lw lc lrc < <(run ours "$W/l.out" "$OUR/hbal" -t "$f" -l "$lm")
      line "ours -l$lm" "$lw" "$lc" "$lrc" "final score $(final_score "$W/l.out") (Ganeti after $gm moves: $(last_score "$W/g.out"))"
      [ "$gm" -gt 0 ] && cmp -s <(grep -E '^ +[0-9]+\. ' "$W/g.out") <(grep -E '^ +[0-9]+\. ' "$W/l.out" | head -n "$gm") && echo "  the same $gm moves as Ganeti's"
      echo "  ratio for the first $lm moves: wall > $(ratio "$gw" "$lw")x, cpu > $(ratio "$gc" "$lc")x"
    fi
  else
    echo "  ratio: wall $(ratio "$gw" "$ow")x, cpu $(ratio "$gc" "$oc")x"
  fi
}

hail_bench() {
  python3 bench/htools-gen.py ialloc 1000 20000 17 131072 32 > "$W/ialloc.json"
  echo "hail: allocate on 1000 nodes / 20000 instances ($(du -k "$W/ialloc.json" | cut -f1) KiB request)"
  read -r gw gc grc < <(run ganeti "$W/g.out" "$GHAIL" "$W/ialloc.json")
  local best='' runs=''
  for _ in $(seq "${HTOOLS_BENCH_HAIL_RUNS:-5}"); do   # the best of several: the machine is shared
    read -r ow oc orc < <(run ours "$W/o.out" "$OUR/hail" "$W/ialloc.json")
    runs="$runs $ow/$oc"
    if [ -z "$best" ] || awk -v a="$ow" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best="$ow $oc $orc"; fi
  done
  echo "  ours, every run (wall/cpu s):$runs"
  echo "  ours, median of ${HTOOLS_BENCH_HAIL_RUNS:-5}: $(printf '%s\n' $runs | awk -F/ '{print $1}' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}') s wall, $(printf '%s\n' $runs | awk -F/ '{print $2}' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}') s cpu"
  read -r ow oc orc <<< "$best"
  local gr or
  gr=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["success"], d["result"])' "$W/g.out" 2>/dev/null)
  or=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["success"], d["result"])' "$W/o.out" 2>/dev/null)
  line Ganeti "$gw" "$gc" "$grc" "$gr"
  line ours "$ow" "$oc" "$orc" "$or (best wall of ${HTOOLS_BENCH_HAIL_RUNS:-5})"
  [ "$gr" = "$or" ] && echo "  same node" || echo "  DIFFERENT NODES"
  echo "  ratio: wall $(ratio "$gw" "$ow")x, cpu $(ratio "$gc" "$oc")x"
}

what=${1:-all}
echo "# $(date -u +%FT%TZ), $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg); Ganeti: $GH; ours: $OUR"
case $what in hspace|all) hspace_bench ;; esac
case $what in hbal100|all)
  python3 bench/htools-gen.py text 100 600 30 11 131072 32 > "$W/crowded-100.txt"
  hbal_bench "100 nodes, 600 instances crowded on 30 nodes" "$W/crowded-100.txt" ;;
esac
case $what in hbal1000|all)
  python3 bench/htools-gen.py text 1000 20000 1000 13 131072 32 > "$W/random-1000.txt"
  hbal_bench "1000 nodes, 20000 instances placed at random" "$W/random-1000.txt" ;;
esac
case $what in hail|all) hail_bench ;; esac
