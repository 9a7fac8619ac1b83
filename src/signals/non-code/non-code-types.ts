/**
 * Shapes shared by the non-code classifiers. They live apart from `non-code.ts` so the
 * per-class modules can use them without importing the entry point that imports them.
 * The report-facing types (NonCodeClass, NonCodeChange) are defined in `types.ts`.
 */
export type { NonCodeChange, NonCodeClass } from '../../shared/types.js';

/**
 * Globs per class (picomatch, repo-relative, dot files included). User globs are added to
 * the defaults, never replace them, so a config cannot silently drop a built-in class.
 */
export interface NonCodeGlobs {
  /** Dependency manifests. `package.json` is compared field by field; other matches count as changed dependencies. */
  dependencies: string[];
  /** Resolved dependency trees (package-lock.json, yarn.lock, ...). */
  lockfile: string[];
  /** Files that change how the code is built, bundled, tested or shipped. */
  buildConfig: string[];
  /** Runtime configuration: `.env` files, config folders, compose files. */
  envConfig: string[];
  /** Database migrations and schema files. */
  migration: string[];
  /** Infrastructure as code: Terraform, CloudFormation, CDK, Pulumi, Kubernetes, Helm. */
  infrastructure: string[];
}

/** Texts of changed files: base side keyed by `oldPath`, head side keyed by `path`. */
export interface NonCodeTexts {
  base: ReadonlyMap<string, string>;
  head: ReadonlyMap<string, string>;
}

/** What one classifier found for one file and class; merged into a NonCodeChange. */
export interface Assessment {
  isDestructive: boolean;
  details: string[];
}
