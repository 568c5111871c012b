// Original file: proto/ganeti/master.proto


export interface WatcherPauseResponse {
  'until'?: (number | string);
}

export interface WatcherPauseResponse__Output {
  'until': (number);
}
