/**
 * The shape of an approval on disk: tag names, tag messages and tag objects. Pure functions;
 * approvals.ts runs git.
 */

/** Every approval lives under `refs/tags/risk-approval/<full commit sha>/<signer slug>`. */
export const approvalTagPrefix = 'risk-approval/';

/** Which signature a tag object carries, by its armour line (as git's `get_format_by_sig`). */
export type SignatureKind = 'openpgp' | 'ssh' | 'x509';

const signatureMarkers: [string, SignatureKind][] = [
  ['-----BEGIN PGP SIGNATURE-----', 'openpgp'],
  ['-----BEGIN PGP MESSAGE-----', 'openpgp'],
  ['-----BEGIN SSH SIGNATURE-----', 'ssh'],
  ['-----BEGIN SIGNED MESSAGE-----', 'x509'],
];

/** One ref under refs/tags/risk-approval/, as `for-each-ref` lists it. */
export interface ApprovalRef {
  /** The tag name without `refs/tags/`. */
  tag: string;
  /** The commit the name claims to approve, when the name has the expected shape. */
  namedCommit: string | undefined;
  /** `tag` for an annotated tag; `commit` (or another type) for a lightweight one. */
  objectType: string;
  objectName: string;
  /** What an annotated tag points at (one level); the object itself for a lightweight tag. */
  target: string;
}

/** A parsed annotated tag object. */
export interface TagObject {
  object: string;
  type: string;
  /** The message without the signature: the part the signature covers, after the headers. */
  message: string;
  signature: SignatureKind | null;
}

/** The tag name for an approval of `commit` by `slug`. */
export function approvalTagName(commit: string, slug: string): string {
  return `${approvalTagPrefix}${commit}/${slug}`;
}

/** The message `risk approve` writes; `namedCommit` reads it back. */
export function approvalMessage(commit: string, note?: string): string {
  const trimmed = note?.trim();
  return `risk approval\n\ncommit ${commit}\n${trimmed ? `\n${trimmed}\n` : ''}`;
}

/** The commit an approval message names: `commit <sha>` on the third line after `risk approval`. */
export function namedCommit(message: string): string | undefined {
  const lines = message.split('\n');
  if (lines[0] !== 'risk approval' || lines[1] !== '') return undefined;
  return /^commit ([0-9a-f]{40}|[0-9a-f]{64})$/.exec(lines[2] ?? '')?.[1];
}

/**
 * A ref-safe, readable name for the signer (an email or a key fingerprint): only
 * `[a-z0-9._@+-]`, no `..`, no leading or trailing dot or dash, no `.lock` ending, so
 * `git check-ref-format` always accepts the tag name.
 */
export function signerSlug(signer: string): string {
  const slug = signer
    .toLowerCase()
    .replace(/[^a-z0-9._@+-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .slice(0, 80)
    .replace(/^[.-]+|[.-]+$/g, '')
    .replace(/\.lock$/, '-lock');
  return slug === '' ? 'unknown' : slug;
}

/** The format string for `for-each-ref` that `parseApprovalRefs` reads. */
export const approvalRefFormat = '%(refname)%00%(objecttype)%00%(objectname)%00%(*objectname)';

/** Parses `git for-each-ref --format=<approvalRefFormat> refs/tags/risk-approval/`. */
export function parseApprovalRefs(output: string): ApprovalRef[] {
  return output
    .split('\n')
    .filter((line) => line !== '')
    .flatMap((line) => {
      const [refname = '', objectType = '', objectName = '', peeled = ''] = line.split('\0');
      if (!refname.startsWith(`refs/tags/${approvalTagPrefix}`)) return [];
      const tag = refname.slice('refs/tags/'.length);
      const named = /^risk-approval\/([0-9a-f]{40}|[0-9a-f]{64})\/[^/]+$/.exec(tag)?.[1];
      return [{ tag, namedCommit: named, objectType, objectName, target: peeled === '' ? objectName : peeled }];
    });
}

/**
 * Parses a tag object. The signature starts at the last line that opens with a signature
 * marker, exactly where git cuts the signed payload, so the message read here is the one
 * the signature covers.
 */
export function parseTagObject(text: string): TagObject {
  const headerEnd = text.indexOf('\n\n');
  const headers = headerEnd < 0 ? text : text.slice(0, headerEnd);
  let body = headerEnd < 0 ? '' : text.slice(headerEnd + 2);
  let signature: SignatureKind | null = null;
  let offset = 0;
  let signatureStart = -1;
  for (const line of body.split('\n')) {
    const marker = signatureMarkers.find(([prefix]) => line.startsWith(prefix));
    if (marker) {
      signatureStart = offset;
      signature = marker[1];
    }
    offset += line.length + 1;
  }
  if (signatureStart >= 0) body = body.slice(0, signatureStart);
  const header = (name: string): string => new RegExp(`^${name} (.*)$`, 'm').exec(headers)?.[1] ?? '';
  return { object: header('object'), type: header('type'), message: body, signature };
}
