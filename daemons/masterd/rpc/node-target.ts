// Where the master reaches a node: its name (the TLS identity) and primary address.
import type { Node } from '../../common/objects.js';
import type { NodeTarget } from './node-rpc.js';

export function nodeTarget(node: Node): NodeTarget {
  return { name: node.name, ip: node.primary_ip, offline: node.offline };
}
