import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GitError, UsageError } from '../shared/errors.js';
import { createSignatureChecker, type Approver } from './approval-signatures.js';
import { approvalMessage, approvalRefFormat, approvalTagName, approvalTagPrefix, namedCommit, parseApprovalRefs, parseTagObject, signerSlug } from './approval-tags.js';
import type { ApprovalCheck, ApprovalStatus } from '../shared/types.js';
import type { Git } from '../git/git.js';
import { findCommitSha, hasRef, listCommitsBetween, listRefs, readConfigValue, readTagObject } from '../git/queries.js';
import { runSigningGit } from '../git/signing-git.js';

export type { Approver } from './approval-signatures.js';

export type { ApprovalCheck, ApprovalStatus } from '../shared/types.js';

/**
 * Verifies every risk-approval tag that names `headSha` (by tag name or target), plus approval
 * tags of other commits in base..head (reported as stale: 'other-commit'). Only a `valid`
 * result is a sign-off: an annotated tag pointing at exactly `headSha`, whose message names
 * it, whose signature git verifies, made by a key of one of `approvers`.
 */
export async function checkApprovals(git: Git, options: { headSha: string; baseSha: string | null; approvers: Approver[] }): Promise<ApprovalCheck[]> {
  const head = options.headSha.toLowerCase();
  const checker = createSignatureChecker(git.cwd, options.approvers);
  try {
    const inRange = new Set([head]);
    if (options.baseSha !== null) {
      for (const sha of await listCommitsBetween(git, head, options.baseSha)) inRange.add(sha);
    }
    const refs = parseApprovalRefs(await listRefs(git, approvalRefFormat, `refs/tags/${approvalTagPrefix}`));
    const candidates = refs.filter((ref) => inRange.has(ref.target) || (ref.namedCommit !== undefined && inRange.has(ref.namedCommit)));
    const objects = await git.readBlobs(candidates.filter((ref) => ref.objectType === 'tag').map((ref) => ref.objectName));

    const checks: ApprovalCheck[] = [];
    for (const ref of candidates) {
      const check = (status: ApprovalStatus, reason: string, approver: string | null = null): ApprovalCheck => ({ tag: ref.tag, commit: ref.target, status, approver, reason });
      if (ref.objectType !== 'tag') {
        checks.push(check('unsigned', 'a lightweight tag: it has no tag object, so it carries no signature'));
        continue;
      }
      const content = objects.get(ref.objectName);
      if (content === undefined) throw new GitError(`cannot read tag object ${ref.objectName} of ${ref.tag}`, 'the repository lacks objects or is damaged: run `git fsck`');
      const object = parseTagObject(content.toString('utf8'));
      if (object.signature === null) {
        checks.push(check('unsigned', 'an annotated tag without a signature'));
        continue;
      }
      const verdict = await checker.verify(ref.objectName, object.signature);
      if (verdict.kind !== 'approver') {
        checks.push(check(verdict.kind, verdict.reason));
        continue;
      }
      const stale = describeOtherCommit(object.type, object.object, namedCommit(object.message), head, inRange);
      if (stale !== undefined) checks.push(check('other-commit', `${verdict.approver} signed it, but ${stale}`, verdict.approver));
      else checks.push(check('valid', `signed by ${verdict.approver}'s ${verdict.keyType} key (${verdict.key})`, verdict.approver));
    }
    return checks;
  } finally {
    checker.dispose();
  }
}

/** Why a tag does not approve `head`, or undefined when it does. */
function describeOtherCommit(type: string, object: string, named: string | undefined, head: string, inRange: Set<string>): string | undefined {
  const short = (sha: string): string => sha.slice(0, 12);
  if (type !== 'commit') return `it points at a ${type || 'malformed'} object, not at a commit`;
  if (object !== head && inRange.has(object)) return `it approves ${short(object)}, an older commit of this change: commits were added after the approval, so it must be given again for ${short(head)}`;
  if (object !== head) return `it points at ${short(object)}, not at the head ${short(head)}`;
  if (named === undefined) return `its message does not name the commit (expected "commit ${head}" on its third line)`;
  if (named !== head) return `its message names ${short(named)}, but the tag points at ${short(head)}`;
  return undefined;
}

