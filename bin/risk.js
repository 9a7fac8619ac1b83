#!/usr/bin/env node
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// A run is short and touches much code once: V8's optimizing compiler, inlining callees into
// every hot function, spent about as much CPU on its background threads as the analysis itself
// (a cold run of a leaf edit on a 7,000-file monorepo: 3.1 s CPU with inlining, 2.6 s without;
// wall time also lower). Set before any of the tool's code is loaded, so that every compilation
// sees it; the compiler's code cache (src/cache/code-cache.ts) is keyed by V8 to these flags.
setFlagsFromString('--no-turbo-inlining');

// The CLI bundled into one file (scripts/bundle.js), loaded through V8's code cache: no module
// to resolve, link or compile. Where the bundle is older than the compiled modules (a `tsc`
// without `npm run build`), the modules themselves, so that a stale bundle never runs.
const bundle = new URL('../dist/bundle/risk.cjs', import.meta.url);
const modules = new URL('../dist/cli.js', import.meta.url);
const modifiedAt = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs;
const bundled = modifiedAt(bundle);
try {
  if (bundled !== undefined && bundled >= (modifiedAt(modules) ?? 0)) {
    const { requireWithCodeCache } = await import('../dist/cache/code-cache.js');
    requireWithCodeCache(fileURLToPath(bundle));
  } else {
    await import(modules.href);
  }
} catch (error) {
  // No build (a fresh checkout) or one under way: exit 2 like any run that could not analyse,
  // never 1, which a CI job would read as a policy verdict.
  const code = /** @type {{ code?: string }} */ (error)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const message = /** @type {Error} */ (error).message.split('\n')[0];
  const isBuild = message.includes(`${root}dist`);
  const what = isBuild ? 'this copy of risk is not built, or its build is incomplete' : 'a package risk needs is not installed';
  process.stderr.write(`risk: ${what} (${message})\nhint: run \`${isBuild ? 'npm run build' : 'npm ci'}\` in ${root}\n`);
  process.exitCode = 2;
}
