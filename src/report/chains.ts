import type { ChainLink, ChainNode } from '../shared/types.js';

/**
 * The chain that ends at link `index` of a chain table (`RiskReport.chains`), first link first:
 * a changed symbol, then each file and export the change flows through. Empty for an index
 * outside the table.
 */
export function chainOf(chains: readonly ChainNode[], index: number): ChainLink[] {
  const links: ChainLink[] = [];
  const seen = new Set<number>();
  for (let current: number | null = index; current !== null && !seen.has(current); ) {
    const node: ChainNode | undefined = chains[current];
    if (node === undefined) break;
    seen.add(current);
    links.push({ file: node.file, symbol: node.symbol });
    current = node.parent;
  }
  return links.reverse();
}

/** The changed symbol a chain starts from (its first link). */
export function chainOrigin(chains: readonly ChainNode[], index: number): ChainLink | undefined {
  return chainOf(chains, index)[0];
}
