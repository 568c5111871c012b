// Original file: proto/ganeti/node.proto

import type { ExportFile as _ganeti_ExportFile, ExportFile__Output as _ganeti_ExportFile__Output } from '../ganeti/ExportFile.js';

export interface ExportPrepareResponse {
  'files'?: (_ganeti_ExportFile)[];
}

export interface ExportPrepareResponse__Output {
  'files': (_ganeti_ExportFile__Output)[];
}
