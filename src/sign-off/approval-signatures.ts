import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../shared/errors.js';
import type { SignatureKind } from './approval-tags.js';
import { runSigningGit } from '../git/signing-git.js';

/** Someone whose signed tag counts as a sign-off; from the policy's `approvers`. */
export interface Approver {
  /** Who the approver is (e.g. an email); shown in reports. */
  name: string;
  /** SSH signing public key, as in `~/.ssh/id_ed25519.pub`: `ssh-ed25519 AAAA... [comment]`. */
  sshKey?: string | undefined;
  /** OpenPGP primary-key fingerprint; spaces and case do not matter. */
  gpgFingerprint?: string | undefined;
}

/** What git's own signature check says about one tag object. */
export type SignatureVerdict =
  | { kind: 'approver'; approver: string; keyType: 'SSH' | 'GPG'; key: string }
  | { kind: 'unknown-key'; reason: string }
  | { kind: 'bad-signature'; reason: string };

const sshKeyPattern = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) ([A-Za-z0-9+/]+={0,3})(?:[ \t][^\r\n]*)?$/;

/**
 * The allowed-signers file for `gpg.ssh.allowedSignersFile`. Principals are `approver-<index>`
 * rather than names: a principal field is a comma-separated pattern list (`*` matches anyone),
 * so no text from the policy goes into it, and key comments are dropped.
 */
export function allowedSignersText(approvers: Approver[]): string {
  return approvers
    .flatMap((approver, index) => {
      if (approver.sshKey === undefined) return [];
      const match = sshKeyPattern.exec(approver.sshKey.trim());
      if (!match) {
        throw new ConfigError(`approver "${approver.name}": sshKey is not an SSH public key`, 'use the single line of the key\'s .pub file, such as "ssh-ed25519 AAAA... alice@laptop"');
      }
      return [`approver-${index} namespaces="git" ${match[1]} ${match[2]}\n`];
    })
    .join('');
}

/** A fingerprint without spaces or `0x`, upper case; throws ConfigError unless it is a full fingerprint. */
export function normaliseFingerprint(approver: Approver, fingerprint: string): string {
  const normal = fingerprint.replace(/\s+/g, '').replace(/^0x/i, '').toUpperCase();
  if (!/^[0-9A-F]{40}([0-9A-F]{24})?$/.test(normal)) {
    throw new ConfigError(`approver "${approver.name}": gpgFingerprint "${fingerprint}" is not a full key fingerprint`, 'use the 40 hex digits `gpg --fingerprint <key>` prints; short key ids can be forged');
  }
  return normal;
}

/**
 * Checks signatures with git's own `verify-tag`, against the policy's approvers only. Owns a
 * temporary allowed-signers file (in the OS temp dir, never in the repository); call `dispose`.
 */
export interface SignatureChecker {
  verify(tagObject: string, kind: SignatureKind): Promise<SignatureVerdict>;
  dispose(): void;
}

/** Validates the approvers up front (ConfigError), so a bad key is reported even when no tag uses it. */
export function createSignatureChecker(cwd: string, approvers: Approver[]): SignatureChecker {
  const signers = allowedSignersText(approvers);
  const fingerprints = approvers.flatMap((approver) => (approver.gpgFingerprint === undefined ? [] : [{ name: approver.name, fingerprint: normaliseFingerprint(approver, approver.gpgFingerprint) }]));
  let folder: string | undefined;

  const allowedSignersFile = (): string => {
    const path = join((folder ??= mkdtempSync(join(tmpdir(), 'risk-allowed-signers-'))), 'allowed_signers');
    writeFileSync(path, signers, { mode: 0o600 });
    return path;
  };

  const verify = async (tagObject: string, kind: SignatureKind): Promise<SignatureVerdict> => {
    if (kind === 'x509') return { kind: 'unknown-key', reason: 'signed with an X.509 (gpgsm) certificate; approvers are listed by SSH key or GPG fingerprint only' };
    if (kind === 'ssh') {
      // Command-line -c settings win over every config file, so neither the user's nor the
      // repository's allowed-signers file (or a stand-in ssh-keygen) can vouch for a key.
      const result = await runSigningGit(cwd, ['-c', `gpg.ssh.allowedSignersFile=${allowedSignersFile()}`, '-c', 'gpg.ssh.program=ssh-keygen', 'verify-tag', '--raw', tagObject]);
      return readSshVerdict(result.exitCode, result.stderr, approvers);
    }
    const result = await runSigningGit(cwd, ['-c', 'gpg.program=gpg', '-c', 'gpg.openpgp.program=gpg', 'verify-tag', '--raw', tagObject]);
    return readGpgVerdict(result.exitCode, result.stderr, fingerprints);
  };

  return { verify, dispose: () => folder !== undefined && rmSync(folder, { recursive: true, force: true }) };
}

