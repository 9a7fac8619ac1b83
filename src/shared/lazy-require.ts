import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use instead of at startup. Loading every parser a run
 * might need (SQL, YAML, .env, semver, gitignore patterns) costs more than a warm run of a
 * change that needs none of them; each is loaded by the first question that does.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
