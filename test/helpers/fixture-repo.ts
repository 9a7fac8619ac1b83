import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesRoot = join(projectRoot, 'fixtures');

/** Extra steps of a scenario beyond copying `change/` over `base/`. */
interface ChangeSpec {
  /** Paths to delete in the change. */
  delete?: string[];
  /** `[from, to]` pairs moved with `git mv` before `change/` is copied. */
  rename?: [string, string][];
  /** How the change is left: committed on a `feature` branch (default), staged, or in the working tree. */
  leave?: 'commit' | 'staged' | 'worktree';
  /** Commit message of the change (e.g. with trailers); default "change". */
  message?: string;
}

export interface FixtureRepo {
  dir: string;
  git: (...args: string[]) => string;
  cleanup: () => void;
}

/**
 * Copies `fixtures/<scenario>/base` into a temp dir, commits it on `main`, then applies
 * `fixtures/<scenario>/change` (and `change.json`) on a `feature` branch. Fixtures are
 * plain files: no nested .git is ever committed.
 */
export function createFixtureRepo(scenario: string): FixtureRepo {
  const source = join(fixturesRoot, scenario);
  if (!existsSync(join(source, 'base'))) throw new Error(`fixture ${scenario} has no base/ folder`);
  const dir = mkdtempSync(join(tmpdir(), `risk-${scenario}-`));
  const git = (...args: string[]): string => runGit(dir, args);

  cpSync(join(source, 'base'), dir, { recursive: true });
  initRepository(git);
  git('add', '-A');
  git('commit', '-q', '-m', 'base');

  const spec = readSpec(source);
  git('checkout', '-q', '-b', 'feature');
  for (const [from, to] of spec.rename ?? []) {
    mkdirSync(dirname(join(dir, to)), { recursive: true });
    git('mv', from, to);
  }
  for (const path of spec.delete ?? []) rmSync(join(dir, path), { recursive: true, force: true });
  if (existsSync(join(source, 'change'))) cpSync(join(source, 'change'), dir, { recursive: true });
  const leave = spec.leave ?? 'commit';
  if (leave !== 'worktree') git('add', '-A');
  if (leave === 'commit') git('commit', '-q', '--allow-empty', '-m', spec.message ?? 'change');
  return { dir, git, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Fixed identity and dates make commit shas, and so reports, identical across runs. */
const gitEnvironment = {
  ...process.env,
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function runGit(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: gitEnvironment });
}

/** An empty repository with a local identity and no signing, whatever the machine's git config says. */
export function initRepository(git: (...args: string[]) => string): void {
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'fixture@example.test');
  git('config', 'user.name', 'Fixture');
  git('config', 'commit.gpgsign', 'false');
  git('config', 'tag.gpgsign', 'false');
  git('config', 'core.autocrlf', 'false');
}

function readSpec(source: string): ChangeSpec {
  const path = join(source, 'change.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ChangeSpec) : {};
}

