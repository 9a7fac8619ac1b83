import { isSourceFile } from '../../shared/source-files.js';
import type { ChangedFile } from '../../shared/types.js';
import { cdkInventory, detectCodeInfra, pulumiInventory } from './construct-ids.js';
import type { InfraInventory } from './infra-inventory.js';
import { dirName } from './non-code-globs.js';
import type { Assessment } from './non-code-types.js';
import { describeProtectionChanges, readTerraform, terraformInventory } from './terraform.js';
import { cloudFormationInventory, isCloudFormation, isKubernetesManifest, kubernetesInventory } from './yaml-manifests.js';

export type InfraKind = 'terraform' | 'cloudformation' | 'cdk' | 'pulumi' | 'kubernetes';

/** A changed infrastructure file. Texts are '' for a side where the file does not exist, undefined when not loaded. */
export interface InfraSubject {
  file: ChangedFile;
  base: string | undefined;
  head: string | undefined;
  kind: InfraKind | null;
}

interface KindRules {
  read: (text: string, path: string) => InfraInventory;
  /**
   * Files whose declarations share one namespace: a resource that leaves one file of a group
   * for another file of the same group was moved, not removed. Terraform and Kubernetes
   * (kustomize) scope by folder; a CDK construct's logical id depends on its scope, and a
   * template is its own stack, so those are per file; Pulumi names are per stack, not per file.
   */
  group: (file: ChangedFile, side: 'base' | 'head') => string;
}

const byFolder = (file: ChangedFile, side: 'base' | 'head'): string => dirName(side === 'base' ? file.oldPath : file.path);
const byFile = (file: ChangedFile): string => file.path;

const kindRules: Record<InfraKind, KindRules> = {
  terraform: { read: terraformInventory, group: byFolder },
  cloudformation: { read: cloudFormationInventory, group: byFile },
  cdk: { read: cdkInventory, group: byFile },
  pulumi: { read: pulumiInventory, group: () => '' },
  kubernetes: { read: kubernetesInventory, group: byFolder },
};

/** Which infrastructure code a file is, from its path and the texts of its sides; null when none is recognised. */
export function detectInfraKind(path: string, texts: (string | undefined)[]): InfraKind | null {
  if (/\.tf(\.json)?$/.test(path)) return 'terraform';
  for (const text of texts) {
    if (!text) continue;
    if (isSourceFile(path)) {
      const kind = detectCodeInfra(text);
      if (kind) return kind;
    } else if (/\.(ya?ml|json|template)$/.test(path)) {
      if (isCloudFormation(path, text)) return 'cloudformation';
      if (isKubernetesManifest(path, text)) return 'kubernetes';
    }
  }
  return null;
}

/** Declarations still present on the head side, per kind and group. */
function headDeclarations(subjects: InfraSubject[]): Set<string> {
  const present = new Set<string>();
  for (const { file, head, kind } of subjects) {
    if (!kind || !head) continue;
    const rules = kindRules[kind];
    const inventory = rules.read(head, file.path);
    const group = `${kind}\0${rules.group(file, 'head')}\0`;
    for (const key of [...inventory.resources.map((resource) => resource.key), ...inventory.retained]) present.add(group + key);
  }
  return present;
}

/** Terraform safety switches turned off, attached to the head file that now declares the resource. */
function protectionChanges(subjects: InfraSubject[]): Map<string, string[]> {
  const before = new Map<string, string>();
  for (const { file, base } of subjects) {
    if (!base) continue;
    for (const block of readTerraform(base, file.oldPath).blocks) before.set(`${byFolder(file, 'base')}\0${block.address}`, block.body);
  }
  const changes = new Map<string, string[]>();
  for (const { file, head } of subjects) {
    if (!head) continue;
    for (const block of readTerraform(head, file.path).blocks) {
      const old = before.get(`${byFolder(file, 'head')}\0${block.address}`);
      if (old !== undefined) changes.set(file.path, [...(changes.get(file.path) ?? []), ...describeProtectionChanges(block.address, old, block.body)]);
    }
  }
  return changes;
}

function assessOne(subject: InfraSubject, present: Set<string>, protections: string[]): Assessment {
  const { file, base, head, kind } = subject;
  const isDeleted = file.status === 'deleted';
  if (!kind || base === undefined) {
    return isDeleted ? { isDestructive: true, details: ['deleted infrastructure file: whatever it declared may be destroyed'] } : { isDestructive: protections.length > 0, details: protections };
  }
  if (!isDeleted && head === undefined) return { isDestructive: false, details: ['text not available; removed resources not checked'] };
  const rules = kindRules[kind];
  const inventory = rules.read(base, file.oldPath);
  const headInventory = head ? rules.read(head, file.path) : null;
  if (!inventory.isParsed || headInventory?.isParsed === false) {
    return { isDestructive: isDeleted, details: ['could not be parsed; removed resources not checked'] };
  }
  const group = `${kind}\0${rules.group(file, 'base')}\0`;
  const removed = [...new Set(inventory.resources.filter((resource) => !present.has(group + resource.key)).map((resource) => `removed ${resource.label}`))];
  const details = [...removed, ...protections];
  if (isDeleted && removed.length === 0 && inventory.resources.length > 0) details.push('its resources are still declared in other changed files');
  return { isDestructive: removed.length > 0 || protections.length > 0, details };
}

/**
 * Assesses changed infrastructure files together, so a resource moved between files of one
 * group is not reported as removed. Destructive: a declared resource (Terraform resource or
 * module, CloudFormation logical id, CDK construct, Pulumi resource, Kubernetes object) gone
 * from the head side, a Terraform safety switch turned off, or a deleted file whose contents
 * could not be inventoried. Keyed by `file.path`.
 */
export function assessInfrastructure(subjects: InfraSubject[]): Map<string, Assessment> {
  const present = headDeclarations(subjects);
  const protections = protectionChanges(subjects.filter((subject) => subject.kind === 'terraform'));
  return new Map(subjects.map((subject) => [subject.file.path, assessOne(subject, present, protections.get(subject.file.path) ?? [])]));
}
