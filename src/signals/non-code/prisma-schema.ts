import { compareStrings } from '../../shared/compare.js';
import type { Assessment } from './non-code-types.js';

interface PrismaBlock {
  kind: 'model' | 'enum';
  /** Field names of a model, values of an enum. */
  members: Set<string>;
}

/**
 * Blanks string literals and `//` comments (keeping offsets and newlines), so a brace inside
 * `@default("{}")` or a comment cannot end a block early.
 */
function maskStringsAndComments(text: string): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|\/\/[^\n]*/g, (token) => (token.startsWith('"') ? `"${' '.repeat(token.length - 2)}"` : ' '.repeat(token.length)));
}

/**
 * Models and enums of a Prisma schema; comments, string contents and block attributes
 * (`@@index`) are skipped. The Prisma schema language is small and line-oriented; a parser
 * package (@mrleebo/prisma-ast with chevrotain, 2.4 MB; @prisma/internals, far larger) would
 * cost more than these blocks need. test/real-world-samples.test.ts holds a realistic schema.
 */
function readBlocks(text: string): Map<string, PrismaBlock> {
  const blocks = new Map<string, PrismaBlock>();
  const withoutComments = maskStringsAndComments(text);
  for (const found of withoutComments.matchAll(/^\s*(model|enum)\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const members = new Set<string>();
    for (const line of (found[3] ?? '').split('\n')) {
      const member = /^\s*([A-Za-z_]\w*)\b/.exec(line)?.[1];
      if (member) members.add(member);
    }
    blocks.set(found[2] ?? '', { kind: found[1] === 'enum' ? 'enum' : 'model', members });
  }
  return blocks;
}

/**
 * Compares two Prisma schemas. A removed model, field, enum or enum value becomes a dropped
 * table, column or type in the next generated migration: data loss, hence destructive.
 */
export function diffPrismaSchema(baseText: string, headText: string): Assessment {
  const before = readBlocks(baseText);
  const after = readBlocks(headText);
  const details: string[] = [];
  for (const name of [...before.keys()].sort(compareStrings)) {
    const old = before.get(name);
    const current = after.get(name);
    if (!old) continue;
    if (!current || current.kind !== old.kind) {
      details.push(`removed ${old.kind} ${name}`);
      continue;
    }
    const memberKind = old.kind === 'model' ? 'field' : 'enum value';
    for (const member of [...old.members].sort(compareStrings)) {
      if (!current.members.has(member)) details.push(`removed ${memberKind} ${name}.${member}`);
    }
  }
  return { isDestructive: details.length > 0, details };
}