/**
 * Creates the signed approval tag for `commit` with the user's git signing setup
 * (user.signingkey, gpg.format) and returns the tag name. Refuses (UsageError with a hint)
 * when signing is not configured, or when the tag exists (unless `force`).
 */
export async function createApproval(git: Git, options: { commit: string; note?: string; force?: boolean }): Promise<string> {
  const config = (key: string): Promise<string | undefined> => readConfigValue(git, key);
  const format = (await config('gpg.format')) ?? 'openpgp';
  const signingKey = await config('user.signingkey');
  const keyCommand = format === 'ssh' ? await config('gpg.ssh.defaultKeyCommand') : undefined;
  if (format === 'x509') {
    throw new UsageError('cannot create an approval with gpg.format x509', 'approvers are listed by SSH key or GPG fingerprint: set `git config gpg.format ssh` (or openpgp) and a matching user.signingkey');
  }
  if (signingKey === undefined && keyCommand === undefined) {
    throw new UsageError(
      'cannot create an approval: git has no signing key configured (user.signingkey is not set)',
      'approvals must be signed; for an SSH key run `git config gpg.format ssh` and `git config user.signingkey ~/.ssh/id_ed25519.pub`, for GPG `git config user.signingkey <fingerprint>`',
    );
  }
  if (options.commit.startsWith('-')) throw new UsageError(`"${options.commit}" looks like an option, not a commit`, 'pass a commit sha or ref, e.g. HEAD');
  const sha = await findCommitSha(git, options.commit);
  if (!sha) throw new GitError(`unknown commit "${options.commit}"`, 'pass a commit sha or ref that exists here, e.g. HEAD');

  const signer = (await config('user.email')) ?? sshFingerprint(signingKey) ?? signingKey ?? 'unknown';
  const name = approvalTagName(sha, signerSlug(signer));
  const exists = await hasRef(git, `refs/tags/${name}`);
  if (exists && options.force !== true) {
    throw new UsageError(`approval tag ${name} already exists`, `pass --force to sign it again, or remove it with \`git tag -d ${name}\``);
  }
  // `whitespace` cleanup keeps a note's lines that start with '#'; -s signs with user.signingkey.
  const args = ['tag', '-s', ...(exists ? ['-f'] : []), '--cleanup=whitespace', '-m', approvalMessage(sha, options.note), name, sha];
  const result = await runSigningGit(git.cwd, args);
  if (result.exitCode !== 0) {
    const reason = result.stderr.trim().split('\n').find((line) => line.startsWith('error:') || line.startsWith('fatal:')) ?? result.stderr.trim().split('\n')[0] ?? '';
    throw new GitError(`git tag could not sign ${name}: ${reason}`, 'check that git can sign with your key: `git tag -s risk-signing-test -m test && git tag -d risk-signing-test`');
  }
  // Some git versions report a failed SSH signature on stderr, exit 0 and leave an unsigned
  // tag: an approval that can never count must not look like success.
  const tagObject = await readTagObject(git, `refs/tags/${name}`);
  if (tagObject === undefined || !/-----BEGIN (SSH|PGP) SIGNATURE-----/.test(tagObject)) {
    await runSigningGit(git.cwd, ['tag', '-d', name]);
    const reason = result.stderr.trim().split('\n')[0] ?? '';
    throw new GitError(`git tag did not sign ${name}${reason ? `: ${reason}` : ''}`, 'check user.signingkey and gpg.format: `git tag -s risk-signing-test -m test && git verify-tag risk-signing-test`');
  }
  return name;
}

/**
 * The SHA256 fingerprint of an SSH signing key given literally (`key::ssh-ed25519 AAAA...`) or
 * as a `.pub` file, for the tag slug when git has no user.email; undefined otherwise.
 */
function sshFingerprint(signingKey: string | undefined): string | undefined {
  if (signingKey === undefined) return undefined;
  let line = signingKey.replace(/^key::/, '');
  if (!/^(ssh-|ecdsa-|sk-)/.test(line)) {
    try {
      line = readFileSync(signingKey.endsWith('.pub') ? signingKey : `${signingKey}.pub`, 'utf8');
    } catch {
      // Only a label is at stake: the caller falls back to the signing key's own text.
      return undefined;
    }
  }
  const blob = line.trim().split(/\s+/)[1];
  if (blob === undefined) return undefined;
  return `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`;
}
