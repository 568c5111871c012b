// Ganeti's own Python RAPI client (Debian's python3-ganeti-rapi) against a 3-node virtual
// cluster, for the resources beyond the instance basics that ../shared/acceptance/rapi.sh
// covers: tags of every kind, node groups, networks, multi-allocation, node role, node
// migrate and evacuate. Each Python step checks its answer and the test then checks the
// cluster through gnt-* as a user would.
import test from 'ava';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run, startVcluster, type Vcluster } from '../../vcluster/harness.js';

const PREFIX = '127.0.150';
const URL = `https://${PREFIX}.10:5080`;
const PYTHON = '/usr/bin/python3';
let vc: Vcluster;

test.before(async () => {
  vc = await startVcluster({
    nodes: 3, prefix: PREFIX,
    programs: ['ganeti-noded', 'ganeti-masterd', 'ganeti-rapi', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance',
      'gnt-group', 'gnt-network', 'gnt-job'],
  });
  const users = join(vc.dir, 'node1', 'var/lib/ganeti/rapi/users');
  mkdirSync(dirname(users), { recursive: true });
  writeFileSync(users, 'admin adminpw write\nviewer viewerpw\n');
  await vc.init();
  await vc.addNodes();
});
test.after.always(async () => { await vc?.stop(); });

/** Runs a Python snippet with `c` (an admin client) and `wait(job)` defined; returns its stdout. */
async function py(t: { fail(m: string): void }, body: string): Promise<string> {
  const script = `
import sys, json
from ganeti.rapi import client
c = client.GanetiRapiClient("${PREFIX}.10", port=5080, username="admin", password="adminpw",
                            curl_config_fn=client.GenericCurlConfig(verify_hostname=False))
def wait(job):
    assert c.WaitForJobCompletion(job, period=0.2, retries=600), "job %s failed: %s" % (job, c.GetJobStatus(job))
    return c.GetJobStatus(job)
${body}
`;
  const r = await run(PYTHON, ['-c', script], { timeoutMs: 120_000 });
  if (r.code !== 0) t.fail(`python client failed:\n${r.stdout}\n${r.stderr}\n${vc.logs()}`);
  return r.stdout;
}

test.before(() => {
  if (!existsSync(PYTHON)) throw new Error('python3 not found: run tools/setup/install-deps.sh (python3-ganeti-rapi)');
});

test.serial('the server is up and announces node migration and evacuation bodies', async (t) => {
  for (let i = 0; i < 60; i++) {
    const r = await run('curl', ['-sk', '-m', '2', `${URL}/version`]);
    if (r.stdout.trim() === '2') break;
    await new Promise((res) => setTimeout(res, 500));
  }
  const out = await py(t, 'print(json.dumps(sorted(c.GetFeatures())))');
  t.deepEqual(JSON.parse(out), ['instance-create-reqv1', 'instance-reinstall-reqv1', 'node-evac-res1', 'node-migrate-reqv1']);
});

