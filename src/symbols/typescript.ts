import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';
import { requireWithCodeCache } from '../cache/code-cache.js';

/**
 * The TypeScript compiler takes about 0.2-0.4 s of CPU just to load, ts-morph's own wrappers
 * around it almost 0.1 s more: together more than a whole warm run. The compiler is loaded on
 * the first question that needs it (a file to parse, a tsconfig to read, a specifier to
 * resolve), ts-morph only when a type checker is built (loadTsMorph), so a run the cache answers
 * loads neither, and a cold run whose changes need no checker never loads ts-morph.
 *
 * `ts` and `tsMorph` are live bindings, undefined until loaded: every exported function that
 * uses them calls the loader first (it costs a comparison after the first time).
 */
export let ts: typeof TsMorph.ts;
export let tsMorph: typeof TsMorph;

const require = createRequire(import.meta.url);

export function loadTypeScript(): void {
  if (ts !== undefined) return;
  // The very compiler ts-morph bundles (resolved from ts-morph's own folder), so that nodes and
  // enums are one and the same once ts-morph is loaded too.
  // Its compiled code comes from the code cache (cache/code-cache.ts) when there is one.
  ts = requireWithCodeCache(createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common/dist/typescript.js')) as typeof TsMorph.ts;
}

export function loadTsMorph(): void {
  if (tsMorph !== undefined) return;
  loadTypeScript();
  tsMorph = requireWithCodeCache(require.resolve('ts-morph')) as typeof TsMorph;
}
