// Original file: proto/ganeti/master.proto


export interface WatcherPauseRequest {
  'until'?: (number | string);
}

export interface WatcherPauseRequest__Output {
  'until': (number);
}