test.serial('tags: cluster, node and instance tags are added, listed and deleted', async (t) => {
  await vc.ok(t, ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=32', '--no-name-check', '--no-ip-check', '-n', 'node1', 'i1']);
  await py(t, `
wait(c.AddClusterTags(["env:lab", "rack1"]))
assert sorted(c.GetClusterTags()) == ["env:lab", "rack1"], c.GetClusterTags()
wait(c.DeleteClusterTags(["rack1"]))
wait(c.AddNodeTags("node2", ["ssd"]))
wait(c.AddInstanceTags("i1", ["web", "prod"]))
wait(c.DeleteInstanceTags("i1", ["prod"]))
assert c.GetInstanceTags("i1") == ["web"], c.GetInstanceTags("i1")
bad = c.AddInstanceTags("i1", ["bad tag"])
assert not c.WaitForJobCompletion(bad, period=0.2, retries=600), "a job adding an invalid tag succeeded"
assert "invalid characters" in str(c.GetJobStatus(bad)["opresult"]), c.GetJobStatus(bad)
assert c.GetInstanceTags("i1") == ["web"], c.GetInstanceTags("i1")
`);
  t.is((await vc.ok(t, ['gnt-cluster', 'list-tags'])).trim(), 'env:lab');
  t.is((await vc.ok(t, ['gnt-node', 'list-tags', 'node2'])).trim(), 'ssd');
  t.is((await vc.ok(t, ['gnt-instance', 'list-tags', 'i1'])).trim(), 'web');
});

test.serial('groups: create, assign a node, modify, tag, rename and remove', async (t) => {
  await py(t, `
wait(c.CreateGroup("rack2", alloc_policy="last_resort"))
wait(c.AssignGroupNodes("rack2", ["node3"], force=True))
wait(c.ModifyGroup("rack2", alloc_policy="preferred"))
wait(c.AddGroupTags("rack2", ["cold"]))
g = c.GetGroup("rack2")
assert g["node_list"] == ["node3"] and g["alloc_policy"] == "preferred" and g["tags"] == ["cold"], g
wait(c.RenameGroup("rack2", "rack3"))
`);
  t.regex(await vc.ok(t, ['gnt-group', 'list', '--no-headers', '-o', 'name,node_cnt,alloc_policy']), /rack3\s+1\s+preferred/);
  await py(t, `
wait(c.AssignGroupNodes("default", ["node3"], force=True))
wait(c.DeleteGroup("rack3"))
assert sorted(g["name"] for g in c.GetGroups(bulk=True)) == ["default"], c.GetGroups()
`);
});

test.serial('networks: create, connect, tag, disconnect and remove', async (t) => {
  await py(t, `
wait(c.CreateNetwork("lan", "10.9.0.0/24", gateway="10.9.0.1"))
wait(c.ConnectNetwork("lan", "default", "bridged", "br9"))
wait(c.AddNetworkTags("lan", ["office"]))
n = c.GetNetwork("lan")
assert n["network"] == "10.9.0.0/24" and n["gateway"] == "10.9.0.1" and n["tags"] == ["office"], n
assert n["group_list"] and "default" in str(n["group_list"]), n
wait(c.ModifyNetwork("lan", add_reserved_ips=["10.9.0.5"]))
`);
  t.regex(await vc.ok(t, ['gnt-network', 'info', 'lan']), /br9/);
  await py(t, `
wait(c.DisconnectNetwork("lan", "default"))
wait(c.DeleteNetwork("lan"))
assert c.GetNetworks() == [], c.GetNetworks()
`);
  t.is((await vc.ok(t, ['gnt-network', 'list', '--no-headers'])).trim(), '');
});

test.serial('instances-multi-alloc creates every instance, placed by hail', async (t) => {
  await py(t, `
insts = [c.InstanceAllocation("create", n, "diskless", [], [{}], os="dummy", beparams={"memory": 32},
                              name_check=False, ip_check=False) for n in ("m1", "m2", "m3")]
job = c.InstancesMultiAlloc(insts, iallocator="hail")
st = wait(job)
assert st["ops"][0]["OP_ID"] == "OP_INSTANCE_MULTI_ALLOC", st["ops"][0]
# Ganeti's ResultWithJobs: the placed instances, the unplaceable ones, one creation job each.
res = st["opresult"][0]
assert sorted(res["allocatable"]) == ["m1", "m2", "m3"] and res["failed"] == [], res
assert len(res["jobs"]) == 3, res
for ok, sub in res["jobs"]:
    assert ok, sub
    wait(sub)
`);
  const list = await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'name,status', 'm1', 'm2', 'm3']);
  t.deepEqual(list.trim().split('\n').map((l) => l.trim().split(/\s+/)), [['m1', 'running'], ['m2', 'running'], ['m3', 'running']]);
});

test.serial('node role, migrate and evacuate empty a node of its primaries', async (t) => {
  for (const i of ['v1', 'v2']) {
    await vc.ok(t, ['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=32', '--no-name-check', '--no-ip-check', '-n', 'node2', i]);
  }
  await py(t, `
wait(c.SetNodeRole("node3", "drained"))
assert c.GetNodeRole("node3") == "drained", c.GetNodeRole("node3")
def wait_node_job(job):
    # OP_NODE_MIGRATE/EVACUATE end once they queued one job per instance (Ganeti's result lists them).
    for ok, sub in wait(job)["opresult"][0]["jobs"]:
        assert ok, sub
        wait(sub)
wait_node_job(c.MigrateNode("node2", mode="live", iallocator="hail"))
assert c.GetNode("node2")["pinst_cnt"] == 0, c.GetNode("node2")
wait(c.SetNodeRole("node3", "regular"))
assert c.GetNodeRole("node3") == "regular"
wait_node_job(c.EvacuateNode("node1", iallocator="hail", mode="primary-only"))
assert c.GetNode("node1")["pinst_cnt"] == 0, c.GetNode("node1")
# As in Ganeti, an empty node's evacuation is a job that queues nothing.
assert wait(c.EvacuateNode("node1", iallocator="hail", mode="primary-only"))["opresult"][0]["jobs"] == []
`);
  const pnodes = await vc.ok(t, ['gnt-instance', 'list', '--no-headers', '-o', 'pnode']);
  t.false(pnodes.split('\n').some((l) => l.trim() === 'node1'), 'node1 keeps no primary instance');
});
