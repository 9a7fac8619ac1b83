import { compareStrings } from '../../shared/compare.js';
import { isSourceFile, isVendoredPath } from '../../shared/source-files.js';
import type { ChangedFile, Unknown } from '../../shared/types.js';
import { unknownStatementMarker } from './destructive-sql.js';
import { assessEnvFile, isEnvFile } from './env-files.js';
import { assessInfrastructure, detectInfraKind, type InfraSubject } from './infrastructure.js';
import { assessMigration } from './migrations.js';
import { baseName, compileClassMatcher } from './non-code-globs.js';
import type { Assessment, NonCodeChange, NonCodeClass, NonCodeGlobs, NonCodeTexts } from './non-code-types.js';
import { diffPackageJson } from './package-json-diff.js';

export { defaultNonCodeGlobs } from './non-code-globs.js';
export type { NonCodeChange, NonCodeClass, NonCodeGlobs, NonCodeTexts } from './non-code-types.js';

/** A changed file with its path classes and texts ('' for a side where it does not exist, undefined when not loaded). */
interface Subject {
  file: ChangedFile;
  classes: Set<NonCodeClass>;
  base: string | undefined;
  head: string | undefined;
}

function pathClasses(file: ChangedFile, classesOf: (path: string) => NonCodeClass[]): Set<NonCodeClass> {
  return new Set([...classesOf(file.path), ...(file.oldPath === file.path ? [] : classesOf(file.oldPath))]);
}

function isPackageJson(path: string): boolean {
  return baseName(path) === 'package.json';
}

/** Files whose text may reveal infrastructure that their path does not (CDK/Pulumi code, templates, manifests). */
function isSniffable(path: string): boolean {
  return isSourceFile(path) || /\.(ya?ml|json|template)$/.test(path);
}

function isTextWanted(path: string, classes: Set<NonCodeClass>): boolean {
  return (
    classes.has('infrastructure') ||
    classes.has('migration') ||
    (classes.has('dependencies') && isPackageJson(path)) ||
    (classes.has('env-config') && isEnvFile(path)) ||
    isSniffable(path)
  );
}

/**
 * Paths whose texts the classifier wants: base side by `oldPath`, head side by `path`.
 * Binary and vendored files are classified by path alone, so they are never asked for.
 */
export function nonCodeTextsNeeded(files: ChangedFile[], extra: NonCodeGlobs): { base: string[]; head: string[] } {
  const classesOf = compileClassMatcher(extra);
  const base = new Set<string>();
  const head = new Set<string>();
  for (const file of files) {
    if (file.isBinary || isVendoredPath(file.path) || !isTextWanted(file.path, pathClasses(file, classesOf))) continue;
    if (file.status !== 'added') base.add(file.oldPath);
    if (file.status !== 'deleted') head.add(file.path);
  }
  return { base: [...base].sort(compareStrings), head: [...head].sort(compareStrings) };
}

function toSubject(file: ChangedFile, texts: NonCodeTexts, classesOf: (path: string) => NonCodeClass[]): Subject {
  const read = (isAbsent: boolean, map: ReadonlyMap<string, string>, path: string): string | undefined =>
    file.isBinary ? undefined : isAbsent ? '' : map.get(path);
  return {
    file,
    classes: pathClasses(file, classesOf),
    base: read(file.status === 'added', texts.base, file.oldPath),
    head: read(file.status === 'deleted', texts.head, file.path),
  };
}

function describeStatus(file: ChangedFile): string[] {
  const status = file.status === 'modified' ? [] : [file.status === 'renamed' ? `file renamed from ${file.oldPath}` : `file ${file.status}`];
  return file.isBinary ? [...status, 'binary file; contents not inspected'] : status;
}

/** Lockfiles resolved from package.json, where a change without a manifest change means re-resolved versions. */
const npmLockfiles = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock']);

const nothingFound: Assessment = { isDestructive: false, details: [] };

