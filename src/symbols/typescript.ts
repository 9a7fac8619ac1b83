import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

/**
 * ts-morph, and the TypeScript compiler inside it, takes about 0.4 s of CPU just to load: more
 * than a whole warm run. It is loaded on the first question that needs it (a file to parse, a
 * tsconfig to read, a specifier to resolve), so a run the cache answers never loads it.
 *
 * `ts` and `tsMorph` are live bindings, undefined until `loadTypeScript()` ran: every exported
 * function that uses them calls it first (it costs a comparison after the first time).
 */
export let ts: typeof TsMorph.ts;
export let tsMorph: typeof TsMorph;

export function loadTypeScript(): void {
  if (tsMorph !== undefined) return;
  tsMorph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
  ts = tsMorph.ts;
}
