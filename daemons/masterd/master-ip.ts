// The master IP's parameters as the nodes' setup script gets them (Ganeti's
// GetMasterNetworkParameters): used by gnt-cluster activate/deactivate-master-ip and by
// master-failover, which takes the address down on the old master and up on the new one.
import { isIP } from 'node:net';
import type { ClusterConfig } from '../common/objects.js';

export function masterIpParams(cfg: Readonly<ClusterConfig>) {
  const cl = cfg.cluster;
  return {
    netdev: cl.master_netdev, ip: cl.master_ip, netmask: cl.master_netmask,
    ip_version: isIP(cl.master_ip) || 4, use_external_mip_script: cl.use_external_mip_script ?? false,
  };
}
