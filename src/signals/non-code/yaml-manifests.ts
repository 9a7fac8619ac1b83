import { readYamlDocuments } from '../../shared/read-yaml.js';
import { emptyInventory, type InfraInventory, type InfraResource, isRecord, parseJson } from './infra-inventory.js';

/**
 * CloudFormation templates and Kubernetes manifests, read with a YAML parser (multi-document
 * streams, quoting, flow collections; CloudFormation's `!Ref`-style tags keep their value).
 * Helm templates are not YAML until rendered: where one does not parse, the inventory says so
 * and the change is reported as "could not be parsed", never as removing nothing.
 */

function isJsonPath(path: string): boolean {
  return path.endsWith('.json');
}

/** The file's documents: one for JSON, every `---` document for YAML; undefined when it does not parse. */
function readDocuments(path: string, text: string): unknown[] | undefined {
  if (!isJsonPath(path)) return readYamlDocuments(text);
  const document = parseJson(text);
  return document === undefined ? undefined : [document];
}

function isTemplate(document: unknown): document is Record<string, unknown> {
  if (!isRecord(document)) return false;
  if (document.AWSTemplateFormatVersion !== undefined) return true;
  const resources = document.Resources;
  return isRecord(resources) && Object.values(resources).length > 0 && Object.values(resources).every((entry) => isRecord(entry) && typeof entry.Type === 'string');
}

/**
 * A JSON or YAML CloudFormation/SAM template: declares a format version, or top-level typed
 * `Resources`. A YAML file that does not parse is recognised by those top-level keys, so a
 * broken template is still reported (as unparsable) rather than passing unnoticed.
 */
export function isCloudFormation(path: string, text: string): boolean {
  // Either key is written out in a template; a file naming neither (a lockfile of megabytes,
  // changed with every dependency bump) is not parsed to learn that: it was seconds per run.
  if (!text.includes('AWSTemplateFormatVersion') && !text.includes('Resources')) return false;
  const documents = readDocuments(path, text);
  if (documents) return isTemplate(documents[0]);
  return !isJsonPath(path) && (/^AWSTemplateFormatVersion\s*:/m.test(text) || (/^Resources\s*:/m.test(text) && /^\s+Type\s*:\s*\S/m.test(text)));
}

/** Logical ids (with their types) under the top-level `Resources` of a template. */
export function cloudFormationInventory(text: string, path: string): InfraInventory {
  const documents = readDocuments(path, text);
  if (!documents) return emptyInventory(false);
  const template = documents[0];
  const resources = isRecord(template) && isRecord(template.Resources) ? template.Resources : {};
  return {
    resources: Object.entries(resources).map(([id, entry]): InfraResource => {
      const type = isRecord(entry) ? entry.Type : undefined;
      return { key: id, label: `resource ${id}${typeof type === 'string' ? ` (${type})` : ''}` };
    }),
    retained: [],
    isParsed: true,
  };
}

/** A YAML document with top-level `apiVersion` and `kind`: a Kubernetes object (or a Helm template of one). */
export function isKubernetesManifest(path: string, text: string): boolean {
  return !isJsonPath(path) && /^apiVersion\s*:\s*\S/m.test(text) && /^kind\s*:\s*\S/m.test(text);
}

/** Kind, namespace and name of each object in a (multi-document) manifest; `List` items count one by one. */
export function kubernetesInventory(text: string): InfraInventory {
  const documents = readYamlDocuments(text);
  if (!documents) return emptyInventory(false);
  const resources: InfraResource[] = [];
  const add = (object: unknown): void => {
    if (!isRecord(object) || typeof object.kind !== 'string') return;
    if (object.kind.endsWith('List') && Array.isArray(object.items)) {
      object.items.forEach(add);
      return;
    }
    const metadata = isRecord(object.metadata) ? object.metadata : {};
    if (typeof metadata.name !== 'string' || metadata.name === '') return;
    const qualified = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? `${metadata.namespace}/${metadata.name}` : metadata.name;
    resources.push({ key: `${object.kind}/${qualified}`, label: `${object.kind} ${qualified}` });
  };
  documents.forEach(add);
  return { resources, retained: [], isParsed: true };
}
