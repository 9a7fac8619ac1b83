import type * as Yaml from 'yaml';
import { lazyRequire } from './lazy-require.js';

const yaml = lazyRequire<typeof Yaml>('yaml');

/**
 * The documents of a YAML stream (`---`-separated) as plain values, or undefined when any
 * document has a syntax error, so a caller can say "could not be parsed" instead of guessing.
 * Unknown tags (CloudFormation's `!Ref`, `!GetAtt`) keep their plain value. `logLevel: silent`:
 * the library would otherwise print warnings on the process's stderr.
 */
export function readYamlDocuments(text: string): unknown[] | undefined {
  const documents = yaml().parseAllDocuments(text, { logLevel: 'silent', prettyErrors: false });
  if (documents.some((document) => document.errors.length > 0)) return undefined;
  // maxAliasCount keeps a "billion laughs" file from expanding without bound.
  return documents.map((document) => document.toJS({ maxAliasCount: 100 }) as unknown);
}
