// Original file: proto/ganeti/node.proto


export interface ExportGrantRequest {
  'area'?: (string);
  'name'?: (string);
  'node'?: (string);
  'cert_digests'?: (string)[];
  'ttl_seconds'?: (number);
}

export interface ExportGrantRequest__Output {
  'area': (string);
  'name': (string);
  'node': (string);
  'cert_digests': (string)[];
  'ttl_seconds': (number);
}
