import type * as Dotenv from 'dotenv';
import { compareStrings } from '../../shared/compare.js';
import { baseName } from './non-code-globs.js';
import { lazyRequire } from '../../shared/lazy-require.js';
import type { Assessment } from './non-code-types.js';

const dotenv = lazyRequire<typeof Dotenv>('dotenv');

/** `.env`, `.env.local`, `.env.production`, ... at any depth. */
export function isEnvFile(path: string): boolean {
  return /^\.env(\.[^/]*)?$/.test(baseName(path));
}

/** Templates that document variables for developers; nothing loads them at runtime. */
function isExampleEnvFile(path: string): boolean {
  return /^\.env\.(example|sample|template|dist|defaults)$/.test(baseName(path));
}

/**
 * Variable name -> value as dotenv reads it (quotes removed, `export` prefixes, comments and
 * multi-line quoted values handled), so only edits that change what a program sees count.
 */
function readVariables(text: string): Map<string, string> {
  return new Map(Object.entries(dotenv().parse(text)));
}

/**
 * Names the variables added, removed or changed. Values are never quoted: env files hold
 * secrets, and details end up in CI logs and PR comments.
 */
export function assessEnvFile(path: string, base: string | undefined, head: string | undefined): Assessment {
  const details = isExampleEnvFile(path) ? ['example file: documents variables, not loaded at runtime'] : [];
  if (base === undefined || head === undefined) return { isDestructive: false, details };
  const before = readVariables(base);
  const after = readVariables(head);
  for (const name of [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings)) {
    const from = before.get(name);
    const to = after.get(name);
    if (from === undefined) details.push(`added variable ${name}`);
    else if (to === undefined) details.push(`removed variable ${name}`);
    else if (from !== to) details.push(`changed variable ${name}`);
  }
  return { isDestructive: false, details };
}
