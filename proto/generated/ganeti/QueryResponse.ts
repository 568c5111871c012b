// Original file: proto/ganeti/master.proto

import type { FieldDefinition as _ganeti_FieldDefinition, FieldDefinition__Output as _ganeti_FieldDefinition__Output } from '../ganeti/FieldDefinition.js';
import type { Row as _ganeti_Row, Row__Output as _ganeti_Row__Output } from '../ganeti/Row.js';

export interface QueryResponse {
  'fields'?: (_ganeti_FieldDefinition)[];
  'rows'?: (_ganeti_Row)[];
  'rows_json'?: (string);
  'objects_json'?: (string);
  'objects_tag'?: (string);
  'columns_json'?: (string);
  'table_text'?: (string);
  'table_lines'?: (number);
  'table_status'?: (string);
}

export interface QueryResponse__Output {
  'fields': (_ganeti_FieldDefinition__Output)[];
  'rows': (_ganeti_Row__Output)[];
  'rows_json': (string);
  'objects_json': (string);
  'objects_tag': (string);
  'columns_json': (string);
  'table_text': (string);
  'table_lines': (number);
  'table_status': (string);
}
