import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { GitError, UsageError } from '../src/shared/errors.js';
import { hookManagerLine, installPrePushHook, uninstallPrePushHook } from '../src/hook/install-hook.js';
import { initRepository, runGit } from './helpers/fixture-repo.js';

// Runs before the imports (src/diff/git.ts reads the environment at import). A temp HOME shuts out the
// machine's global config, e.g. a core.hooksPath (simple-git refuses GIT_CONFIG_GLOBAL); the ceiling
// shuts out any repository around the temp folder.
const globalConfig = await vi.hoisted(async () => {
  const [fs, os, path] = await Promise.all([import('node:fs'), import('node:os'), import('node:path')]);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'risk-hook-home-'));
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = home;
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  process.env.GIT_CEILING_DIRECTORIES = os.tmpdir();
  const file = path.join(home, '.gitconfig');
  fs.writeFileSync(file, '');
  return file;
});

const command = '"/usr/bin/node" "/opt/risk tool/bin/risk.js"';
const foreignHook = '#!/bin/sh\necho husky was here\n';
const temporaryDirs: string[] = [];

function createRepo(): { dir: string; git: (...args: string[]) => string } {
  // git reports the real path of the top level (macOS symlinks /var to /private/var).
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'risk-hook-')));
  temporaryDirs.push(dir);
  const git = (...args: string[]): string => runGit(dir, args);
  initRepository(git);
  return { dir, git };
}

function writeForeignHook(dir: string): string {
  const path = join(dir, '.git', 'hooks', 'pre-push');
  mkdirSync(join(dir, '.git', 'hooks'), { recursive: true });
  writeFileSync(path, foreignHook, { mode: 0o755 });
  return path;
}

