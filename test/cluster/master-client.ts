// A raw client for the master socket, for tests that send what no gnt-* command would.
import * as grpc from '@grpc/grpc-js';
import { join } from 'node:path';
import { loadServices, unixAddress } from '../../daemons/common/rpc.js';
import type { MasterClient } from '../../proto/generated/ganeti/Master.js';

export function rawMaster(vcDir: string, node = 'node1'): MasterClient {
  const Ctor = loadServices().ganeti.Master;
  return new Ctor(unixAddress(join(vcDir, node, 'var/run/ganeti/socket/ganeti-master')), grpc.credentials.createInsecure());
}

export function submitRaw(client: MasterClient, opsJson: string[]): Promise<{ ok: boolean; job_id: number; error: { class: string; message: string } | null }[]> {
  return new Promise((resolve, reject) => {
    client.SubmitJobs({ jobs: opsJson.map((ops_json) => ({ ops_json })) }, (err, res) => (err ? reject(err) : resolve(res!.results as never)));
  });
}