/**
 * git prints ssh-keygen's verdict: `Good "git" signature for <principal> with <type> key <fp>`
 * (exit 0) for a listed key, `Good "git" signature with <type> key <fp>` (exit 1) for a sound
 * signature by a key nobody listed, anything else for a broken one.
 */
export function readSshVerdict(exitCode: number, output: string, approvers: Approver[]): SignatureVerdict {
  const firstLine = output.trim().split('\n')[0]?.trim() ?? '';
  const listed = /^Good "git" signature for approver-(\d+) with \S+ key (\S+)$/.exec(firstLine);
  const approver = listed ? approvers[Number(listed[1])] : undefined;
  if (exitCode === 0 && listed && approver) return { kind: 'approver', approver: approver.name, keyType: 'SSH', key: listed[2] ?? '' };
  const unlisted = /^Good "git" signature with \S+ key (\S+)$/.exec(firstLine);
  if (unlisted) return { kind: 'unknown-key', reason: `signed by ${unlisted[1] ?? 'an SSH key'}, which is not an approver in the policy` };
  return { kind: 'bad-signature', reason: `git could not verify the SSH signature: ${firstLine || `verify-tag exited with ${exitCode}`}` };
}

/**
 * Reads gpg's status lines (`--raw`). A good signature has `VALIDSIG <signing fp> ... <primary fp>`
 * and exit 0; the primary fingerprint (or the signing subkey's) must be an approver's.
 */
export function readGpgVerdict(exitCode: number, output: string, approvers: { name: string; fingerprint: string }[]): SignatureVerdict {
  const status = (keyword: string): string[] | undefined =>
    output
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .find((fields) => fields[0] === '[GNUPG:]' && fields[1] === keyword)
      ?.slice(2);
  const valid = status('VALIDSIG');
  if (exitCode === 0 && valid) {
    const signing = (valid[0] ?? '').toUpperCase();
    const primary = (valid[9] ?? signing).toUpperCase();
    const approver = approvers.find((candidate) => candidate.fingerprint === primary || candidate.fingerprint === signing);
    if (approver) return { kind: 'approver', approver: approver.name, keyType: 'GPG', key: primary };
    return { kind: 'unknown-key', reason: `signed by GPG key ${primary}, which is not an approver in the policy` };
  }
  const missing = status('NO_PUBKEY')?.[0]?.toUpperCase();
  if (missing !== undefined) {
    const approver = approvers.find((candidate) => candidate.fingerprint.endsWith(missing));
    if (approver) return { kind: 'bad-signature', reason: `cannot check the signature: ${approver.name}'s GPG key ${missing} is not in this machine's keyring (import it with \`gpg --import\`)` };
    return { kind: 'unknown-key', reason: `signed by GPG key ${missing}, which is not an approver in the policy (and not in this machine's keyring)` };
  }
  const bad = output.split('\n').find((line) => /^\[GNUPG:\] (BADSIG|EXPKEYSIG|REVKEYSIG|EXPSIG|ERRSIG)\b/.test(line.trim()));
  const detail = bad?.trim().replace(/^\[GNUPG:\] /, '') ?? (output.trim().split('\n')[0] || `verify-tag exited with ${exitCode}`);
  return { kind: 'bad-signature', reason: `git could not verify the GPG signature: ${detail}` };
}
