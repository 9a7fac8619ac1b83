import type { ts as Ts } from 'ts-morph';
import { ts } from './typescript.js';

/**
 * Parent links, set by our own walks instead of a pass of the parser's over the whole tree
 * (about a fifth of the parse): the fact walks go down from each top-level statement and link
 * every node they enter before looking at it, so every node they read `.parent` from (its own,
 * or an ancestor's on the way up) is linked. Walks that look ahead into code not entered yet
 * (alias scopes, a declaration further down) link what they enter the same way.
 */
export function linkParent(child: Ts.Node, parent: Ts.Node): void {
  (child as { parent: Ts.Node }).parent = parent;
}

/** Calls `visit` on each child of `node`, linked to it first. */
export function forEachLinkedChild(node: Ts.Node, visit: (child: Ts.Node) => void): void {
  ts.forEachChild(node, (child) => {
    linkParent(child, node);
    visit(child);
  });
}

/** Links the nodes between `from` and its descendant `to` (a declaration walked on its own). */
export function linkPath(from: Ts.Node, to: Ts.Node): void {
  let current = from;
  while (current !== to) {
    let next: Ts.Node | undefined;
    ts.forEachChild(current, (child) => {
      if (child.pos <= to.pos && to.end <= child.end) next = child;
      return next;
    });
    if (next === undefined) return;
    linkParent(next, current);
    current = next;
  }
}
