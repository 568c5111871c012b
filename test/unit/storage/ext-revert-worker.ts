// A separate process for ext.test.ts's interrupted revert: the test starts it under a file
// size limit (ulimit -f), so the revert's copy fails half-way as a full disk or a killed
// noded would leave it. Arguments: node root, disk JSON, snapshot logical_id JSON.
import { resolvePaths } from '../../../daemons/common/paths.js';
import { ExtStorage } from '../../../daemons/storage/ext.js';

const [root, disk, snap] = process.argv.slice(2) as [string, string, string];
const paths = resolvePaths({ GANETI_ROOTDIR: root, GANETI_HOSTNAME: 'node1' });
try {
  await new ExtStorage(paths).revert(JSON.parse(disk), JSON.parse(snap), {});
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
