#!/usr/bin/env python3
"""Inputs for bench/htools.sh, the same for Ganeti's htools and ours.

  htools-gen.py text NODES INSTANCES CROWD SEED NODE_MEM NODE_CPU
      an htools text-format cluster: INSTANCES sharedfile instances (512..4096 MiB, 1-2 vcpus)
      placed at random on the first CROWD nodes
  htools-gen.py ialloc NODES INSTANCES SEED NODE_MEM NODE_CPU
      an iallocator "allocate" request on such a cluster (instances spread over all nodes)
"""
import json
import random
import sys

SPEC = ("128,1,1024,1,1,1|128,1,1024,1,1,1;32768,8,1048576,16,8,12|"
        "diskless,file,sharedfile,plain,blockdev,drbd,rbd,ext,gluster|4.0|32.0")


def instances(r, count, crowd):
    for i in range(count):
        yield "inst-%05d" % i, r.choice([512, 1024, 2048, 4096]), r.choice([1, 2]), r.randrange(crowd)


def text(nodes, count, crowd, seed, nmem, ncpu):
    r = random.Random(seed)
    used = {}
    lines = []
    for name, mem, cpu, p in instances(r, count, crowd):
        used[p] = used.get(p, 0) + mem
        lines.append("%s|%d|0|%d|running|Y|node-%04d||sharedfile||1|1|N" % (name, mem, cpu, p))
    print("group-01|fake-uuid-01|preferred||\n")
    for k in range(nodes):
        print("node-%04d|%d|0|%d|1048576|1048576|%d|%s|fake-uuid-01|1||N|0|1|1.0"
              % (k, nmem, nmem - used.get(k, 0), ncpu, "M" if k == 0 else "N"))
    print("\n" + "\n".join(lines) + "\n\n")
    print("|" + SPEC)
    print("group-01|" + SPEC)


def ipolicy():
    lo = {"memory-size": 128, "cpu-count": 1, "disk-size": 1024, "disk-count": 1, "nic-count": 1, "spindle-use": 1}
    hi = {"memory-size": 32768, "cpu-count": 8, "disk-size": 1048576, "disk-count": 16, "nic-count": 8, "spindle-use": 12}
    return {"minmax": [{"min": lo, "max": hi}], "std": lo, "disk-templates": ["sharedfile", "diskless", "plain", "drbd", "file"],
            "vcpu-ratio": 4.0, "spindle-ratio": 32.0}


def ialloc(nodes, count, seed, nmem, ncpu):
    r = random.Random(seed)
    used = {}
    insts = {}
    for name, mem, cpu, p in instances(r, count, nodes):
        used[p] = used.get(p, 0) + mem
        insts[name] = {"tags": [], "admin_state": "up", "vcpus": cpu, "memory": mem, "spindle_use": 1, "os": "dummy",
                       "nodes": ["node-%04d" % p], "nics": [], "disks": [{"size": 1024, "mode": "rw"}],
                       "disk_template": "sharedfile", "disk_space_total": 1024, "hypervisor": "fake"}
    nd = {}
    for k in range(nodes):
        nd["node-%04d" % k] = {"tags": [], "primary_ip": "127.0.0.1", "secondary_ip": "127.0.0.1", "offline": False,
                               "drained": False, "master_candidate": k < 10, "master_capable": True, "vm_capable": True,
                               "ndparams": {"spindle_count": 1, "exclusive_storage": False}, "group": "uuid-g1",
                               "total_memory": nmem, "reserved_memory": 0, "free_memory": nmem - used.get(k, 0),
                               "total_disk": 1048576, "free_disk": 1048576, "total_cpus": ncpu, "reserved_cpus": 1,
                               "total_spindles": 1, "free_spindles": 1}
    doc = {"version": 2, "cluster_name": "cluster", "cluster_tags": [], "enabled_hypervisors": ["fake"], "ipolicy": ipolicy(),
           "nodegroups": {"uuid-g1": {"name": "default", "alloc_policy": "preferred", "networks": [], "ipolicy": ipolicy(), "tags": []}},
           "nodes": nd, "instances": insts,
           "request": {"type": "allocate", "name": "new1", "disk_template": "sharedfile", "tags": [], "os": "dummy", "vcpus": 2,
                       "memory": 4096, "spindle_use": 1, "disks": [{"size": 1024, "mode": "rw"}], "disk_space_total": 1024,
                       "nics": [], "required_nodes": 1, "hypervisor": "fake"}}
    json.dump(doc, sys.stdout)


if __name__ == "__main__":
    kind, args = sys.argv[1], [int(x) for x in sys.argv[2:]]
    text(*args) if kind == "text" else ialloc(*args)
