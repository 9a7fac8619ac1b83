/** Process exit codes. Named once here so every stage and test agrees on them. */
export const ExitCode = {
  /** The change is within policy. */
  Ok: 0,
  /** The change exceeds the policy. */
  PolicyFailed: 1,
  /** The analysis could not be done (bad input, bad config, internal error). */
  CannotAnalyse: 2,
} as const;

/** A problem the user can fix. The CLI prints `message` and `hint` without a stack. */
export class RiskError extends Error {
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** Invalid or unreadable configuration (`.riskrc.json`, `package.json#risk`, tsconfig). */
export class ConfigError extends RiskError {}

/** Git could not give us what we need: not a repository, unknown ref, missing history. */
export class GitError extends RiskError {}

/** Flags that do not fit together or make no sense. */
export class UsageError extends RiskError {}

/** The analysis hit a limit the user set (--timeout, --max-memory). */
export class ResourceError extends RiskError {}

export function isRiskError(error: unknown): error is RiskError {
  return error instanceof RiskError;
}

/** The lines every front end shows for a known error: `risk: message` and, when there is one, `hint: ...`. */
export function formatRiskError(error: RiskError): string {
  return `risk: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`;
}
