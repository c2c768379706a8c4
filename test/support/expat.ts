import { spawnSync } from 'node:child_process';

/** What a parser made of a document: its elements in order, or that it refused it (and why). */
export type XmlReading =
  | { readonly read: true; readonly events: readonly XmlEvent[] }
  | { readonly read: false; readonly error: string };
export type XmlEvent = readonly ['open', string, Readonly<Record<string, string>>] | readonly ['close', string];

/**
 * Python's expat (the C library most XML readers are built on), one fresh parser per document, as
 * it comes: the encoding it detects or is told by the declaration, no namespace processing.
 * Documents arrive as base64 lines; each answer is a JSON line.
 */
const READER = `
import base64, json, sys, xml.parsers.expat as expat
for line in sys.stdin:
    events = []
    parser = expat.ParserCreate()
    parser.StartElementHandler = lambda name, attributes: events.append(['open', name, attributes])
    parser.EndElementHandler = lambda name: events.append(['close', name])
    try:
        parser.Parse(base64.b64decode(line), True)
        answer = {'read': True, 'events': events}
    except (expat.ExpatError, LookupError, UnicodeError) as error:  # an unknown encoding is a LookupError
        answer = {'read': False, 'error': f'{type(error).__name__}: {error}'}
    sys.stdout.write(json.dumps(answer) + '\\n')
`;

/** The version of expat python3 uses ("expat_2.5.0"), or why it cannot be asked on this machine. */
export function probeExpat(): { readonly version: string } | { readonly missing: string } {
  const probe = spawnSync('python3', ['-c', 'import xml.parsers.expat as e; print(e.EXPAT_VERSION)'], {
    encoding: 'utf8',
  });
  if (probe.error !== undefined) return { missing: `python3 cannot be run (${probe.error.message})` };
  if (probe.status !== 0) {
    return { missing: `python3 has no xml.parsers.expat (${probe.stderr.trim().split('\n').at(-1)})` };
  }
  return { version: probe.stdout.trim() };
}

/** Each document as expat reads it, in one python3 process. */
export function byExpat(documents: readonly Buffer[]): XmlReading[] {
  const run = spawnSync('python3', ['-c', READER], {
    input: documents.map((document) => `${document.toString('base64')}\n`).join(''),
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`python3 expat reader failed: ${run.stderr || run.error?.message}`);
  const lines = run.stdout.trimEnd().split('\n');
  if (lines.length !== documents.length) throw new Error(`expat answered ${lines.length} of ${documents.length}`);
  return lines.map((line) => JSON.parse(line) as XmlReading);
}
