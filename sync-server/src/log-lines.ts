/**
 * zero-cache's output as Chorus shows it: every line passes through unchanged
 * but the known harmless ones, which would look like failures to a person
 * starting Chorus for the first time.
 *
 * On a fresh data dir, zero-cache's change-streamer publishes a replication
 * status event while the initial sync is still creating the SQLite replica;
 * reading `_zero.tableMetadata` before it exists fails, and zero-cache warns
 * with the SQLite error and its whole stack (one long JSON line), then sends
 * the event without its table list. Nothing is wrong and sync goes on
 * (`replication-status.js` in @rocicorp/zero 1.9).
 */
const FIRST_SYNC_STATUS =
  /Unable to create full ReplicationStatusEvent .*no such table: _zero\.tableMetadata/;

export const FIRST_SYNC_NOTE =
  'initial sync: the replica is still being created, so its first status report has no table list (harmless, first run only)';

/** The line to show for one line of zero-cache's output; `undefined` hides it. */
export function zeroCacheLogLine(line: string): string | undefined {
  if (!line.trim()) return undefined;
  if (FIRST_SYNC_STATUS.test(line)) return FIRST_SYNC_NOTE;
  return line;
}

/**
 * Splits a stream's chunks into whole lines: a chunk may end mid-line (a
 * long warning with a stack is more than one pipe read), and half a line
 * would slip past {@link zeroCacheLogLine}.
 */
export function lineSplitter(onLine: (line: string) => void): {
  push: (chunk: Buffer | string) => void;
  end: () => void;
} {
  let rest = '';
  return {
    push(chunk) {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    end() {
      if (rest) onLine(rest);
      rest = '';
    },
  };
}
