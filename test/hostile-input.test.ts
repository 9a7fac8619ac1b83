import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  affectedOf,
  analyseJson,
  baseProject,
  cleanupScratch,
  createChangedScratchRepo,
  createScratchDir,
  createScratchRepo,
  expectCleanError,
  runRiskBounded,
  symbolsOf,
  type ScratchRepo,
} from './helpers/scratch-repo.js';
import { testEnvironment } from './helpers/test-environment.js';

afterEach(cleanupScratch);


/** A path outside the repository that a command injected into git would create. */
function markerPath(): string {
  return join(createScratchDir('marker'), 'pwned');
}

describe('hostile input (slow, end to end)', () => {
  describe('refs never reach git as options', () => {
    it('--base=--upload-pack=...', () => {
      const repo = createChangedScratchRepo('option-base');
      const marker = markerPath();
      const result = runRiskBounded(repo.dir, [`--base=--upload-pack=touch ${marker}`]);
      expectCleanError(result, new RegExp(`^risk: --base "--upload-pack=touch ${marker}" looks like an option, not a git ref$`), /^hint: /);
      expect(existsSync(marker)).toBe(false);
    });

    it('--base=--output=<file> (git diff would write it)', () => {
      const repo = createChangedScratchRepo('option-output');
      const marker = markerPath();
      expectCleanError(runRiskBounded(repo.dir, [`--base=--output=${marker}`]), /^risk: --base "--output=.*" looks like an option, not a git ref$/);
      expect(existsSync(marker)).toBe(false);
    });

    it('--head=-c core.pager=...', () => {
      const repo = createChangedScratchRepo('option-head');
      const marker = markerPath();
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main', '--head=-c core.pager=x']), /^risk: --head "-c core\.pager=x" looks like an option, not a git ref$/);
      expectCleanError(runRiskBounded(repo.dir, ['--base', 'main', `--head=-c core.pager=touch ${marker}`]), /^risk: --head "-c core\.pager=touch .*" looks like an option, not a git ref$/);
      expect(existsSync(marker)).toBe(false);
    });

    it('`risk affected --base=--output=<file>`', () => {
      const repo = createChangedScratchRepo('option-affected');
      const marker = markerPath();
      expectCleanError(runRiskBounded(repo.dir, ['affected', `--base=--output=${marker}`]), /^risk: --base "--output=.*" looks like an option, not a git ref$/);
      expect(existsSync(marker)).toBe(false);
    });

    it('a CI variable that looks like an option (GitLab merge request diff base)', () => {
      const repo = createChangedScratchRepo('option-ci');
      const marker = markerPath();
      const result = runRiskBounded(repo.dir, [], { env: { CI: 'true', GITLAB_CI: 'true', CI_MERGE_REQUEST_DIFF_BASE_SHA: `--output=${marker}` } });
      expect(result.stdout).toBe('');
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^risk: --base "--output=.*" looks like an option, not a git ref$/m);
      expect(existsSync(marker)).toBe(false);
    });

    it('pre-push input with option-like shas', () => {
      const repo = createChangedScratchRepo('option-pre-push');
      const marker = markerPath();
      const sha = repo.git('rev-parse', 'HEAD').trim();
      for (const line of [`refs/heads/feature --output=${marker} refs/heads/feature ${'0'.repeat(40)}`, `refs/heads/feature ${sha} refs/heads/feature --output=${marker}`]) {
        const result = runRiskBounded(repo.dir, ['--pre-push', 'origin', 'file:///nowhere'], { input: `${line}\n` });
        expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 2, stdout: '' });
        expect(result.stderr).not.toMatch(/\n\s+at /);
        // Hook mode announces each pushed ref first; the error and its hint close the output.
        expect(result.stderr.trimEnd().split('\n').slice(-2)).toEqual([expect.stringMatching(/^risk: .*--output=/), expect.stringMatching(/^hint: \S/)]);
        expect(existsSync(marker)).toBe(false);
      }
    });
  });

  it('JavaScript/TypeScript config files in the repository are never executed when searching for config', () => {
    const marker = createScratchDir('js-config-markers');
    const esm = (name: string): string =>
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(join(marker, name.replace(/\//g, '_')))}, 'ran');\nexport default { thresholds: { maxAffectedFiles: 0 } };\n`;
    const cjs = (name: string): string =>
      `require('node:fs').writeFileSync(${JSON.stringify(join(marker, name.replace(/\//g, '_')))}, 'ran');\nmodule.exports = { thresholds: { maxAffectedFiles: 0 } };\n`;
    const names = ['risk.config.js', 'risk.config.mjs', 'risk.config.ts', 'risk.config.cjs', '.riskrc.js', '.riskrc.mjs', '.riskrc.ts', '.riskrc.cjs', '.config/riskrc.js', '.config/riskrc.cjs'];
    const files = Object.fromEntries(names.map((name) => [name, name.endsWith('.cjs') ? cjs(name) : esm(name)]));
    const repo = createChangedScratchRepo('js-config', { ...baseProject, ...files });
    // Were any of them loaded, maxAffectedFiles 0 would fail the run (src/b.ts is affected).
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(report.config).toBeNull();
    expect(affectedOf(report)).toEqual(['src/b.ts 1']);
    expect(readdirSync(marker)).toEqual([]);
  });

  it('diff drivers, textconv and pager from the repository config do not run, and do not change the analysis', () => {
    const repo = createChangedScratchRepo('diff-drivers', { ...baseProject, '.gitattributes': '*.ts diff=conv\n' });
    const marker = createScratchDir('diff-driver-markers');
    repo.git('config', 'diff.external', `sh -c 'touch ${marker}/external'`);
    repo.git('config', 'diff.conv.textconv', `sh -c 'touch ${marker}/textconv; echo converted'`);
    repo.git('config', 'core.pager', `touch ${marker}/pager`);
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(report.changedFiles.map((file) => [file.path, file.oldRanges, file.newRanges])).toEqual([['src/a.ts', [{ start: 2, count: 1 }], [{ start: 2, count: 1 }]]]);
    expect(symbolsOf(report)).toEqual(['src/a.ts#a body']);
    expect(readdirSync(marker)).toEqual([]);
  });

  it('file names with HTML and Markdown are escaped in --format markdown', () => {
    const repo = createScratchRepo('markdown-names', {
      ...baseProject,
      'src/<b>x</b>.ts': 'export const x = 1;\n',
      'src/<img src=x onerror=alert(1)>.ts': "import { x } from './<b>x</b>.js';\n\nexport const y = x;\n",
      // In the folder `src/[click](https:`, hence `../`.
      'src/[click](https:/evil.example).ts': "import { x } from '../<b>x</b>.js';\n\nexport const z = x;\n",
    });
    repo.write('src/<b>x</b>.ts', 'export const x = 2;\n');
    repo.commitAll('change x');

    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(affectedOf(report)).toEqual(['src/<img src=x onerror=alert(1)>.ts 1', 'src/[click](https:/evil.example).ts 1']);

    const result = runRiskBounded(repo.dir, ['--base', 'main', '--format', 'markdown']);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain('src/&lt;b&gt;x&lt;/b&gt;.ts');
    expect(result.stdout).toContain('src/&lt;img src=x onerror=alert(1)&gt;.ts');
    expect(result.stdout).not.toMatch(/<\/?b>|<img/);
    // No live link: outside the Mermaid block (where a quoted label is plain text) the brackets are escaped.
    const outsideMermaid = result.stdout.replace(/```mermaid\n[\s\S]*?\n```/, '');
    expect(outsideMermaid).toContain('src/\\[click\\](https:/evil.example).ts');
    expect(outsideMermaid).not.toMatch(/(^|[^\\])\[click\]\(/m);
  });

  it('terminal control characters in file names do not reach the terminal in the text report', () => {
    const hostile = 'src/esc\u001b]0;owned\u0007\u001b[2Jx.ts';
    const repo = createScratchRepo('ansi-names', { ...baseProject, [hostile]: "import { a } from './a.js';\n\nexport const e = a();\n" });
    repo.write('src/a.ts', 'export function a(): number {\n  return 2;\n}\n');
    repo.commitAll('change a');
    const result = runRiskBounded(repo.dir, ['--base', 'main']);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain('src/esc');
    // eslint-disable-next-line no-control-regex
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe('safety: a run leaves the repository exactly as it was (slow, end to end)', () => {
  const lockFreeEnvironment = { ...testEnvironment(), GIT_OPTIONAL_LOCKS: '0', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  const gitRead = (dir: string, args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: lockFreeEnvironment });
  const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

  /** Every file under .git with its content hash: catches FETCH_HEAD, ORIG_HEAD, locks, new objects. */
  const listGitDirectory = (gitDir: string, prefix = ''): string[] =>
    readdirSync(join(gitDir, prefix))
      .sort()
      .flatMap((name) => {
        const path = prefix === '' ? name : `${prefix}/${name}`;
        return statSync(join(gitDir, path)).isDirectory() ? listGitDirectory(gitDir, path) : [`${path} ${sha256(join(gitDir, path))}`];
      });

  const snapshot = (dir: string): Record<string, string | string[]> => ({
    status: gitRead(dir, ['status', '--porcelain=v2', '--untracked-files=all']),
    refs: gitRead(dir, ['for-each-ref']),
    index: sha256(join(dir, '.git', 'index')),
    config: gitRead(dir, ['config', '--list', '--local']),
    gitDirectory: listGitDirectory(join(dir, '.git')),
  });

  /** Staged, unstaged and untracked changes, and a stale stat cache that any index refresh would rewrite. */
  function busyRepository(): ScratchRepo {
    const repo = createChangedScratchRepo('safety', { ...baseProject, 'src/c.ts': "import { b } from './b.js';\n\nexport const c = b;\n" });
    repo.write('src/a.ts', 'export function a(): number {\n  return 3;\n}\n');
    repo.git('add', 'src/a.ts');
    repo.write('src/b.ts', "import { a } from './a.js';\n\nexport const b = a() + 1;\n");
    repo.write('src/untracked.ts', "import { a } from './a.js';\n\nexport const u = a();\n");
    const future = new Date('2030-01-01T00:00:00Z');
    for (const path of ['src/c.ts', 'tsconfig.json', 'package.json']) utimesSync(join(repo.dir, path), future, future);
    return repo;
  }

  for (const [mode, args] of [
    ['a range run', ['--base', 'main']],
    ['a --worktree run', ['--worktree']],
    ['a --staged run', ['--staged']],
  ] as const) {
    it(`${mode} changes no status, ref, index byte, config entry or file under .git`, () => {
      const repo = busyRepository();
      const before = snapshot(repo.dir);
      const result = runRiskBounded(repo.dir, [...args, '--format', 'json']);
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
      expect((JSON.parse(result.stdout) as { changedSymbols: unknown[] }).changedSymbols).not.toEqual([]);
      expect(snapshot(repo.dir)).toEqual(before);
    });
  }
});

describe('hostile CODEOWNERS, end to end (slow; issue 16, item 8)', () => {
  it('a 100,000-character pattern is a skipped line listed in the owners section, not an internal error', () => {
    const huge = `src/${'a*'.repeat(50_000)}`;
    const repo = createChangedScratchRepo('codeowners-huge', { ...baseProject, CODEOWNERS: ['* @team', `${huge} @big`, '!src/b.ts @x', 'src/[ab].ts @y', 'src/ not-an-owner'].join('\n') + '\n' });
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(report.owners.reviews.map((review) => review.owner)).toEqual(['@team']);
    expect(report.owners.skipped.map((problem) => problem.line)).toEqual([2, 3, 4, 5]);
    const text = runRiskBounded(repo.dir, ['--base', 'main']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/skipped line 2: pattern "src\/a\*a\*.*"… \(\d+ more characters\) cannot be compiled/);
    expect(text.stdout).toMatch(/skipped line 3: pattern "!src\/b\.ts": "!" negation is not supported/);
    expect(text.stdout.length).toBeLessThan(20_000);
  });
});
