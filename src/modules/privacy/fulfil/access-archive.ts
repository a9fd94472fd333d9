import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { RetentionRule, SubjectRecord } from '../../../platform/privacy/record-kinds.ts';

/** Thrown when an access archive would exceed the profile's limit; staff then answer in parts. */
export class AccessArchiveTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly limitBytes: number,
  ) {
    super(`The access archive would hold ${bytes} bytes, more than the limit of ${limitBytes}.`);
    this.name = 'AccessArchiveTooLargeError';
  }
}

/** One kind of record as the archive holds it. */
export interface ArchivedKind {
  name: string;
  /** The kind's label and purpose in English, for `data.json`. */
  label: string;
  purpose: string;
  rule: RetentionRule;
  records: readonly SubjectRecord[];
}

/** A file of a record with its place in the zip. */
export interface PlacedFile {
  name: string;
  mediaType: string;
  path: string;
  bytes: Uint8Array;
}

/**
 * A name safe as one segment of a path in a zip: letters, digits and `. _ -` kept, everything else
 * (slashes, `..`, control characters) replaced, never empty, at most 120 characters.
 */
export function safeSegment(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^[. ]+/, '')
    .slice(0, 120)
    .trim();
  return cleaned === '' ? '_' : cleaned;
}

/** Each record's files with a unique place `files/<kind>/<record id>/<name>`. */
export function placeFiles(kind: string, record: SubjectRecord): PlacedFile[] {
  const used = new Set<string>();
  return (record.files ?? []).map((file, index) => {
    let name = safeSegment(file.name);
    if (used.has(name)) name = `${index + 1}-${name}`;
    used.add(name);
    return { name: file.name, mediaType: file.mediaType, path: `files/${safeSegment(kind)}/${safeSegment(record.id)}/${name}`, bytes: file.bytes };
  });
}

/** The machine-readable part of the archive (`data.json`): the portable copy of the person's data. */
export function archiveData(input: { reference: string; generatedAt: string; kinds: readonly ArchivedKind[] }): unknown {
  return {
    reference: input.reference,
    generatedAt: input.generatedAt,
    kinds: input.kinds.map((kind) => ({
      name: kind.name,
      label: kind.label,
      purpose: kind.purpose,
      rule: kind.rule,
      records: kind.records.map((record) => ({
        id: record.id,
        createdAt: record.createdAt,
        fields: record.fields,
        files: placeFiles(kind.name, record).map((f) => ({ name: f.name, mediaType: f.mediaType, size: f.bytes.byteLength, path: f.path })),
      })),
    })),
  };
}

/**
 * Writes the zip: `data.json`, `index.html`, `README.txt`, then each file streamed into it. The
 * sizes are checked before anything is compressed, and the output is counted as it comes, so that
 * an archive over `limitBytes` stops with {@link AccessArchiveTooLargeError} rather than filling
 * memory; the finished zip is joined once.
 */
export async function writeArchiveZip(input: {
  dataJson: string;
  indexHtml: string;
  readme: string;
  files: readonly PlacedFile[];
  generatedAt: string;
  limitBytes: number;
}): Promise<Uint8Array> {
  const texts = [input.dataJson, input.indexHtml, input.readme].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const planned = input.files.reduce((sum, file) => sum + file.bytes.byteLength, texts);
  if (planned > input.limitBytes) throw new AccessArchiveTooLargeError(planned, input.limitBytes);
  const zip = new yazl.ZipFile();
  const mtime = new Date(input.generatedAt);
  zip.addBuffer(Buffer.from(input.dataJson, 'utf8'), 'data.json', { mtime });
  zip.addBuffer(Buffer.from(input.indexHtml, 'utf8'), 'index.html', { mtime });
  zip.addBuffer(Buffer.from(input.readme, 'utf8'), 'README.txt', { mtime });
  for (const file of input.files)
    zip.addReadStream(Readable.from([Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength)]), file.path, {
      mtime,
      size: file.bytes.byteLength,
    });
  zip.end();
  const chunks: Buffer[] = [];
  let written = 0;
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) {
    written += chunk.length;
    // Deflate can grow data it cannot compress, by a few bytes per block: the limit holds for the zip too.
    if (written > input.limitBytes) throw new AccessArchiveTooLargeError(written, input.limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, written);
}
