import type { RiskReport } from '../shared/types.js';
import { escapeMermaidLabel } from './escape-markdown.js';

/** Most nodes drawn, the "… and N more files" node included; past that a graph stops being readable. */
export const maxGraphNodes = 40;

interface GraphNode {
  file: string;
  /** 0 for the files of changed symbols, else the shortest distance along a `via` chain. */
  depth: number;
  symbols: Set<string>;
  isChanged: boolean;
  isBroken: boolean;
}

/**
 * The blast radius as a Mermaid flowchart (without the code fence): one node per file, labelled
 * `file#symbol`, edges along the links of the chain table, changed files in class
 * `changed` and broken importers in class `broken`. Over `maxGraphNodes` files, the nearest
 * ones are kept and a last node counts the rest. Node ids are generated (`n0`, `n1` …), so no
 * file name reaches Mermaid outside an escaped label. Empty string when nothing changed.
 */
export function formatMermaidGraph(report: RiskReport): string {
  const nodes = collectNodes(report);
  if (nodes.size === 0) return '';
  const ordered = [...nodes.values()].sort((a, b) => a.depth - b.depth || compareText(a.file, b.file));
  const kept = ordered.length > maxGraphNodes ? ordered.slice(0, maxGraphNodes - 1) : ordered;
  const ids = new Map(kept.map((node, index) => [node.file, `n${index}`]));

  const lines = ['flowchart LR'];
  for (const node of kept) lines.push(`  ${ids.get(node.file) ?? ''}["${escapeMermaidLabel(nodeLabel(node))}"]`);
  const hidden = ordered.length - kept.length;
  if (hidden > 0) lines.push(`  n${kept.length}["… and ${hidden} more files"]`);
  lines.push(...edgeLines(report, ids));
  lines.push('  classDef changed fill:#fde68a,stroke:#b45309,color:#000');
  lines.push('  classDef broken fill:#fecaca,stroke:#b91c1c,color:#000');
  if (hidden > 0) lines.push('  classDef more fill:#f3f4f6,stroke:#9ca3af,stroke-dasharray:3 3,color:#000');
  const classMembers = (isMember: (node: GraphNode) => boolean): string =>
    kept.flatMap((node) => (isMember(node) ? [ids.get(node.file) ?? ''] : [])).join(',');
  const changed = classMembers((node) => node.isChanged);
  const broken = classMembers((node) => node.isBroken && !node.isChanged);
  if (changed !== '') lines.push(`  class ${changed} changed`);
  if (broken !== '') lines.push(`  class ${broken} broken`);
  if (hidden > 0) lines.push(`  class n${kept.length} more`);
  return lines.join('\n');
}

function collectNodes(report: RiskReport): Map<string, GraphNode> {
  const nodes = new Map<string, GraphNode>();
  const visit = (file: string, depth: number, symbol: string | null): GraphNode => {
    let node = nodes.get(file);
    if (node === undefined) {
      node = { file, depth, symbols: new Set(), isChanged: false, isBroken: false };
      nodes.set(file, node);
    }
    node.depth = Math.min(node.depth, depth);
    if (symbol !== null) node.symbols.add(symbol);
    return node;
  };
  for (const symbol of report.changedSymbols) visit(symbol.file, 0, symbol.name).isChanged = true;
  // Parents come before children in the chain table, so one pass gives every link's depth.
  const depths: number[] = [];
  report.chains.forEach((link, index) => {
    const depth = link.parent === null ? 0 : (depths[link.parent] ?? 0) + 1;
    depths[index] = depth;
    visit(link.file, depth, link.symbol);
  });
  for (const affected of report.affectedFiles) visit(affected.file, affected.depth, null).isBroken ||= affected.isBroken;
  return nodes;
}

function edgeLines(report: RiskReport, ids: Map<string, string>): string[] {
  const edges = new Map<string, [number, number]>();
  for (const link of report.chains) {
    if (link.parent === null) continue;
    const from = ids.get(report.chains[link.parent]?.file ?? '');
    const to = ids.get(link.file);
    if (from === undefined || to === undefined || from === to) continue;
    edges.set(`${from} --> ${to}`, [Number(from.slice(1)), Number(to.slice(1))]);
  }
  return [...edges.entries()].sort(([, a], [, b]) => a[0] - b[0] || a[1] - b[1]).map(([edge]) => `  ${edge}`);
}

function nodeLabel(node: GraphNode): string {
  const symbols = [...node.symbols].sort(compareText);
  if (symbols.length === 0) return node.file;
  return symbols.length === 1 ? `${node.file}#${symbols[0] ?? ''}` : `${node.file}#{${symbols.join(', ')}}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