afterEach(() => {
  writeFileSync(globalConfig, '');
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(() => rmSync(dirname(globalConfig), { recursive: true, force: true }));

describe('hook-install (slow)', () => {
  it('installs an executable sh hook with the marker and the command into .git/hooks', async () => {
    const { dir } = createRepo();
    const result = await installPrePushHook({ cwd: dir, force: false, command });
    expect(result).toEqual({ path: join(dir, '.git', 'hooks', 'pre-push'), action: 'installed' });
    const text = readFileSync(result.path, 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text).toContain('# risk-pre-push-hook v1');
    expect(text).toContain('git push --no-verify');
    // The absolute path is machine-bound: the hook says how it was made and how to refresh it.
    expect(text).toContain('Made by `risk hook install`');
    expect(text).toContain('run `risk hook install` again to refresh it');
    expect(text).toContain(`exec ${command} --pre-push "$1" "$2"`);
    expect(statSync(result.path).mode & 0o777).toBe(0o755);
  });

  it('honours a relative core.hooksPath, resolved from the top level even when run in a subfolder', async () => {
    const { dir, git } = createRepo();
    git('config', 'core.hooksPath', '.githooks');
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    const result = await installPrePushHook({ cwd: join(dir, 'src', 'deep'), force: false, command });
    expect(result).toEqual({ path: join(dir, '.githooks', 'pre-push'), action: 'installed' });
    expect(readFileSync(result.path, 'utf8')).toContain('# risk-pre-push-hook v1');
    expect(existsSync(join(dir, '.git', 'hooks', 'pre-push'))).toBe(false);
  });

  it('refuses a core.hooksPath from global config unless forced, since every repository shares it', async () => {
    const { dir } = createRepo();
    const sharedHooks = `${dir}-shared-hooks`;
    temporaryDirs.push(sharedHooks);
    writeFileSync(globalConfig, `[core]\n\thooksPath = ${sharedHooks}\n`);
    await expect(installPrePushHook({ cwd: dir, force: false, command })).rejects.toThrow(/global git config/);
    expect(existsSync(sharedHooks)).toBe(false);
    const result = await installPrePushHook({ cwd: dir, force: true, command });
    expect(result).toEqual({ path: join(sharedHooks, 'pre-push'), action: 'installed' });
  });

  it('rewrites its own hook on reinstall', async () => {
    const { dir } = createRepo();
    await installPrePushHook({ cwd: dir, force: false, command: '"/old/node" "/old/risk.js"' });
    const result = await installPrePushHook({ cwd: dir, force: false, command });
    expect(result.action).toBe('updated');
    const text = readFileSync(result.path, 'utf8');
    expect(text).toContain(command);
    expect(text).not.toContain('/old/');
  });

  it('refuses to overwrite a foreign hook and leaves it untouched', async () => {
    const { dir } = createRepo();
    const path = writeForeignHook(dir);
    const error = await installPrePushHook({ cwd: dir, force: false, command }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(path);
    expect((error as UsageError).hint).toContain('--force');
    expect((error as UsageError).hint).toContain(hookManagerLine(command));
    expect(readFileSync(path, 'utf8')).toBe(foreignHook);
    expect(existsSync(join(dir, '.git', 'hooks', 'pre-push.risk-backup'))).toBe(false);
  });

  it('with force, moves a foreign hook to pre-push.risk-backup; uninstall restores it', async () => {
    const { dir } = createRepo();
    const path = writeForeignHook(dir);
    const backup = join(dir, '.git', 'hooks', 'pre-push.risk-backup');
    expect(await installPrePushHook({ cwd: dir, force: true, command })).toEqual({ path, action: 'replaced' });
    expect(readFileSync(backup, 'utf8')).toBe(foreignHook);
    expect(readFileSync(path, 'utf8')).toContain('# risk-pre-push-hook v1');

    expect(await uninstallPrePushHook(dir)).toEqual({ path, action: 'restored' });
    expect(readFileSync(path, 'utf8')).toBe(foreignHook);
    expect(statSync(path).mode & 0o777).toBe(0o755);
    expect(existsSync(backup)).toBe(false);
  });

  it('never overwrites an existing backup when forcing over another foreign hook', async () => {
    const { dir } = createRepo();
    const path = writeForeignHook(dir);
    const backup = join(dir, '.git', 'hooks', 'pre-push.risk-backup');
    writeFileSync(backup, 'earlier backup\n');
    await expect(installPrePushHook({ cwd: dir, force: true, command })).rejects.toBeInstanceOf(UsageError);
    expect(readFileSync(path, 'utf8')).toBe(foreignHook);
    expect(readFileSync(backup, 'utf8')).toBe('earlier backup\n');
  });

  it('uninstall removes its own hook when there is no backup', async () => {
    const { dir } = createRepo();
    const { path } = await installPrePushHook({ cwd: dir, force: false, command });
    expect(await uninstallPrePushHook(dir)).toEqual({ path, action: 'removed' });
    expect(existsSync(path)).toBe(false);
  });

  it('uninstall refuses to remove a foreign hook', async () => {
    const { dir } = createRepo();
    const path = writeForeignHook(dir);
    const error = await uninstallPrePushHook(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(path);
    expect((error as UsageError).hint).toBeTruthy();
    expect(readFileSync(path, 'utf8')).toBe(foreignHook);
  });

  it('uninstall with nothing installed reports not-installed', async () => {
    const { dir } = createRepo();
    expect(await uninstallPrePushHook(dir)).toEqual({ path: join(dir, '.git', 'hooks', 'pre-push'), action: 'not-installed' });
  });

  it('fails with a GitError outside a repository and in a bare one', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'risk-hook-outside-'));
    temporaryDirs.push(outside);
    await expect(installPrePushHook({ cwd: outside, force: false, command })).rejects.toBeInstanceOf(GitError);
    const { dir, git } = createRepo();
    git('init', '-q', '--bare', 'bare.git');
    await expect(installPrePushHook({ cwd: join(dir, 'bare.git'), force: false, command })).rejects.toBeInstanceOf(GitError);
    expect(existsSync(join(dir, 'bare.git', 'hooks', 'pre-push'))).toBe(false);
  });

  it('runs the given command with --pre-push, the remote name and URL, and git stdin', async () => {
    const { dir } = createRepo();
    // The space proves the command's own quoting survives into the hook.
    const fakeDir = `${dir} fake bin`;
    temporaryDirs.push(fakeDir);
    mkdirSync(fakeDir);
    const fake = join(fakeDir, 'fake-risk.sh');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > "${fakeDir}/args"\ncat > "${fakeDir}/stdin"\n`);
    chmodSync(fake, 0o755);
    const { path } = await installPrePushHook({ cwd: dir, force: false, command: `sh '${fake}'` });

    const stdin = 'refs/heads/main 1111 refs/heads/main 0000\nrefs/heads/x 2222 refs/heads/x 3333\n';
    execFileSync('sh', [path, 'origin', 'https://example.test/repo.git'], { cwd: dir, input: stdin });
    expect(readFileSync(join(fakeDir, 'args'), 'utf8')).toBe('--pre-push\norigin\nhttps://example.test/repo.git\n');
    expect(readFileSync(join(fakeDir, 'stdin'), 'utf8')).toBe(stdin);
  });

  it('is the hook git itself runs on push', async () => {
    const { dir, git } = createRepo();
    const remote = `${dir}-remote.git`;
    temporaryDirs.push(remote);
    runGit(dir, ['init', '-q', '--bare', remote]);
    git('remote', 'add', 'origin', remote);
    git('commit', '-q', '--allow-empty', '-m', 'first');
    const record = join(dir, '.git', 'pushed');
    await installPrePushHook({ cwd: dir, force: false, command: `sh -c 'printf "%s\\n" "$@"; cat' sh > '${record}'` });
    git('push', '-q', 'origin', 'main');
    const head = git('rev-parse', 'HEAD').trim();
    expect(readFileSync(record, 'utf8')).toBe(`--pre-push\norigin\n${remote}\nrefs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`);
  });
});

describe('hookManagerLine', () => {
  it('passes --pre-push and the hook arguments to the command', () => {
    const line = hookManagerLine(command);
    expect(line).toContain(command);
    expect(line).toContain('--pre-push');
    expect(line).toBe(`${command} --pre-push "$1" "$2"`);
  });
});
