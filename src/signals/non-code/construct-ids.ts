import type { InfraInventory, InfraResource } from './infra-inventory.js';
import { lexScript } from './source-text.js';

/** Module specifiers that make a script CDK (incl. CDK for Terraform) or Pulumi code. */
const cdkModule = /^(?:aws-cdk-lib(?:\/.*)?|constructs|@aws-cdk\/.+|cdktf(?:\/.*)?|@cdktf\/.+)$/;
const pulumiModule = /^@pulumi\/.+$/;

/** Specifiers of `import ... from 'x'`, `import 'x'`, `import('x')`, `require('x')`, `export ... from 'x'`. */
function importedModules(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g)].map((found) => found[1] ?? '');
}

/** 'cdk' or 'pulumi' when the script imports their libraries; comments do not count. */
export function detectCodeInfra(text: string): 'cdk' | 'pulumi' | null {
  const modules = importedModules(lexScript(text).masked);
  if (modules.some((specifier) => cdkModule.test(specifier))) return 'cdk';
  if (modules.some((specifier) => pulumiModule.test(specifier))) return 'pulumi';
  return null;
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/**
 * CDK constructs: `new Bucket(this, 'Logs')`, `new Stack(app, 'Prod')`. The id is the logical
 * id's seed, so a vanished id means CloudFormation deletes the resource. The class is part of
 * the key (a new class under the same id replaces the resource), without its namespace, so
 * `s3.Bucket` -> `Bucket` after an import change is not a removal.
 */
export function cdkInventory(text: string): InfraInventory {
  const code = lexScript(text).masked;
  const resources: InfraResource[] = [];
  for (const found of code.matchAll(/\bnew\s+([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(\s*[A-Za-z_$][\w$]*\s*,\s*(['"`])([^'"`\n]+)\2/g)) {
    const type = found[1] ?? '';
    const id = found[3] ?? '';
    resources.push({ key: `${lastSegment(type)} ${id}`, label: `construct ${type} '${id}'` });
  }
  return { resources, retained: [], isParsed: true };
}

/** Classes that take a string first and are not Pulumi resources. */
const notResources = new Set(['Error', 'TypeError', 'RangeError', 'Date', 'RegExp', 'URL', 'Map', 'Set', 'Promise', 'Buffer', 'Config', 'Output', 'Asset', 'StringAsset', 'FileAsset', 'FileArchive', 'AssetArchive']);

/**
 * Pulumi resources: `new aws.s3.Bucket("logs", ...)`. The URN is type plus name, so a vanished
 * name means `pulumi up` deletes the resource.
 */
export function pulumiInventory(text: string): InfraInventory {
  const code = lexScript(text).masked;
  const resources: InfraResource[] = [];
  for (const found of code.matchAll(/\bnew\s+([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(\s*(['"`])([^'"`\n]+)\2/g)) {
    const type = found[1] ?? '';
    const name = found[3] ?? '';
    if (notResources.has(lastSegment(type)) || !/^[A-Z]/.test(lastSegment(type))) continue;
    resources.push({ key: `${lastSegment(type)} ${name}`, label: `resource ${type} "${name}"` });
  }
  return { resources, retained: [], isParsed: true };
}
