// Original file: proto/ganeti/common.proto

export const RpcTimeout = {
  NORMAL: 'NORMAL',
  URGENT: 'URGENT',
  FAST: 'FAST',
  SLOW: 'SLOW',
  FOUR_HOURS: 'FOUR_HOURS',
  ONE_DAY: 'ONE_DAY',
} as const;

export type RpcTimeout =
  | 'NORMAL'
  | 0
  | 'URGENT'
  | 1
  | 'FAST'
  | 2
  | 'SLOW'
  | 3
  | 'FOUR_HOURS'
  | 4
  | 'ONE_DAY'
  | 5

export type RpcTimeout__Output = typeof RpcTimeout[keyof typeof RpcTimeout]