/** Per-class assessments of one file; several classes may come from one file (package.json). */
function assessSubject(subject: Subject, infrastructure: Assessment | undefined, hasManifestChange: boolean): Map<NonCodeClass, Assessment> {
  const { file, base, head } = subject;
  const found = new Map<NonCodeClass, Assessment>();
  const add = (nonCodeClass: NonCodeClass, assessment: Assessment): void => {
    const previous = found.get(nonCodeClass) ?? nothingFound;
    found.set(nonCodeClass, { isDestructive: previous.isDestructive || assessment.isDestructive, details: [...previous.details, ...assessment.details] });
  };
  for (const nonCodeClass of subject.classes) {
    if (nonCodeClass === 'dependencies' && isPackageJson(file.path)) {
      if (base === undefined || head === undefined) add('dependencies', { isDestructive: false, details: ['package.json text not available; treated as a dependency change'] });
      else {
        const diff = diffPackageJson(base || '{}', head || '{}');
        if (diff.dependencies) add('dependencies', diff.dependencies);
        if (diff.buildConfig) add('build-config', diff.buildConfig);
      }
    } else if (nonCodeClass === 'lockfile' && file.status === 'modified' && !hasManifestChange && npmLockfiles.has(baseName(file.path))) {
      add('lockfile', { isDestructive: false, details: ['changed without a package.json change: re-resolved or transitive versions'] });
    } else if (nonCodeClass === 'env-config' && isEnvFile(file.path)) add('env-config', assessEnvFile(file.path, base, head));
    else if (nonCodeClass === 'migration') add('migration', assessMigration(file, base, head));
    else if (nonCodeClass === 'infrastructure') add('infrastructure', infrastructure ?? nothingFound);
    else add(nonCodeClass, nothingFound);
  }
  return found;
}

/**
 * Classifies changed files that are not TypeScript code into risk classes, with details and
 * whether the change is destructive. Path globs decide the classes; texts refine them (CDK or
 * Pulumi code, CloudFormation and Kubernetes files are recognised by content) and supply the
 * details. Missing texts degrade to path-only classification. Sorted by file, then class.
 */
export function classifyNonCodeChanges(files: ChangedFile[], texts: NonCodeTexts, extra: NonCodeGlobs): NonCodeChange[] {
  const classesOf = compileClassMatcher(extra);
  const subjects = files.filter((file) => !isVendoredPath(file.path)).map((file) => toSubject(file, texts, classesOf));
  const infraSubjects: InfraSubject[] = [];
  for (const subject of subjects) {
    const kind = isSniffable(subject.file.path) || subject.classes.has('infrastructure') ? detectInfraKind(subject.file.path, [subject.head, subject.base]) : null;
    if (kind) subject.classes.add('infrastructure');
    if (subject.classes.has('infrastructure')) infraSubjects.push({ file: subject.file, base: subject.base, head: subject.head, kind });
  }
  const infrastructure = assessInfrastructure(infraSubjects);
  const hasManifestChange = subjects.some(({ file }) => isPackageJson(file.path) || isPackageJson(file.oldPath));
  const changes: NonCodeChange[] = [];
  for (const subject of subjects) {
    for (const [nonCodeClass, assessment] of assessSubject(subject, infrastructure.get(subject.file.path), hasManifestChange)) {
      const details = [...describeStatus(subject.file), ...assessment.details];
      changes.push({ file: subject.file.path, class: nonCodeClass, isDestructive: assessment.isDestructive, details: details.length > 0 ? details : ['file modified'] });
    }
  }
  return changes.sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.class, b.class));
}

/**
 * Migration statements that could destroy data and that risk could not read: unknowns (parse
 * errors of the changed file), so `onUnknown` applies to them as to code it could not read.
 */
export function findNonCodeUnknowns(changes: NonCodeChange[]): Unknown[] {
  const marker = new RegExp(`^line \\d+: ${unknownStatementMarker} `);
  return changes
    .filter((change) => change.class === 'migration')
    .flatMap((change) => change.details.filter((detail) => marker.test(detail)).map((reason): Unknown => ({ kind: 'parse-error', file: change.file, specifier: null, reason })));
}
