// proto-lite against protobufjs (what the daemons use, through proto-loader): the same
// bytes decode to the same objects both ways, for every kind of field the protos have.
import test from 'ava';
import protobuf from 'protobufjs/light.js';
import descriptor from '../../../proto/generated/descriptor.json' with { type: 'json' };
import { ProtoCodec } from '../../../daemons/common/proto-lite.js';

const lite = new ProtoCodec(descriptor);
const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: String, bytes: Buffer as unknown as typeof String,
  defaults: true, arrays: true, objects: true, oneofs: true };
const pbEncode = (type: string, obj: object) => {
  const t = root.lookupType(`ganeti.${type}`);
  return Buffer.from(t.encode(t.fromObject(obj)).finish());
};
const pbDecode = (type: string, buf: Buffer) => {
  const t = root.lookupType(`ganeti.${type}`);
  return t.toObject(t.decode(buf), TO_OBJECT);
};

const CASES: [string, Record<string, unknown>][] = [
  ['SubmitJobsRequest', { jobs: [{ ops_json: '[{"OP_ID":"OP_TEST_DELAY"}]' }, { ops_json: 'ü€' }] }],
  ['SubmitJobsResponse', { results: [{ ok: true, job_id: 12345678901 }, { ok: false, error: { class: 'OpPrereqError', message: 'no', ecode: 'wrong_input' } }] }],
  ['JobChange', { job_id: 7, status: 'running', log: [{ serial: 3, timestamp: 1764700000.25, type: 'message', message: 'hi' }] }],
  ['ChangePriorityRequest', { job_id: 1, priority: -10 }],
  ['QueryResponse', { fields: [{ name: 'name', title: 'Node', kind: 'text', doc: '' }], rows: [{ cells: [{ status: 0, value_json: '"node1"' }, { status: 4 }] }] }],
  ['WatcherPauseResponse', { until: 0 }],
  ['AutoArchiveResponse', { archived: 2 ** 40, left: 0 }],
  ['WriteSsconfRequest', { values: { master_node: 'node1', cluster_name: 'cluster' } }],
  ['InstanceListRequest', { hypervisors: ['fake', 'kvm'] }],
  ['Empty', {}],
];

for (const [type, obj] of CASES) {
  test(`${type}: proto-lite and protobufjs agree both ways`, (t) => {
    const ours = lite.encode(type, obj);
    t.deepEqual(pbDecode(type, ours), pbDecode(type, pbEncode(type, obj)), 'protobufjs reads our bytes');
    t.deepEqual(lite.decode(type, pbEncode(type, obj)), pbDecode(type, pbEncode(type, obj)), 'we read protobufjs bytes');
  });
}

test('absent fields decode to their defaults, unknown fields are skipped', (t) => {
  const r = lite.decode('SubmitResult', Buffer.from([0x08, 0x01, 0xf8, 0x01, 0x05]));  // ok=1, field 31 varint
  t.deepEqual(r, { ok: true, job_id: 0, error: null });
});

test('bad input is refused, not misread', (t) => {
  t.throws(() => lite.decode('JobSubmission', Buffer.from([0x0a, 0x05, 0x61])), { message: /truncated/ });
  t.throws(() => lite.encode('SubmitJobsRequest', { jobs: 'x' }), { message: /array expected/ });
  t.throws(() => lite.encode('NoSuchMessage', {}), { message: /no message type/ });
});

test('keepEncoding: an entry encoded once is copied into every message that holds it, as a fresh encoding would be', (t) => {
  const entries = Array.from({ length: 3 }, (_, i) =>
    ({ name: `i${i}`, state: 'running', memory: 64 * (i + 1), vcpus: 1, hypervisor: 'fake', console_json: '' }));
  const fresh = lite.encode('InstanceListResponse', { instances: entries });
  const kept = entries.map((e) => lite.keepEncoding('InstanceRuntime', { ...e }));
  t.deepEqual(Object.keys(kept[0]!), Object.keys(entries[0]!), 'the kept bytes are not an enumerable field');
  t.deepEqual(lite.encode('InstanceListResponse', { instances: kept }), fresh);
  kept[1]!.memory = 1;   // the kept bytes are what is sent (the caller promised no change)
  t.deepEqual(lite.decode('InstanceListResponse', lite.encode('InstanceListResponse', { instances: kept })),
    lite.decode('InstanceListResponse', fresh));
});

test('a large bytes field is sent by reference: encodeParts joins to encode(), without a copy of it', (t) => {
  const full = Buffer.alloc(300_000, 0x7b);
  const req = { full, full_serial: 42, deltas: ['{"a":1}', '{"b":2}'] };
  const parts = lite.encodeParts('ConfigDeltasRequest', req);
  const joined = Buffer.concat(parts);
  t.true(joined.equals(lite.encode('ConfigDeltasRequest', req)));
  t.true(joined.equals(pbEncode('ConfigDeltasRequest', req)));
  t.true(parts.some((p) => p.buffer === full.buffer && p.length === full.length), 'the payload is one of the pieces, not a copy');
  // Small ones are still copied into the writer's own buffer.
  const small = Buffer.alloc(100, 1);
  t.false(lite.encodeParts('ConfigDeltasRequest', { full: small }).some((p) => p.buffer === small.buffer));
});
