import { GitError } from '../shared/errors.js';
import type { Git } from './git.js';

/** One `Key: value` line from a commit message's trailer block, as git parsed it. */
export interface CommitTrailer {
  /** The key as written in the message (`Co-authored-by`, `Co-Authored-By`, ...). */
  key: string;
  /** The value with folded continuation lines joined by single spaces. */
  value: string;
}

/** A raw identity from a commit object; `.mailmap` is not applied. */
export interface CommitPerson {
  name: string;
  email: string;
}

/** What provenance checks need from one commit: identities and trailers, never the diff. */
export interface CommitInfo {
  sha: string;
  /** The subject line (git's `%s`: the first paragraph joined into one line). */
  subject: string;
  author: CommitPerson;
  committer: CommitPerson;
  /** In message order; duplicates are kept. */
  trailers: CommitTrailer[];
}

/**
 * Fields are NUL-separated (a commit message cannot hold NUL, so no text can fake a field),
 * each trailer is its own NUL-separated field, and a lone \x1e field closes the record. The
 * six header fields are read by position, so even a subject that is exactly "\x1e" is safe.
 */
const headerFields = 6;
const recordEnd = '\x1e';
const format = ['%H', '%s', '%an', '%ae', '%cn', '%ce', '%(trailers:only,unfold,separator=%x00)', '%x1e'].join('%x00');

/**
 * Commits reachable from head and not from base (git log base..head, oldest first), with
 * trailers parsed by git itself. Merge commits are included. Read-only.
 */
export async function readCommits(git: Git, baseSha: string, headSha: string): Promise<CommitInfo[]> {
  // --topo-order: parents always come before children once reversed, even when clocks lie.
  // --no-show-signature: `log.showSignature` would otherwise print gpg output into stdout.
  const output = await git.run(['log', '-z', '--topo-order', '--reverse', '--no-show-signature', `--format=${format}`, '--end-of-options', `${baseSha}..${headSha}`]);
  return parseLogOutput(output);
}

/** Splits `git log -z` output in the format above into commits. */
export function parseLogOutput(output: string): CommitInfo[] {
  const fields = output.split('\0');
  const commits: CommitInfo[] = [];
  let index = 0;
  // -z terminates the last record with NUL too, which leaves one empty field at the end.
  while (index < fields.length && !(index === fields.length - 1 && fields[index] === '')) {
    const header = fields.slice(index, index + headerFields);
    index += headerFields;
    const trailers: CommitTrailer[] = [];
    while (index < fields.length && fields[index] !== recordEnd) {
      const field = fields[index++] ?? '';
      if (field !== '') trailers.push(parseTrailer(field));
    }
    if (index >= fields.length || header.length < headerFields) throw unexpectedOutput('a commit record is cut short');
    index++;
    const [sha = '', subject = '', authorName = '', authorEmail = '', committerName = '', committerEmail = ''] = header;
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) throw unexpectedOutput(`"${sha.slice(0, 80)}" is not a commit sha`);
    commits.push({ sha, subject, author: { name: authorName, email: authorEmail }, committer: { name: committerName, email: committerEmail }, trailers });
  }
  return commits;
}

/**
 * git prints a parsed trailer as `<key>: <value>` whatever separator the message used
 * (`trailer.separators`), and a key is letters, digits and dashes only, so the first colon
 * always ends the key.
 */
function parseTrailer(field: string): CommitTrailer {
  const split = field.indexOf(':');
  if (split <= 0) throw unexpectedOutput(`trailer "${field.slice(0, 80)}" has no key`);
  return { key: field.slice(0, split).trim(), value: field.slice(split + 1).trim() };
}

function unexpectedOutput(detail: string): GitError {
  return new GitError(`git log printed output risk cannot read: ${detail}`, 'run `git --version`; risk needs git 2.22 or newer for %(trailers:separator=...)');
}
