// Child of config-journal.test.ts: changes one instance after another on a journaled store
// with frequent compactions, reporting each change once update() resolved (acknowledged),
// until the parent kills it with SIGKILL.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nullLogger } from '../../../../daemons/common/log.js';
import { ConfigStore } from '../../../../daemons/masterd/config/config-store.js';

const path = process.argv[2]!;
const roundFile = join(dirname(path), 'round');
const round = existsSync(roundFile) ? readFileSync(roundFile, 'utf8') : '0';
const store = await ConfigStore.open(path, { log: nullLogger, journal: true, compactMinBytes: 4096 });
const uuids = Object.keys(store.get().instances);
for (let n = 0; ; n++) {
  // Several updates in flight share a flush; each is reported when it resolves.
  await Promise.all([0, 1, 2].map((k) => {
    const id = n * 3 + k;
    return store.update((c) => { c.instances[uuids[id % uuids.length]!]!.tags.push(`k${round}-${id}`); })
      .then(() => process.send!({ acked: id }));
  }));
}
