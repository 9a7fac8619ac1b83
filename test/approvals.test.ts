import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { approvalMessage, namedCommit, signerSlug } from '../src/sign-off/approval-tags.js';
import { readGpgVerdict } from '../src/sign-off/approval-signatures.js';
import { checkApprovals, createApproval, type Approver } from '../src/sign-off/approvals.js';
import { createGit } from '../src/git/git.js';
import { ConfigError, UsageError } from '../src/shared/errors.js';
import { cleanupScratch, createScratchDir, createScratchRepo, type ScratchRepo } from './helpers/scratch-repo.js';

afterEach(() => {
  vi.unstubAllEnvs();
  cleanupScratch();
});

interface SshKey {
  /** The .pub file, as user.signingkey takes it. */
  pub: string;
  /** `ssh-ed25519 AAAA... comment`, as the policy lists it. */
  line: string;
}

function createSshKey(dir: string, name: string): SshKey {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-t', 'ed25519', '-N', '', '-f', path, '-q', '-C', `${name}@example.test`]);
  return { pub: `${path}.pub`, line: execFileSync('cat', [`${path}.pub`], { encoding: 'utf8' }).trim() };
}

/** A repo on `feature` with one commit over `main`, and keys for alice (an approver) and mallory (the author). */
function setup(): { repo: ScratchRepo; base: string; head: string; alice: SshKey; mallory: SshKey; approvers: Approver[] } {
  const repo = createScratchRepo('approvals', { 'README.md': 'hello\n' });
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.write('README.md', 'hello, world\n');
  const head = repo.commitAll('change');
  const keys = createScratchDir('approval-keys');
  const alice = createSshKey(keys, 'alice');
  const mallory = createSshKey(keys, 'mallory');
  repo.git('config', 'gpg.format', 'ssh');
  return { repo, base, head, alice, mallory, approvers: [{ name: 'alice', sshKey: alice.line }] };
}

/** Signs an annotated tag with `key`, through the repository's own signing config. */
function signTag(repo: ScratchRepo, key: SshKey, name: string, target: string, message: string): void {
  repo.git('config', 'user.signingkey', key.pub);
  repo.git('tag', '-s', '-m', message, name, target);
}

const check = (repo: ScratchRepo, headSha: string, baseSha: string | null, approvers: Approver[]) => checkApprovals(createGit(repo.dir), { headSha, baseSha, approvers });
const summary = (checks: { tag: string; status: string; approver: string | null }[]) => checks.map((entry) => `${entry.tag.split('/')[2] ?? ''} ${entry.status} ${entry.approver ?? '-'}`);
const allowedSignerFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('risk-allowed-signers-'));

