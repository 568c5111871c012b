// Original file: proto/ganeti/common.proto


export interface Nic {
  'uuid'?: (string);
  'name'?: (string);
  'mac'?: (string);
  'ip'?: (string);
  'mode'?: (string);
  'link'?: (string);
  'vlan'?: (string);
  'network'?: (string);
}

export interface Nic__Output {
  'uuid': (string);
  'name': (string);
  'mac': (string);
  'ip': (string);
  'mode': (string);
  'link': (string);
  'vlan': (string);
  'network': (string);
}
