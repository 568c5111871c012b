import test from 'ava';
import { resolvePaths } from '../../../daemons/common/paths.js';
import { errorMapping, formatFailure, decodeError, encodeError, OpPrereqError } from '../../../daemons/common/errors.js';
import { parseUnit } from '../../../daemons/common/units.js';

test('virtual node paths live under the node root; the cluster dir is its parent', (t) => {
  const p = resolvePaths({ GANETI_ROOTDIR: '/tmp/vc/node2', GANETI_HOSTNAME: 'node2' });
  t.is(p.clusterConfFile, '/tmp/vc/node2/var/lib/ganeti/config.data');
  t.is(p.clusterDir, '/tmp/vc');
  t.is(p.hostsFile, '/tmp/vc/hosts');
  t.is(p.forNode('node3').ssconfFile('master_node'), '/tmp/vc/node3/var/lib/ganeti/ssconf_master_node');
  t.is(p.local('/srv/ganeti/file-storage/x'), '/tmp/vc/node2/srv/ganeti/file-storage/x');
});

test('a real node uses the system paths', (t) => {
  const p = resolvePaths({}, 'host1');
  t.is(p.masterSocket, '/var/run/ganeti/socket/ganeti-master');
  t.is(p.hostsFile, '/etc/hosts');
  t.is(p.local('/srv/x'), '/srv/x');
});

test('the virtual-cluster rules are enforced', (t) => {
  t.throws(() => resolvePaths({ GANETI_ROOTDIR: '/tmp/vc/node2' }), { message: /must be set together/ });
  t.throws(() => resolvePaths({ GANETI_ROOTDIR: 'rel/node2', GANETI_HOSTNAME: 'node2' }), { message: /absolute/ });
  t.throws(() => resolvePaths({ GANETI_ROOTDIR: '/tmp/vc/node2', GANETI_HOSTNAME: 'node3' }), { message: /must end in the host name/ });
});

test('errors map to statuses, exit codes and Ganeti\'s failure text; they survive the wire', (t) => {
  const e = new OpPrereqError('Instance x not known', { ecode: 'unknown_entity' });
  t.deepEqual(errorMapping(e), { status: 5, exit: 1 });
  t.is(formatFailure(e), 'Failure: prerequisites not met for this operation:\nerror type: unknown_entity, error details:\nInstance x not known');
  const back = decodeError(encodeError(e));
  t.is(back.name, 'OpPrereqError');
  t.is(back.ecode, 'unknown_entity');
  t.is(errorMapping({ name: 'ConfigurationError' }).exit, 2);
  t.is(errorMapping({ name: 'NotMasterError' }).exit, 11);
});

test('sizes parse like Ganeti with units', (t) => {
  t.is(parseUnit('512'), 512);
  t.is(parseUnit('1G'), 1024);
  t.is(parseUnit('1.5t'), 1572864);
  t.throws(() => parseUnit('12Q'), { message: /Invalid size '12Q'/ });
});
