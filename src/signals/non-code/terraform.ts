import type { InfraInventory } from './infra-inventory.js';
import { isRecord, parseJson } from './infra-inventory.js';
import { closingBracket, maskHcl } from './source-text.js';

/** A `resource` or `module` block. `body` is comment-free text, searched for lifecycle flags. */
export interface TerraformBlock {
  address: string;
  label: string;
  body: string;
}

export interface TerraformFile {
  blocks: TerraformBlock[];
  /**
   * `from` addresses of `moved` blocks and of `removed` blocks with `destroy = false`: renamed
   * in, or forgotten by, the state, so not destroyed.
   */
  keptInState: string[];
  isParsed: boolean;
}

function block(kind: string, labels: string[], body: string): TerraformBlock | null {
  const [first, second] = labels;
  if (kind === 'resource' && first && second) return { address: `${first}.${second}`, label: `resource ${first}.${second}`, body };
  if (kind === 'module' && first) return { address: `module.${first}`, label: `module ${first}`, body };
  return null;
}

function readHcl(text: string): TerraformFile {
  const masked = maskHcl(text);
  const blocks: TerraformBlock[] = [];
  const keptInState: string[] = [];
  for (const found of masked.matchAll(/^[ \t]*(resource|module|moved|removed)\b([^{\n]*)\{/gm)) {
    const open = found.index + found[0].length - 1;
    const body = masked.slice(open, closingBracket(masked, open));
    // Labels are strings, blanked in the masked text; read them from the original at the same offsets.
    const labels = [...text.slice(found.index, open).matchAll(/"([^"]*)"/g)].map((label) => label[1] ?? '');
    if (found[1] === 'moved' || found[1] === 'removed') {
      const from = /\bfrom\s*=\s*([\w.-]+)/.exec(body)?.[1];
      if (from && (found[1] === 'moved' || /\bdestroy\s*=\s*false\b/.test(body))) keptInState.push(from);
    } else {
      const declared = block(found[1] ?? '', labels, body);
      if (declared) blocks.push(declared);
    }
  }
  return { blocks, keptInState, isParsed: true };
}

/** JSON syntax allows a block type to be an object or an array of objects. */
function objects(value: unknown): Record<string, unknown>[] {
  return (Array.isArray(value) ? value : [value]).filter(isRecord);
}

function readJson(text: string): TerraformFile {
  const document = parseJson(text);
  if (!isRecord(document)) return { blocks: [], keptInState: [], isParsed: false };
  const blocks: TerraformBlock[] = [];
  for (const types of objects(document.resource)) {
    for (const [type, named] of Object.entries(types)) {
      for (const names of objects(named)) {
        for (const [name, body] of Object.entries(names)) blocks.push({ address: `${type}.${name}`, label: `resource ${type}.${name}`, body: JSON.stringify(body) });
      }
    }
  }
  for (const modules of objects(document.module)) {
    for (const [name, body] of Object.entries(modules)) blocks.push({ address: `module.${name}`, label: `module ${name}`, body: JSON.stringify(body) });
  }
  const keptInState = objects(document.moved).flatMap((moved) => (typeof moved.from === 'string' ? [moved.from] : []));
  return { blocks, keptInState, isParsed: true };
}

/** Reads a `.tf` or `.tf.json` file. */
export function readTerraform(text: string, path: string): TerraformFile {
  return path.endsWith('.json') ? readJson(text) : readHcl(text);
}

/** The resource/module inventory of a Terraform file. */
export function terraformInventory(text: string, path: string): InfraInventory {
  const file = readTerraform(text, path);
  return { resources: file.blocks.map((entry) => ({ key: entry.address, label: entry.label })), retained: file.keptInState, isParsed: file.isParsed };
}

/** Attribute test that works on HCL (`a = true`) and on stringified JSON (`"a":true`). */
function sets(body: string, attribute: string, value: boolean): boolean {
  return new RegExp(`\\b${attribute}"?\\s*[=:]\\s*${value}\\b`).test(body);
}

/**
 * Safety switches turned off on a resource that already exists: `prevent_destroy = true`
 * removed, `force_destroy = true` added (non-empty buckets get deleted), deletion protection
 * set to false or dropped.
 */
export function describeProtectionChanges(address: string, before: string, after: string): string[] {
  const details: string[] = [];
  if (sets(before, 'prevent_destroy', true) && !sets(after, 'prevent_destroy', true)) details.push(`prevent_destroy removed from ${address}`);
  if (sets(after, 'force_destroy', true) && !sets(before, 'force_destroy', true)) details.push(`force_destroy enabled on ${address}`);
  const isNowOff = sets(after, 'deletion_protection', false) && !sets(before, 'deletion_protection', false);
  const isDropped = sets(before, 'deletion_protection', true) && !sets(after, 'deletion_protection', true);
  if (isNowOff || isDropped) details.push(`deletion_protection disabled on ${address}`);
  return details;
}
