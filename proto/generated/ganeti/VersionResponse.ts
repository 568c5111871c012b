// Original file: proto/ganeti/node.proto


export interface VersionResponse {
  'protocol_version'?: (number);
  'software_version'?: (string);
}

export interface VersionResponse__Output {
  'protocol_version': (number);
  'software_version': (string);
}
