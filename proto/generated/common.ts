import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Disk as _ganeti_Disk, Disk__Output as _ganeti_Disk__Output } from './ganeti/Disk.js';
import type { Empty as _ganeti_Empty, Empty__Output as _ganeti_Empty__Output } from './ganeti/Empty.js';
import type { EncodedError as _ganeti_EncodedError, EncodedError__Output as _ganeti_EncodedError__Output } from './ganeti/EncodedError.js';
import type { Instance as _ganeti_Instance, Instance__Output as _ganeti_Instance__Output } from './ganeti/Instance.js';
import type { Nic as _ganeti_Nic, Nic__Output as _ganeti_Nic__Output } from './ganeti/Nic.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ganeti: {
    Disk: MessageTypeDefinition<_ganeti_Disk, _ganeti_Disk__Output>
    Empty: MessageTypeDefinition<_ganeti_Empty, _ganeti_Empty__Output>
    EncodedError: MessageTypeDefinition<_ganeti_EncodedError, _ganeti_EncodedError__Output>
    Instance: MessageTypeDefinition<_ganeti_Instance, _ganeti_Instance__Output>
    Nic: MessageTypeDefinition<_ganeti_Nic, _ganeti_Nic__Output>
    RpcTimeout: EnumTypeDefinition
  }
}

