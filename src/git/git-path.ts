import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';

/*
 * File names as git stores them are bytes, not text. A name that is not valid UTF-8 must stay
 * distinct from every other name (two such names decoded with replacement characters would
 * become one file), so each byte that is not part of a valid UTF-8 sequence becomes the lone
 * surrogate U+DC80..U+DCFF (Python's "surrogateescape"), which no valid name can contain and
 * which encodes back to the same byte.
 */

/** A path's bytes as a string; lossless, and the plain UTF-8 text for every valid name. */
export function decodeGitPath(bytes: Buffer): string {
  let text = '';
  let start = 0;
  let index = 0;
  while (index < bytes.length) {
    const length = validSequenceLength(bytes, index);
    if (length > 0) {
      index += length;
      continue;
    }
    text += bytes.toString('utf8', start, index) + String.fromCharCode(0xdc00 + (bytes[index] ?? 0));
    index += 1;
    start = index;
  }
  return text + bytes.toString('utf8', start, index);
}

/** The bytes of a path from `decodeGitPath` (escaped bytes come back as themselves). */
export function encodeGitPath(path: string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let index = 0; index < path.length; index++) {
    const code = path.charCodeAt(index);
    if (code < 0xdc80 || code > 0xdcff) continue;
    const previous = index > 0 ? path.charCodeAt(index - 1) : 0;
    if (previous >= 0xd800 && previous <= 0xdbff) continue; // the low half of a real pair
    parts.push(Buffer.from(path.slice(start, index), 'utf8'), Buffer.from([code - 0xdc00]));
    start = index + 1;
  }
  if (parts.length === 0) return Buffer.from(path, 'utf8');
  parts.push(Buffer.from(path.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** A repo-relative path joined to the root in a form `fs` opens: a Buffer when the name is not UTF-8. */
export function toFileSystemPath(root: string, path: string): string | Buffer {
  const joined = join(root, path);
  return /[\udc80-\udcff]/.test(path) ? encodeGitPath(joined) : joined;
}

/** NUL-separated git output (`-z`) as decoded fields; empty fields dropped. */
export function splitNulPaths(output: Buffer): string[] {
  // Almost always all UTF-8: then every field is, and one decode of the whole listing gives
  // the same strings as decoding field by field (NUL never occurs inside a UTF-8 sequence).
  if (isUtf8(output)) return output.toString('utf8').split('\0').filter((field) => field !== '');
  const fields: string[] = [];
  let start = 0;
  for (let end = output.indexOf(0, start); end >= 0; end = output.indexOf(0, start)) {
    if (end > start) fields.push(decodeGitPath(output.subarray(start, end)));
    start = end + 1;
  }
  if (start < output.length) fields.push(decodeGitPath(output.subarray(start)));
  return fields;
}

/** Length of the valid UTF-8 sequence at `index`, or 0 when the byte there starts none. */
function validSequenceLength(bytes: Buffer, index: number): number {
  const first = bytes[index] ?? 0;
  if (first < 0x80) return 1;
  const continuation = (offset: number, low = 0x80, high = 0xbf): boolean => {
    const byte = bytes[index + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
  if (first === 0xe0) return continuation(1, 0xa0) && continuation(2) ? 3 : 0;
  if (first === 0xed) return continuation(1, 0x80, 0x9f) && continuation(2) ? 3 : 0;
  if (first >= 0xe1 && first <= 0xef) return continuation(1) && continuation(2) ? 3 : 0;
  if (first === 0xf0) return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0;
  if (first >= 0xf1 && first <= 0xf3) return continuation(1) && continuation(2) && continuation(3) ? 4 : 0;
  if (first === 0xf4) return continuation(1, 0x80, 0x8f) && continuation(2) && continuation(3) ? 4 : 0;
  return 0;
}
