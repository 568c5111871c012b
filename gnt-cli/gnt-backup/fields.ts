// The export fields (Ganeti's QR_EXPORT): node and export name.
export interface ExportField { name: string; title: string; kind: string; doc: string }
export const EXPORT_FIELDS: readonly ExportField[] = [
  { name: 'export', title: 'Export', kind: 'Text', doc: 'Export name' },
  { name: 'node', title: 'Node', kind: 'Text', doc: 'Node name' },
];
export const DEFAULT_EXPORT_FIELDS = ['node', 'export'];