describe('approvals (slow)', () => {
  it('accepts a tag signed by a listed approver, and cleans up its allowed-signers file', async () => {
    const { repo, base, head, alice, approvers } = setup();
    signTag(repo, alice, `risk-approval/${head}/alice`, head, approvalMessage(head));
    const before = allowedSignerFolders();
    const checks = await check(repo, head, base, approvers);
    expect(checks).toEqual([{ tag: `risk-approval/${head}/alice`, commit: head, status: 'valid', approver: 'alice', reason: expect.stringMatching(/^signed by alice's SSH key \(SHA256:\S+\)$/) as unknown }]);
    expect(allowedSignerFolders()).toEqual(before);
    expect(repo.git('status', '--porcelain', '--ignored')).toBe('');
  });

  it('rejects a tag the author signed with their own key, even when their git config vouches for it', async () => {
    const { repo, base, head, mallory, approvers } = setup();
    signTag(repo, mallory, `risk-approval/${head}/alice`, head, approvalMessage(head));
    // The author's repo config lists their key under our principal name and swaps in a fake ssh-keygen.
    const signers = join(repo.dir, '.git', 'my-signers');
    writeFileSync(signers, `approver-0 namespaces="git" ${mallory.line}\n`);
    const fake = join(repo.dir, '.git', 'fake-ssh-keygen');
    // It reads stdin first: git writes the signed payload to it, and an unread pipe fails the run.
    writeFileSync(fake, '#!/bin/sh\ncat >/dev/null\necho \'Good "git" signature for approver-0 with ED25519 key SHA256:fake\'\nexit 0\n');
    chmodSync(fake, 0o755);
    repo.git('config', 'gpg.ssh.allowedSignersFile', signers);
    repo.git('config', 'gpg.ssh.program', fake);
    // Plain git, under that config, vouches for the forged tag.
    expect(spawnSync('git', ['verify-tag', `risk-approval/${head}/alice`], { cwd: repo.dir }).status).toBe(0);

    const [result] = await check(repo, head, base, approvers);
    expect(result).toMatchObject({ status: 'unknown-key', approver: null, reason: expect.stringMatching(/^signed by SHA256:\S+, which is not an approver in the policy$/) as unknown });
    // With no SSH approver at all, the signature is still sound but unknown.
    expect(summary(await check(repo, head, base, []))).toEqual(['alice unknown-key -']);
  });

  it('calls an annotated tag without a signature, and a lightweight tag, unsigned', async () => {
    const { repo, base, head, approvers } = setup();
    repo.git('tag', '-a', '-m', approvalMessage(head), `risk-approval/${head}/alice`, head);
    repo.git('tag', `risk-approval/${head}/bob`, head);
    const checks = await check(repo, head, base, approvers);
    expect(summary(checks)).toEqual(['alice unsigned -', 'bob unsigned -']);
    expect(checks[0]?.reason).toMatch(/annotated tag without a signature/);
    expect(checks[1]?.reason).toMatch(/lightweight/);
  });

  it('reports an approval of an older commit as stale once a commit is added, and ignores approvals outside the range', async () => {
    const { repo, base, head: first, alice, approvers } = setup();
    signTag(repo, alice, `risk-approval/${first}/alice`, first, approvalMessage(first));
    signTag(repo, alice, `risk-approval/${base}/alice`, base, approvalMessage(base));
    repo.write('README.md', 'hello again\n');
    const head = repo.commitAll('sneaky follow-up');

    const checks = await check(repo, head, base, approvers);
    expect(checks).toEqual([{ tag: `risk-approval/${first}/alice`, commit: first, status: 'other-commit', approver: 'alice', reason: expect.stringMatching(/older commit of this change/) as unknown }]);
    expect(checks.some((entry) => entry.status === 'valid')).toBe(false);
    // Without a base only tags of the head itself are looked at.
    expect(await check(repo, head, null, approvers)).toEqual([]);
  });

  it('rejects a signed tag whose message names another commit, or that points at another commit', async () => {
    const { repo, base, head, alice, approvers } = setup();
    signTag(repo, alice, `risk-approval/${head}/alice`, head, approvalMessage(base));
    signTag(repo, alice, `risk-approval/${head}/alice-lgtm`, head, 'LGTM');
    // Named for the head, but pointing at the base.
    signTag(repo, alice, `risk-approval/${head}/alice-moved`, base, approvalMessage(base));
    const checks = await check(repo, head, base, approvers);
    expect(summary(checks)).toEqual(['alice other-commit alice', 'alice-lgtm other-commit alice', 'alice-moved other-commit alice']);
    expect(checks[0]?.reason).toMatch(/message names \w{12}, but the tag points at/);
    expect(checks[1]?.reason).toMatch(/does not name the commit/);
    expect(checks[2]).toMatchObject({ commit: base, reason: expect.stringMatching(/points at \w{12}, not at the head/) as unknown });
  });

  it('rejects a tag object rewritten to point at the new head with the old signature copied', async () => {
    const { repo, base, head: first, alice, approvers } = setup();
    signTag(repo, alice, `risk-approval/${first}/alice`, first, approvalMessage(first));
    const head = repo.commitAll('unreviewed');
    const forged = repo.git('cat-file', 'tag', `risk-approval/${first}/alice`).split(first).join(head);
    const object = execFileSync('git', ['mktag'], { cwd: repo.dir, input: forged, encoding: 'utf8' }).trim();
    repo.git('update-ref', `refs/tags/risk-approval/${head}/alice`, object);

    const checks = await check(repo, head, base, approvers);
    const forgedCheck = checks.find((entry) => entry.tag === `risk-approval/${head}/alice`);
    expect(forgedCheck).toMatchObject({ commit: head, status: 'bad-signature', approver: null, reason: expect.stringMatching(/could not verify the SSH signature/) as unknown });
    expect(summary(checks).sort()).toEqual(['alice bad-signature -', 'alice other-commit alice']);
  });

  it('refuses a malformed approver key with a ConfigError', async () => {
    const { repo, base, head } = setup();
    await expect(check(repo, head, base, [{ name: 'eve', sshKey: 'ssh-ed25519 AAAA\n* ssh-ed25519 AAAA' }])).rejects.toBeInstanceOf(ConfigError);
    await expect(check(repo, head, base, [{ name: 'eve', gpgFingerprint: 'ABCD1234' }])).rejects.toThrow(/not a full key fingerprint/);
  });

  it('createApproval refuses when git has no signing key', async () => {
    const { repo } = setup();
    // Empty values shadow anything the machine's global config may set.
    repo.git('config', 'user.signingkey', '');
    repo.git('config', 'gpg.ssh.defaultKeyCommand', '');
    const attempt = createApproval(createGit(repo.dir), { commit: 'HEAD' });
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toMatchObject({ message: expect.stringMatching(/no signing key/) as unknown, hint: expect.stringMatching(/git config gpg.format ssh/) as unknown });
    expect(repo.git('tag', '-l')).toBe('');
  });

  it('createApproval fails, and leaves no tag, when git cannot actually sign (a signing key that does not exist)', async () => {
    const { repo } = setup();
    repo.git('config', 'user.signingkey', join(createScratchDir('no-key'), 'missing-key'));
    await expect(createApproval(createGit(repo.dir), { commit: 'HEAD' })).rejects.toThrow(/(could not|did not) sign/);
    expect(repo.git('tag', '-l')).toBe('');
  });

  it('createApproval signs a tag that checkApprovals accepts, and refuses to overwrite it without force', async () => {
    const { repo, base, head, alice, mallory, approvers } = setup();
    repo.git('config', 'user.signingkey', alice.pub);
    const git = createGit(repo.dir);
    const name = await createApproval(git, { commit: 'HEAD', note: '# ship it' });
    expect(name).toBe(`risk-approval/${head}/fixture@example.test`);
    expect(repo.git('tag', '-l', '--format=%(contents:subject)|%(contents:body)', name)).toBe(`risk approval|commit ${head}\n\n# ship it\n\n`);
    expect(await check(repo, head, base, approvers)).toMatchObject([{ tag: name, status: 'valid', approver: 'alice' }]);

    await expect(createApproval(git, { commit: head })).rejects.toThrow(/already exists/);
    repo.git('config', 'user.signingkey', mallory.pub);
    expect(await createApproval(git, { commit: head, force: true })).toBe(name);
    expect(summary(await check(repo, head, base, approvers))).toEqual(['fixture@example.test unknown-key -']);
    await expect(createApproval(git, { commit: 'no-such-ref' })).rejects.toThrow(/unknown commit "no-such-ref"/);
  });

  it.skipIf(spawnSync('which', ['gpg']).status !== 0)('verifies a GPG-signed approval by primary-key fingerprint', async () => {
    const { repo, base, head, approvers } = setup();
    const home = createScratchDir('gnupg');
    vi.stubEnv('GNUPGHOME', home);
    const gpg = (...args: string[]): string => execFileSync('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { encoding: 'utf8', env: { ...process.env, GNUPGHOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      gpg('--quick-gen-key', 'Carol <carol@example.test>', 'ed25519', 'sign', 'never');
      const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(gpg('--with-colons', '--list-keys', 'carol@example.test'))?.[1] ?? '';
      expect(fingerprint).toMatch(/^[0-9A-F]{40}$/);
      repo.git('config', 'gpg.format', 'openpgp');
      repo.git('config', 'user.signingkey', fingerprint);
      const name = await createApproval(createGit(repo.dir), { commit: head });
      const spaced = fingerprint.toLowerCase().replace(/(.{4})/g, '$1 ');
      const carol: Approver = { name: 'carol', gpgFingerprint: spaced };

      expect(await check(repo, head, base, [...approvers, carol])).toMatchObject([{ tag: name, status: 'valid', approver: 'carol', reason: `signed by carol's GPG key (${fingerprint})` }]);
      expect(await check(repo, head, base, approvers)).toMatchObject([{ status: 'unknown-key', reason: `signed by GPG key ${fingerprint}, which is not an approver in the policy` }]);
      // A machine without carol's public key cannot check the signature: not valid, and it says why.
      vi.stubEnv('GNUPGHOME', createScratchDir('gnupg-empty'));
      expect(await check(repo, head, base, [carol])).toMatchObject([{ status: 'bad-signature', reason: expect.stringMatching(/not in this machine's keyring/) as unknown }]);
    } finally {
      spawnSync('gpgconf', ['--kill', 'all'], { env: { ...process.env, GNUPGHOME: home } });
    }
  });
});

describe('approval tag text', () => {
  it('makes ref-safe slugs from emails and fingerprints', () => {
    const samples = ['Alice@Example.com', 'SHA256:AY2l+s5gXisSm+NSTQVsKJ44BDqs6dvgaM8ove1s28g', '..weird name..lock', '@{-1}', '', 'a'.repeat(200)];
    const slugs = samples.map(signerSlug);
    expect(slugs.slice(0, 5)).toEqual(['alice@example.com', 'sha256-ay2l+s5gxissm+nstqvskj44bdqs6dvgam8ove1s28g', 'weird-name-lock', '@--1', 'unknown']);
    for (const slug of slugs) {
      expect(spawnSync('git', ['check-ref-format', `refs/tags/risk-approval/${'0'.repeat(40)}/${slug}`]).status).toBe(0);
    }
  });

  it('reads back the commit the message names', () => {
    const sha = 'a'.repeat(40);
    expect(namedCommit(approvalMessage(sha, 'looks fine'))).toBe(sha);
    expect(namedCommit(`LGTM\n\ncommit ${sha}\n`)).toBeUndefined();
  });

  it('takes the primary fingerprint from VALIDSIG and needs exit 0', () => {
    const primary = 'B'.repeat(40);
    const status = `[GNUPG:] GOODSIG 1234 Carol\n[GNUPG:] VALIDSIG ${'A'.repeat(40)} 2026-01-01 1 0 4 0 22 10 00 ${primary}\n`;
    expect(readGpgVerdict(0, status, [{ name: 'carol', fingerprint: primary }])).toEqual({ kind: 'approver', approver: 'carol', keyType: 'GPG', key: primary });
    expect(readGpgVerdict(1, status, [{ name: 'carol', fingerprint: primary }]).kind).toBe('bad-signature');
  });
});
