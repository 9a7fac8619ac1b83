/**
 * Which git step an agent's shell command takes, so its hook knows what to analyse before the
 * command runs. Read from the command text the agent is about to run; shell quoting is only
 * approximated (a `git commit` inside a quoted string counts too: the hook errs on checking).
 */
export type GitStep =
  /**
   * `git commit`: what it records is the index. `includesUnstaged` when it will record more than
   * is staged now: -a/--all, or a `git add`/`rm`/`mv` earlier in the same command line (the hook
   * runs before any of it).
   */
  | { kind: 'commit'; includesUnstaged: boolean; cwd: string | null }
  /** `git push`: the commits it sends. */
  | { kind: 'push'; cwd: string | null };

/** Options of `git` itself that take a value (`git -C dir commit`). */
const valuedGitOptions = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env']);

/** The git commits and pushes in a shell command line, in order (empty when there are none). */
export function findGitSteps(command: string): GitStep[] {
  const steps: GitStep[] = [];
  let stagesFirst = false;
  // Split on the shell's command separators; subshells and pipes are separators too.
  for (const segment of command.split(/&&|\|\||[;|\n()`]|\$\(/)) {
    const words = segment.trim().split(/\s+/).filter((word) => word !== '');
    const gitIndex = words.findIndex((word) => word === 'git' || word.endsWith('/git'));
    if (gitIndex === -1) continue;
    let cwd: string | null = null;
    let index = gitIndex + 1;
    while (index < words.length && words[index]!.startsWith('-')) {
      const option = words[index]!;
      if (option === '-C') cwd = unquote(words[index + 1] ?? '');
      index += valuedGitOptions.has(option) ? 2 : 1;
    }
    const subcommand = words[index];
    const rest = words.slice(index + 1);
    if (subcommand === 'add' || subcommand === 'rm' || subcommand === 'mv' || subcommand === 'stage') stagesFirst = true;
    else if (subcommand === 'commit') steps.push({ kind: 'commit', includesUnstaged: stagesFirst || rest.some(isAllFlag), cwd });
    else if (subcommand === 'push') steps.push({ kind: 'push', cwd });
  }
  return steps;
}

/** -a, --all, or a short-flag cluster with a (`-am "msg"`). */
function isAllFlag(word: string): boolean {
  return word === '--all' || /^-[a-zA-Z]*a[a-zA-Z]*$/.test(word);
}

function unquote(word: string): string {
  return word.replace(/^(['"])(.*)\1$/, '$2');
}
