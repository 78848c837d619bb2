import {describe, expect, it} from 'vitest';
import {FIRST_SYNC_NOTE, lineSplitter, zeroCacheLogLine} from './log-lines.ts';

/** Seen on the first `npm start` (a fresh data dir), from zero-cache 1.9's change-streamer. */
const firstSyncWarning =
  '2026-11-28T08:41:01.321+00:00 pid=19993,worker=change-streamer,workerIndex=0,initSchema=1e5btaj4acu Unable to create full ReplicationStatusEvent {"code":"SQLITE_ERROR","name":"SqliteError","errorMsg":"no such table: _zero.tableMetadata: \\n      SELECT \\"schema\\", \\"table\\" as \\"name\\", \\"minRowVersion\\" FROM \\"_zero.tableMetadata\\"\\n    ","stack":"SqliteError: no such table: _zero.tableMetadata: \\n      SELECT \\"schema\\", \\"table\\" as \\"name\\", \\"minRowVersion\\" FROM \\"_zero.tableMetadata\\"\\n    \\n    at Database.prepare (/work/main/node_modules/@rocicorp/zero-sqlite3/lib/methods/wrappers.js:5:21)\\n    at file:///work/main/node_modules/@rocicorp/zero/out/zqlite/src/db.js:33:15\\n    at #run (file:///work/main/node_modules/@rocicorp/zero/out/zqlite/src/db.js:68:11)\\n    at Database.prepare (file:///work/main/node_modules/@rocicorp/zero/out/zqlite/src/db.js:30:19)\\n    at TableMetadataTracker.getMinRowVersions (file:///work/main/node_modules/@rocicorp/zero/out/zero-cache/src/services/replicator/schema/table-metadata.js:80:57)\\n    at listTables (file:///work/main/node_modules/@rocicorp/zero/out/zero-cache/src/db/lite-tables.js:25:73)\\n    at computeZqlSpecs (file:///work/main/node_modules/@rocicorp/zero/out/zero-cache/src/db/lite-tables.js:105:38)\\n    at getReplicatedTables (file:///work/main/node_modules/@rocicorp/zero/out/zero-cache/src/services/replicator/replication-status.js:107:23)\\n    at replicationStatusEvent (file:///work/main/node_modules/@rocicorp/zero/out/zero-cache/src/services/replicator/replication-status.js:80:18)\\n    at file:///work/main/node_modules/@rocicorp/zero/out/zero-cache/src/services/replicator/replication-status.js:33:44"}';

describe('zeroCacheLogLine', () => {
  it('replaces the first-run replication status warning and its stack with one plain line', () => {
    const shown = zeroCacheLogLine(firstSyncWarning);
    expect(shown).toBe(FIRST_SYNC_NOTE);
    expect(shown).not.toMatch(/stack|at /);
  });

  it('passes every other line through unchanged, warnings and errors included', () => {
    for (const line of [
      '2026-11-28T08:41:01.321+00:00 pid=1,worker=syncer Unable to create full ReplicationStatusEvent {"errorMsg":"disk I/O error"}',
      '2026-11-28T08:41:02.000+00:00 pid=1,worker=dispatcher zero-cache ready',
      'Error: connect ECONNREFUSED 127.0.0.1:5432',
    ]) {
      expect(zeroCacheLogLine(line)).toBe(line);
    }
  });

  it('hides blank lines', () => {
    expect(zeroCacheLogLine('   ')).toBeUndefined();
  });
});

describe('lineSplitter', () => {
  it('joins a line split across chunks before it is judged', () => {
    const lines: string[] = [];
    const split = lineSplitter(line => lines.push(line));
    split.push(`first\n${firstSyncWarning.slice(0, 100)}`);
    split.push(`${firstSyncWarning.slice(100)}\nlast`);
    split.end();
    expect(lines).toEqual(['first', firstSyncWarning, 'last']);
  });
});
