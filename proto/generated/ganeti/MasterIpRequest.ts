// Original file: proto/ganeti/node.proto


export interface MasterIpRequest {
  'netdev'?: (string);
  'ip'?: (string);
  'netmask'?: (number);
  'ip_version'?: (number);
  'use_external_mip_script'?: (boolean);
}

export interface MasterIpRequest__Output {
  'netdev': (string);
  'ip': (string);
  'netmask': (number);
  'ip_version': (number);
  'use_external_mip_script': (boolean);
}
