/**
 * Which packages a built chunk's bytes come from, read from its source map:
 * each mapping segment's generated span is charged to its source file, and
 * files are grouped by npm package (`node_modules/<pkg>`) or as `app`.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

/** Decodes one VLQ segment into its fields. */
function decodeSegment(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = DIGIT.get(ch) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export function packageOf(source: string): string {
  const i = source.lastIndexOf('node_modules/');
  if (i < 0) return 'app';
  const rest = source.slice(i + 'node_modules/'.length).split('/');
  return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
}

/** Bytes of `code` attributed to each package, largest first. */
export function bytesByPackage(code: string, map: {sources: string[]; mappings: string}): [string, number][] {
  const lines = code.split('\n');
  const totals = new Map<string, number>();
  let source = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    const length = lines[lineIndex]?.length ?? 0;
    let column = 0;
    let current: number | undefined;
    let start = 0;
    const charge = (end: number) => {
      if (current === undefined) return;
      const name = packageOf(map.sources[current] ?? '');
      totals.set(name, (totals.get(name) ?? 0) + Math.max(0, end - start));
    };
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = decodeSegment(segment);
      column += fields[0] ?? 0;
      charge(column);
      start = column;
      if (fields.length >= 4) {
        source += fields[1]!;
        current = source;
      } else {
        current = undefined;
      }
    }
    charge(length);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}
