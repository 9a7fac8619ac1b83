import type { ChainLink } from '../shared/types.js';

/** `src/a.ts#foo -> src/index.ts#foo -> src/app.ts#main` */
export function formatChain(chain: ChainLink[]): string {
  return chain.map((link) => (link.symbol === null ? link.file : `${link.file}#${link.symbol}`)).join(' -> ');
}
