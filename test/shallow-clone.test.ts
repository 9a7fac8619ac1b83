import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureRepo, runGit, type FixtureRepo } from './helpers/fixture-repo.js';
import { runRisk } from './helpers/risk-binary.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** An origin whose main moved on after the feature branched, and a depth-1 clone of it. */
function shallowCloneOfFeature(): { origin: FixtureRepo; clone: string } {
  const origin = createFixtureRepo('barrel-body-change');
  cleanups.push(origin.cleanup);
  origin.git('checkout', '-q', 'main');
  for (let index = 0; index < 5; index++) {
    writeFileSync(join(origin.dir, 'NOTES.md'), `note ${index}\n`);
    origin.git('add', 'NOTES.md');
    origin.git('commit', '-q', '-m', `note ${index}`);
  }
  origin.git('checkout', '-q', 'feature');
  const parent = mkdtempSync(join(tmpdir(), 'risk-shallow-'));
  cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
  const clone = join(parent, 'clone');
  runGit(parent, ['clone', '-q', '--depth', '1', '--no-single-branch', `file://${origin.dir}`, clone]);
  return { origin, clone };
}

const snapshotState = (dir: string): string[] => [runGit(dir, ['for-each-ref']), runGit(dir, ['status', '--porcelain']), runGit(dir, ['rev-parse', 'HEAD'])];

describe('shallow clones (slow)', () => {
  it('deepens the history until the merge-base is there, adding objects but moving no ref', () => {
    const { clone } = shallowCloneOfFeature();
    expect(runGit(clone, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true');
    const before = snapshotState(clone);
    const result = runRisk(clone, ['--base', 'origin/main', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { changedSymbols: { name: string }[]; summary: { affectedFiles: number } };
    expect(report.changedSymbols.map((symbol) => symbol.name)).toEqual(['double']);
    expect(report.summary.affectedFiles).toBe(4);
    expect(snapshotState(clone)).toEqual(before);
  });

  it('fails with exit 2 and the fetch-depth hint when history cannot be had', () => {
    const { clone } = shallowCloneOfFeature();
    runGit(clone, ['remote', 'set-url', 'origin', join(tmpdir(), 'risk-no-such-remote')]);
    const result = runRisk(clone, ['--base', 'origin/main']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^risk: no merge-base between origin\/main and HEAD in this shallow clone/);
    expect(result.stderr).toMatch(/hint: .*fetch-depth: 0/);
  });

  it('a partial clone is refused (it would fetch blobs from the remote) unless --allow-fetch (issue 16, item 5)', () => {
    const origin = createFixtureRepo('barrel-body-change');
    cleanups.push(origin.cleanup);
    origin.git('config', 'uploadpack.allowFilter', 'true');
    const parent = mkdtempSync(join(tmpdir(), 'risk-partial-'));
    cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
    const clone = join(parent, 'clone');
    runGit(parent, ['clone', '-q', '--filter=blob:none', '--no-single-branch', `file://${origin.dir}`, clone]);
    const objectsBefore = runGit(clone, ['count-objects', '-v']);
    const refused = runRisk(clone, ['--base', 'origin/main']);
    expect({ status: refused.status, stdout: refused.stdout }).toEqual({ status: 2, stdout: '' });
    expect(refused.stderr).toMatch(/^risk: this is a partial clone: reading files would fetch missing objects from the remote\nhint: .*git fetch --refetch.*--allow-fetch/);
    // Nothing was fetched: the object store is as the clone left it.
    expect(runGit(clone, ['count-objects', '-v'])).toBe(objectsBefore);
    const allowed = runRisk(clone, ['--base', 'origin/main', '--allow-fetch', '--format', 'json']);
    expect(allowed.stderr).toBe('');
    expect(allowed.status).toBe(0);
  });
});
