// A forked process of the lease race (lease.test.ts): on each 'go' message it tries to take
// the named lease at once and reports whether it won. Separate processes, so the race goes
// through the kernel's O_EXCL, not through one event loop's ordering.
import { takeLease } from '../../../daemons/storage/lease.js';

const node = process.argv[2]!;
process.on('message', (m: { path: string }) => {
  let won = false;
  let error = '';
  try {
    takeLease(m.path, node, m.path);
    won = true;
  } catch (err) {
    error = (err as Error).message;
  }
  process.send!({ node, won, error });
});
process.send!({ ready: true });
