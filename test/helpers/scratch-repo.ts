import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import type { RiskReport } from '../../src/shared/types.js';
import { initRepository, runGit } from './fixture-repo.js';
import { riskBinary } from './risk-binary.js';
import { testEnvironment } from './test-environment.js';
import { makeTestTemp } from './test-temp.js';

/**
 * Repositories built in the test itself, for inputs a fixture folder cannot hold (symlinks,
 * binary or latin-1 bytes, odd file names, submodules, thousands of files).
 */
export interface ScratchRepo {
  dir: string;
  git: (...args: string[]) => string;
  /** Writes a file (creating folders); a string is written as UTF-8. */
  write: (path: string, content: string | Buffer) => void;
  /** `git add -A` and a commit; returns the new commit's sha. */
  commitAll: (message: string) => string;
}

const created: string[] = [];

/** Removes every repository made by `createScratchRepo` / `createScratchDir` since the last call. */
export function cleanupScratch(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** An empty temp dir, removed by `cleanupScratch`. */
export function createScratchDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `risk-${label}-`));
  created.push(dir);
  return dir;
}

/** A small TypeScript project every scenario starts from: `b` uses `a`. */
export const baseProject: Record<string, string> = {
  'tsconfig.json': '{ "compilerOptions": { "strict": true, "module": "NodeNext", "moduleResolution": "NodeNext" } }\n',
  'package.json': '{ "name": "scratch", "type": "module" }\n',
  'src/a.ts': 'export function a(): number {\n  return 1;\n}\n',
  'src/b.ts': "import { a } from './a.js';\n\nexport const b = a();\n",
};

/**
 * A git repository in a temp dir with `files` committed on `main`, then `feature` checked out
 * (unless `commit` is false: then the files are only written, and nothing is committed).
 */
export function createScratchRepo(label: string, files: Record<string, string | Buffer> = baseProject, options: { commit?: boolean } = {}): ScratchRepo {
  const dir = createScratchDir(label);
  const git = (...args: string[]): string => runGit(dir, args);
  const write = (path: string, content: string | Buffer): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  const commitAll = (message: string): string => {
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD').trim();
  };
  initRepository(git);
  for (const [path, content] of Object.entries(files)) write(path, content);
  if (options.commit !== false) {
    commitAll('base');
    git('checkout', '-q', '-b', 'feature');
  }
  return { dir, git, write, commitAll };
}

/** `files` on `main`, and on `feature` a committed body change of `a` (so there is something to analyse). */
export function createChangedScratchRepo(label: string, files: Record<string, string | Buffer> = baseProject): ScratchRepo {
  const repo = createScratchRepo(label, files);
  repo.write('src/a.ts', 'export function a(): number {\n  return 2;\n}\n');
  repo.commitAll('change a');
  return repo;
}

/** One cache folder per test process (as in risk-binary.ts), so runs never touch the user's ~/.cache. */
let cacheHome: string | undefined;

export interface BoundedResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns the built binary like `runRisk`, but killed after `timeoutMs` (a hang is a failure,
 * not a stuck test run) and with room for big JSON reports.
 */
export function runRiskBounded(cwd: string, args: string[], options: { timeoutMs?: number; env?: Record<string, string>; input?: string } = {}): BoundedResult {
  cacheHome ??= makeTestTemp('risk-cache-home-');
  const env = testEnvironment({ XDG_CACHE_HOME: cacheHome, ...options.env });
  const result = spawnSync(process.execPath, [riskBinary, ...args], {
    cwd,
    encoding: 'utf8',
    env,
    timeout: options.timeoutMs ?? 30_000,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
    input: options.input ?? '',
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Runs with `--format json`, asserts a clean exit with `status`, and returns the report. */
export function analyseJson(cwd: string, args: string[], status: 0 | 1, options: { timeoutMs?: number; env?: Record<string, string> } = {}): RiskReport {
  const result = runRiskBounded(cwd, [...args, '--format', 'json'], options);
  expect({ status: result.status, signal: result.signal, stderr: result.stderr }).toEqual({ status, signal: null, stderr: '' });
  return JSON.parse(result.stdout) as RiskReport;
}

/**
 * Exit 2, nothing on stdout, and exactly `risk: <message>` + `hint: <fix>` on stderr with no
 * stack trace.
 */
export function expectCleanError(result: BoundedResult, message: RegExp, hint: RegExp = /^hint: \S/): void {
  expect({ status: result.status, signal: result.signal, stdout: result.stdout }).toEqual({ status: 2, signal: null, stdout: '' });
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr.endsWith('\n')).toBe(true);
  const lines = result.stderr.slice(0, -1).split('\n');
  expect(lines).toEqual([expect.stringMatching(message), expect.stringMatching(hint)]);
}

/** `file#name change` per changed symbol, in report order. */
export function symbolsOf(report: RiskReport): string[] {
  return report.changedSymbols.map((symbol) => `${symbol.file}#${symbol.name} ${symbol.change}`);
}

/** `file depth` (plus `broken` / `types`) per affected file, in report order. */
export function affectedOf(report: RiskReport): string[] {
  return report.affectedFiles.map((file) => `${file.file} ${file.depth}${file.isBroken ? ' broken' : ''}${file.typeOnly ? ' types' : ''}`);
}

/** `kind file specifier` per unknown, in report order. */
export function unknownsOf(report: RiskReport): string[] {
  return report.unknowns.map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.specifier ?? '-'}`);
}

/** `path status` (plus `<- oldPath` for renames, `binary`) per changed file, in report order. */
export function changedFilesOf(report: RiskReport): string[] {
  return report.changedFiles.map((file) => `${file.path} ${file.status}${file.path !== file.oldPath ? ` <- ${file.oldPath}` : ''}${file.isBinary ? ' binary' : ''}`);
}
