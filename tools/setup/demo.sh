#!/usr/bin/env bash
# The main job: a 3-node virtual cluster comes up, gets a few instances, and shows them.
# Usage: tools/setup/demo.sh [DIR]   (default /tmp/ganeti-demo; stop it with DIR/stop-all)
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tools/setup/prepare.sh >/tmp/ganeti-demo-setup.log 2>&1 || { tail -30 /tmp/ganeti-demo-setup.log; exit 1; }
DIR=${1:-/tmp/ganeti-demo}
[ -x "$DIR/stop-all" ] && "$DIR/stop-all" >/dev/null 2>&1 || true
rm -rf "$DIR"; mkdir -p "$DIR"
vcluster/vcluster-setup -c 3 -p 127.0.5 "$DIR" >/dev/null
"$DIR/start-all" >/dev/null
cd "$DIR"
set -x
node1/cmd gnt-cluster init --no-etc-hosts --no-ssh-init --master-netdev=lo \
  --enabled-disk-templates=diskless,file --enabled-hypervisors=fake \
  --ipolicy-bounds-specs=min:disk-size=0,cpu-count=1,disk-count=0,memory-size=1,nic-count=0,spindle-use=0/max:disk-size=1048576,cpu-count=8,disk-count=16,memory-size=32768,nic-count=8,spindle-use=12 \
  cluster
node1/cmd gnt-node add --no-ssh-key-check node2
node1/cmd gnt-node add --no-ssh-key-check node3
node1/cmd gnt-instance add -t diskless -o dummy -B memory=128,vcpus=1 --no-name-check --no-ip-check -I hail instance1
node1/cmd gnt-instance add -t file --disk 0:size=1G -o dummy -n node2 --no-name-check --no-ip-check instance2
node1/cmd gnt-instance add -t diskless -o dummy -B memory=256 --no-name-check --no-ip-check instance3
node1/cmd gnt-cluster info
node1/cmd gnt-node list
node1/cmd gnt-instance list
set +x
# The dashboard and the REST API (ganeti-rapi, started on the master by gnt-cluster init):
# one writer and one read-only account in Ganeti's users-file format, re-read on change.
mkdir -p node1/var/lib/ganeti/rapi
printf 'admin admin write\nviewer viewer\n' > node1/var/lib/ganeti/rapi/users
for i in $(seq 1 40); do curl -sk -m 2 -o /dev/null https://127.0.5.10:5080/version && break; sleep 0.5; done
curl -sk -m 5 -u viewer:viewer https://127.0.5.10:5080/2/info | head -c 300; echo
echo "The virtual cluster keeps running in $DIR: try '$DIR/node1/cmd gnt-instance list'; stop it with '$DIR/stop-all'."
echo "Dashboard: https://127.0.5.10:5080/ (user admin, password admin; or viewer/viewer, read-only)"
