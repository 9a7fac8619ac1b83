import { emptyInventory, type InfraInventory, type InfraResource, isRecord, parseJson } from './infra-inventory.js';

/**
 * CloudFormation templates and Kubernetes manifests, read with line scans rather than a YAML
 * parser: only top-level structure matters, and a scan tolerates Helm `{{ }}` and `!Ref` tags.
 */

function isJsonPath(path: string): boolean {
  return path.endsWith('.json');
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The content lines (with their indent) under the first top-level line `header` matches, up to the next top-level line; null without one. */
function blockLines(lines: string[], header: RegExp): { line: string; indent: number }[] | null {
  const start = lines.findIndex((line) => header.test(line));
  if (start === -1) return null;
  const block: { line: string; indent: number }[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!isContent(line)) continue;
    const indent = indentOf(line);
    if (indent === 0) break;
    block.push({ line, indent });
  }
  return block;
}

function isContent(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== '' && !trimmed.startsWith('#');
}

/** A JSON or YAML CloudFormation/SAM template: declares a format version, or top-level typed `Resources`. */
export function isCloudFormation(path: string, text: string): boolean {
  if (isJsonPath(path)) {
    const document = parseJson(text);
    if (!isRecord(document)) return false;
    if (document.AWSTemplateFormatVersion !== undefined) return true;
    const resources = document.Resources;
    return isRecord(resources) && Object.values(resources).length > 0 && Object.values(resources).every((entry) => isRecord(entry) && typeof entry.Type === 'string');
  }
  return /^AWSTemplateFormatVersion\s*:/m.test(text) || (/^Resources\s*:/m.test(text) && /^\s+Type\s*:\s*\S/m.test(text));
}

/** Logical ids (with their types) under the top-level `Resources` of a template. */
export function cloudFormationInventory(text: string, path: string): InfraInventory {
  const label = (id: string, type: unknown): InfraResource => ({ key: id, label: `resource ${id}${typeof type === 'string' ? ` (${type})` : ''}` });
  if (isJsonPath(path)) {
    const document = parseJson(text);
    if (!isRecord(document)) return emptyInventory(false);
    const resources = isRecord(document.Resources) ? document.Resources : {};
    return { resources: Object.entries(resources).map(([id, entry]) => label(id, isRecord(entry) ? entry.Type : undefined)), retained: [], isParsed: true };
  }
  const block = blockLines(text.split('\n'), /^Resources\s*:\s*(#.*)?$/);
  if (block === null) return emptyInventory(true);
  const resources: { id: string; type: string | undefined; childIndent: number | null }[] = [];
  let idIndent: number | null = null;
  for (const { line, indent } of block) {
    idIndent ??= indent;
    const id = /^\s*([A-Za-z0-9]+)\s*:/.exec(line)?.[1];
    const current = resources.at(-1);
    if (indent === idIndent && id) resources.push({ id, type: undefined, childIndent: null });
    else if (current && indent > idIndent) {
      // `Type` counts only as a direct child of the resource, not inside its Properties.
      current.childIndent ??= indent;
      const type = /^\s*Type\s*:\s*['"]?([\w:-]+)/.exec(line)?.[1];
      if (indent === current.childIndent && type) current.type ??= type;
    }
  }
  return { resources: resources.map((entry) => label(entry.id, entry.type)), retained: [], isParsed: true };
}

/** A YAML document with top-level `apiVersion` and `kind`: a Kubernetes object (or a Helm template of one). */
export function isKubernetesManifest(path: string, text: string): boolean {
  return !isJsonPath(path) && /^apiVersion\s*:\s*\S/m.test(text) && /^kind\s*:\s*\S/m.test(text);
}

/** The value of `key:` among the direct children of top-level `metadata:`. */
function metadataField(lines: string[], key: string): string | undefined {
  let childIndent: number | null = null;
  for (const { line, indent } of blockLines(lines, /^metadata\s*:\s*$/) ?? []) {
    childIndent ??= indent;
    const value = new RegExp(`^\\s*${key}\\s*:\\s*(.+?)\\s*$`).exec(line)?.[1];
    if (indent === childIndent && value) return value.replace(/^['"]|['"]$/g, '');
  }
  return undefined;
}

/** Kind, namespace and name of each object in a (multi-document) manifest. */
export function kubernetesInventory(text: string): InfraInventory {
  const resources: InfraResource[] = [];
  for (const document of text.split(/^---.*$/m)) {
    const lines = document.split('\n');
    const kind = /^kind\s*:\s*['"]?([\w.-]+)/m.exec(document)?.[1];
    const name = metadataField(lines, 'name');
    if (!kind || !name) continue;
    const namespace = metadataField(lines, 'namespace');
    const qualified = namespace ? `${namespace}/${name}` : name;
    resources.push({ key: `${kind}/${qualified}`, label: `${kind} ${qualified}` });
  }
  return { resources, retained: [], isParsed: true };
}
