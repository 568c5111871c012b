// Answers sent again unchanged (a kept table's Query answer) are encoded once; every other
// answer is encoded afresh, so a changed answer is never sent with stale bytes.
import test from 'ava';
import { keepingEncodings, sentAgain } from '../../../daemons/masterd/encoded-answers.js';
import { loadServices } from '../../../daemons/common/rpc.js';

test('a marked answer is encoded once and decodes as itself; unmarked ones every time', (t) => {
  const query = loadServices().ganeti.Master.service.Query;
  let encodings = 0;
  const serialize = keepingEncodings((v: unknown) => { encodings++; return query.responseSerialize(v as never); });
  const kept = sentAgain({ rows: [], rows_json: '', fields: [], table_text: 'Instance Status\ninst1    running', table_lines: 2, table_status: 'normal' });
  const first = serialize(kept);
  t.is(serialize(kept), first, 'the very bytes');
  t.is(encodings, 1);
  t.like(query.responseDeserialize(first), { table_text: kept.table_text, table_lines: 2, table_status: 'normal' });
  const fresh = { ...kept, table_text: 'Instance Status\ninst1    ADMIN_down' };
  serialize(fresh);
  serialize(fresh);
  t.is(encodings, 3, 'an answer not marked is encoded each time');
});
