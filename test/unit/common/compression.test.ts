// The compression tools of backups: the cluster's list (its config field, else Ganeti's
// default) decides what an export may use; each known tool is one filter command.
import test from 'ava';
import { clusterCompressionTools, compressionCommand, compressionRefusal } from '../../../daemons/common/compression.js';
import { DEFAULT_COMPRESSION_TOOLS } from '../../../daemons/common/objects.js';

test('the cluster config field compression_tools is honoured when present, else the default', (t) => {
  t.deepEqual(clusterCompressionTools({}), DEFAULT_COMPRESSION_TOOLS);
  t.deepEqual(clusterCompressionTools({ compression_tools: ['lzop'] }), ['lzop']);
  t.deepEqual(clusterCompressionTools({ compression_tools: 'gzip' }), DEFAULT_COMPRESSION_TOOLS, 'a malformed field is not trusted');
});

test('none is always allowed; a tool must be on the cluster list and known', (t) => {
  t.is(compressionRefusal('none', []), null);
  t.is(compressionRefusal('gzip-fast', DEFAULT_COMPRESSION_TOOLS), null);
  t.is(compressionRefusal('lzop', DEFAULT_COMPRESSION_TOOLS), "Compression tool 'lzop' is not allowed on this cluster (allowed: none, gzip, gzip-fast, gzip-slow)");
  t.is(compressionRefusal('lzop', ['gzip', 'lzop']), null);
  t.regex(compressionRefusal('mytool', ['mytool'])!, /Compression tool 'mytool' is not supported \(supported: none, gzip, gzip-fast, gzip-slow, lzop\)/);
});

test('each tool is a filter: compress and decompress arguments', (t) => {
  t.deepEqual(compressionCommand('gzip-fast', 'compress'), ['gzip', '-1', '-c']);
  t.deepEqual(compressionCommand('gzip-slow', 'compress'), ['gzip', '-9', '-c']);
  t.deepEqual(compressionCommand('lzop', 'decompress'), ['lzop', '-dc']);
  t.throws(() => compressionCommand('xz', 'compress'), { message: /Unknown compression tool 'xz'/ });
});
