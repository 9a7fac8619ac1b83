const fixTypes = new Set(['fix', 'bugfix', 'hotfix']);

/**
 * A fix by its subject: a conventional-commit type `fix`/`hotfix` (`fix(scope)!: ...`), or,
 * without a conventional type, a fix/bug/regression/crash word. `docs: fix typo` is no fix,
 * and neither is a revert (it is counted as a revert).
 */
export function isFixCommit(subject: string): boolean {
  if (isRevertSubject(subject)) return false;
  const conventional = /^([a-z]+)(\([^)]*\))?!?:/i.exec(subject);
  if (conventional) return fixTypes.has((conventional[1] ?? '').toLowerCase());
  return /\b(fix(es|ed|ing)?|bug(s|fix)?|hotfix|regression|crash(es)?)\b/i.test(subject) && !/\btypos?\b/i.test(subject);
}

export function isRevertSubject(subject: string): boolean {
  return /^revert\b/i.test(subject);
}
