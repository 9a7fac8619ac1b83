import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initRepository, runGit } from './helpers/fixture-repo.js';
import {
  analyseJson,
  baseProject,
  changedFilesOf,
  cleanupScratch,
  createChangedScratchRepo,
  createScratchDir,
  createScratchRepo,
  expectCleanError,
  runRiskBounded,
  symbolsOf,
  unknownsOf,
  affectedOf,
} from './helpers/scratch-repo.js';

afterEach(cleanupScratch);


describe('bad input: exit 2, one `risk:` line naming the culprit, one `hint:` line, no stack (slow, end to end)', () => {
  describe('the repository', () => {
    it('a directory that is not a git repository', () => {
      const dir = realpathSync(createScratchDir('norepo'));
      expectCleanError(runRiskBounded(dir, ['--base', 'main']), new RegExp(`^risk: ${escapeRegExp(dir)} is not inside a git repository$`), /^hint: .*git init/);
    });

    it('a bare repository', () => {
      const dir = realpathSync(createScratchDir('bare'));
      runGit(dir, ['init', '-q', '--bare']);
      expectCleanError(runRiskBounded(dir, ['--base', 'main']), new RegExp(`^risk: ${escapeRegExp(dir)} is a bare git repository$`), /^hint: .*working tree/);
    });

    it('a range in a repository with no commits yet', () => {
      const dir = createScratchDir('nocommits');
      initRepository((...args) => runGit(dir, args));
      expectCleanError(runRiskBounded(dir, ['--base', 'main']), /^risk: the repository has no commits yet$/, /^hint: .*--worktree/);
    });

    it('no --base in a repository with no commits yet: says so, not "no main or master" (issue 16, item 13)', () => {
      const dir = createScratchDir('nocommits-default');
      initRepository((...args) => runGit(dir, args));
      expectCleanError(runRiskBounded(dir, []), /^risk: the repository has no commits yet$/, /^hint: .*--worktree/);
    });

    it('git missing from PATH: says git was not found, not "not inside a git repository" (issue 16, item 12)', () => {
      const repo = createChangedScratchRepo('no-git');
      const emptyBin = createScratchDir('no-git-bin');
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main'], { env: { PATH: emptyBin } }), /^risk: git was not found/, /^hint: install git/);
    });
  });

  describe('refs', () => {
    it('an unknown --base ref', () => {
      const repo = createChangedScratchRepo('unknown-base');
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'no-such-branch']), /^risk: unknown git ref "no-such-branch" \(--base\)$/);
    });

    it('an unknown --head ref', () => {
      const repo = createChangedScratchRepo('unknown-head');
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main', '--head', 'no-such-commit']), /^risk: unknown git ref "no-such-commit" \(--head\)$/);
    });

    it('an ambiguous ref (a tag and a branch both named `main`, on different commits) is refused, not silently resolved to one of them', () => {
      const repo = createChangedScratchRepo('ambiguous');
      // The tag points at the feature tip: if git's choice (the tag) were taken silently, the
      // range would be empty and the verdict a confident "pass".
      repo.git('tag', 'main', 'feature');
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main']), /^risk: .*ambiguous.*main|^risk: .*main.*ambiguous/, /^hint: .*refs\/(heads|tags)\/main/);
    });

    it('an ambiguous ref can be disambiguated with its full name', () => {
      const repo = createChangedScratchRepo('ambiguous-full');
      repo.git('tag', 'main', 'feature');
      const report = analyseJson(repo.dir, ['--base', 'refs/heads/main'], 0);
      expect(symbolsOf(report)).toEqual(['src/a.ts#a body']);
    });

    it('a detached HEAD is analysed like a branch (HEAD vs --base main)', () => {
      const repo = createChangedScratchRepo('detached');
      const featureSha = repo.git('rev-parse', 'feature').trim();
      repo.git('checkout', '-q', '--detach', 'feature');
      const report = analyseJson(repo.dir, ['--base', 'main'], 0);
      expect(report.head).toEqual({ ref: 'HEAD', sha: featureSha });
      expect(report.base.sha).toBe(repo.git('rev-parse', 'main').trim());
      expect(symbolsOf(report)).toEqual(['src/a.ts#a body']);
      expect(report.affectedFiles.map((file) => file.file)).toEqual(['src/b.ts']);
    });

    it('--base HEAD~1 on the first commit says that the commit has no parent', () => {
      const repo = createScratchRepo('root-commit');
      const result = runRiskBounded(repo.dir, ['--base', 'HEAD~1']);
      expectCleanError(result, /^risk: .*HEAD~1/);
      // "unknown ref, check `git branch -a`" sends the user looking for a branch that was never there.
      expect(result.stderr).toMatch(/first commit|no parent|root commit|initial commit/i);
    });

    it('--worktree in a repository with no commits yet analyses every file as added', () => {
      const repo = createScratchRepo('worktree-nocommits', baseProject, { commit: false });
      const report = analyseJson(repo.dir, ['--worktree'], 0);
      expect(report.mode).toBe('worktree');
      expect(changedFilesOf(report)).toEqual(['package.json added', 'src/a.ts added', 'src/b.ts added', 'tsconfig.json added']);
      expect(symbolsOf(report)).toEqual(['src/a.ts#a added', 'src/b.ts#b added']);
      expect(report.verdict).toBe('pass');
    });

    it('--staged in a repository with no commits yet analyses the staged files as added', () => {
      const repo = createScratchRepo('staged-nocommits', baseProject, { commit: false });
      repo.git('add', 'tsconfig.json', 'src/a.ts');
      const report = analyseJson(repo.dir, ['--staged'], 0);
      expect(changedFilesOf(report)).toEqual(['src/a.ts added', 'tsconfig.json added']);
      expect(symbolsOf(report)).toEqual(['src/a.ts#a added']);
    });

    it('an empty diff exits 0 and says that nothing changed', () => {
      const repo = createScratchRepo('empty-diff');
      const result = runRiskBounded(repo.dir, ['--base', 'main']);
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
      const lines = result.stdout.split('\n');
      expect(lines[1]).toBe('0 changed file(s), 0 changed export(s), 0 affected file(s), max depth 0, 0 unknown(s)');
      expect(lines).toContain('No exported symbol changed.');
      expect(lines).toContain('Verdict: PASS (every threshold and rule holds and nothing is unknown)');
    });
  });

  describe('tsconfig', () => {
    it('no tsconfig.json anywhere', () => {
      const repo = createChangedScratchRepo('no-tsconfig');
      repo.git('rm', '-q', 'tsconfig.json');
      repo.commitAll('drop tsconfig');
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main']), /^risk: no tsconfig\.json or jsconfig\.json found in the repository$/, /^hint: .*--project/);
    });

    it('--project naming a file that does not exist', () => {
      const repo = createChangedScratchRepo('project-missing');
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main', '--project', 'tsconfig.app.json']), /^risk: tsconfig not found: tsconfig\.app\.json$/, /^hint: .*--project/);
    });

    it('a tsconfig.json with a JSON syntax error is an unknown naming it; its files fall back to the config above', () => {
      const repo = createChangedScratchRepo('tsconfig-syntax');
      repo.write('packages/web/tsconfig.json', '{ "compilerOptions": { "strict": true,\n');
      repo.write('packages/web/use-a.ts', "import { a } from '../../src/a.js';\n\nexport const web = a();\n");
      repo.commitAll('broken tsconfig');
      const report = analyseJson(repo.dir, ['--base', 'main'], 0);
      expect(unknownsOf(report)).toEqual(['unresolved-config packages/web/tsconfig.json -']);
      expect(report.unknowns[0]?.reason).toMatch(/^unusable tsconfig \(.+\); 1 source file\(s\) \(packages\/web\/use-a\.ts\) resolved with tsconfig\.json instead$/);
      expect(affectedOf(report)).toEqual(['packages/web/use-a.ts 1', 'src/b.ts 1']);
      // The fallback file is affected, so the unknown could hide part of this change: it counts.
      expect(report.verdict).toBe('warn');
    });

    it('a tsconfig.json whose relative `extends` does not exist is used with its own settings, like a missing package base', () => {
      const repo = createChangedScratchRepo('tsconfig-extends');
      repo.write('tsconfig.json', '{ "extends": "./tsconfig.base.json", "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext" } }\n');
      repo.commitAll('extends a missing file');
      const report = analyseJson(repo.dir, ['--base', 'main'], 0);
      expect(unknownsOf(report)).toEqual(['unresolved-config tsconfig.json tsconfig.base.json']);
      expect(report.unknowns[0]?.reason).toMatch(/^extends a file that is not in the repository: .*; 2 source file\(s\) \(src\/a\.ts, src\/b\.ts\) resolved with its own settings only$/);
      expect(affectedOf(report)).toEqual(['src/b.ts 1']);
      expect(report.tsconfigs).toEqual(['tsconfig.json']);
    });

    it('a tsconfig.json whose `extends` names a package that is not installed is no error: a fresh clone is analysed, the base is an unknown', () => {
      const repo = createChangedScratchRepo('tsconfig-extends-package');
      repo.write('tsconfig.json', '{ "extends": "@acme/tsconfig/strict.json", "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext" } }\n');
      repo.commitAll('extends a package that is not installed');
      const result = runRiskBounded(repo.dir, ['--base', 'main', '--format', 'json']);
      expect(result.status).toBe(0);
      const report = JSON.parse(result.stdout) as { unknowns: { kind: string; file: string; specifier: string }[]; affectedFiles: { file: string }[]; verdict: string };
      expect(report.unknowns.map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.specifier}`)).toEqual(['unresolved-config tsconfig.json @acme/tsconfig/strict.json']);
      expect(report.affectedFiles.map((file) => file.file)).toEqual(['src/b.ts']);
      expect(report.verdict).toBe('warn');
    });
  });

  describe('config file', () => {
    it('two config files, where search order would pick one silently', () => {
      const repo = createChangedScratchRepo('config-two-files');
      writeFileSync(join(repo.dir, '.riskrc.json'), JSON.stringify({ onUnknown: 'fail' }));
      writeFileSync(join(repo.dir, 'package.json'), JSON.stringify({ name: 'scratch', type: 'module', risk: { onUnknown: 'warn' } }));
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main']), /^risk: several risk configs at the repository root: package\.json#risk, \.riskrc\.json$/, /^hint: keep one of them/);
    });

    it('an unknown key, named with its path', () => {
      const repo = createChangedScratchRepo('config-unknown-key');
      writeFileSync(join(repo.dir, '.riskrc.json'), JSON.stringify({ onUnknwn: 'fail' }));
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main']), /^risk: invalid config in \.riskrc\.json: onUnknwn: unknown key$/, /^hint: .*schema/);
    });

    it('an unknown key in package.json#risk names package.json', () => {
      const repo = createChangedScratchRepo('config-package-json');
      writeFileSync(join(repo.dir, 'package.json'), JSON.stringify({ name: 'scratch', type: 'module', risk: { thresholds: { maxFiles: 3 } } }));
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main']), /^risk: invalid config in package\.json: thresholds\.maxFiles: unknown key$/);
    });

    it('a wrong type for a threshold says what type is expected', () => {
      const repo = createChangedScratchRepo('config-wrong-type');
      writeFileSync(join(repo.dir, '.riskrc.json'), JSON.stringify({ thresholds: { maxAffectedFiles: 'ten' } }));
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main']), /^risk: invalid config in \.riskrc\.json: thresholds\.maxAffectedFiles: .*expected .*number/i);
    });

    it('a wrong value for an enum lists the allowed values', () => {
      const repo = createChangedScratchRepo('config-wrong-enum');
      writeFileSync(join(repo.dir, '.riskrc.yaml'), 'onUnknown: ignore\n');
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main']), /^risk: invalid config in \.riskrc\.yaml: onUnknown: .*"warn".*"fail"/);
    });

    it('invalid JSON says which file and what is wrong with it', () => {
      const repo = createChangedScratchRepo('config-bad-json');
      writeFileSync(join(repo.dir, '.riskrc.json'), '{ "thresholds": ');
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main']), /^risk: .*\.riskrc\.json\S*: .*(unexpected|expected|line \d|position \d)/i, /^hint: .*syntax/);
    });

    it('invalid YAML says which file and what is wrong with it', () => {
      const repo = createChangedScratchRepo('config-bad-yaml');
      writeFileSync(join(repo.dir, '.riskrc.yaml'), 'thresholds:\n  maxAffectedFiles: [3,\n');
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main']), /^risk: .*\.riskrc\.yaml\S*: .*(unexpected|expected|line \d|\d+:\d+|indentation)/i, /^hint: .*syntax/);
    });

    it('a --config file that does not exist', () => {
      const repo = createChangedScratchRepo('config-missing');
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main', '--config', 'policy/risk.json']), /^risk: config file not found: policy\/risk\.json$/, /^hint: .*--config/);
    });
  });

  // chmod 000 does not stop root, and these tests run as root: unreadable files are made
  // with paths that are directories where a file is expected, and with a missing git object.
  describe('unreadable files', () => {
    it('.riskrc.json is a directory: an error naming it, not a silent fallback to the defaults', () => {
      const repo = createChangedScratchRepo('config-is-dir');
      mkdirSync(join(repo.dir, '.riskrc.json'));
      writeFileSync(join(repo.dir, '.riskrc.json', 'thresholds.json'), '{}');
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main']), /^risk: .*\.riskrc\.json/);
    });

    it('--config naming a directory', () => {
      const repo = createChangedScratchRepo('config-arg-is-dir');
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main', '--config', 'src']), /^risk: .*\bsrc\b.*(directory|EISDIR)/);
    });

    it('the base version of a changed file is missing from the object store', () => {
      const repo = createChangedScratchRepo('missing-object');
      const blob = repo.git('rev-parse', 'main:src/a.ts').trim();
      rmSync(join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main']), new RegExp(`^risk: .*(src/a\\.ts|${blob.slice(0, 7)})`), /^hint: .*(fsck|fetch|object|corrupt)/i);
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
