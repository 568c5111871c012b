// gnt-instance list: the instance query as a table; tags, disk sizes, NIC lists and
// secondary nodes comma-joined as Ganeti does.
import { listVerb } from '../framework/generic-list.js';

const JOINED = ['tags', 'disk.sizes', 'nic.macs', 'nic.ips', 'nic.modes', 'nic.links', 'nic.bridges', 'nic.networks',
  'snodes', 'snodes.group', 'snodes.group.uuid'];

export const verb = listVerb({
  resource: 'instance',
  defaultFields: ['name', 'hypervisor', 'os', 'pnode', 'status', 'oper_ram'],
  joined: JOINED,
});
