// Original file: proto/ganeti/common.proto


export interface Empty {
}

export interface Empty__Output {
}
