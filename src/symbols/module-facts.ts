import type { ts as Ts } from 'ts-morph';
import { loadTypeScript, ts } from './typescript.js';
import type { SymbolKind } from '../shared/types.js';
import { collectModuleUses, collectReferences, findModuleMentions, getStaticString, hasMentionIn, isRequireCall, type ReferenceSink } from './collect-references.js';
import { fingerprintNode } from './fingerprint.js';
import { linkParent, linkPath } from './parent-links.js';
import { bindingNames } from './local-scopes.js';
import { commonJsObject, moduleOwner, objectMemberLocal, type ImportBinding, type ModuleFacts } from './module-facts-types.js';

export interface FactsOptions {
  /** Compute declaration fingerprints (only needed for changed files). */
  withFingerprints: boolean;
}

/**
 * Parses one file (syntax only, no type checker) and lists its imports, exports and
 * top-level declarations with what each refers to. This is the unit both the symbol
 * diff and the importer graph are built from.
 */
export function extractModuleFacts(path: string, text: string, options: FactsOptions): ModuleFacts {
  return readFacts(path, text, options.withFingerprints, false);
}

/** A file's imports as far as confirming them needs (see extractImportFacts). */
export interface ImportFacts {
  /** Each specifier the file uses (import, re-export, require, import(), import type), once, in order. */
  specifiers: string[];
  /** The text of each `import(expr)` / `require(expr)` of a computed path, in order. */
  dynamicSpecifiers: string[];
  /** Syntax errors, as "line:col message". */
  parseErrors: string[];
}

/**
 * The same parse as extractModuleFacts and the same imports, module uses and computed paths,
 * but without what each declaration refers to (about a third of the facts' cost, more on a
 * cold process): for files whose imports are only confirmed, never walked (module-graph.ts).
 * A different type from ModuleFacts on purpose: it can never be taken for, or cached as, them.
 */
export function extractImportFacts(path: string, text: string): ImportFacts {
  return importFactsOf(readFacts(path, text, false, true));
}

/** The ImportFacts part of full facts. */
export function importFactsOf(facts: ModuleFacts): ImportFacts {
  const specifiers = new Set<string>();
  for (const binding of facts.imports) specifiers.add(binding.specifier);
  for (const reExport of facts.reExports) specifiers.add(reExport.specifier);
  for (const use of facts.moduleUses) specifiers.add(use.specifier);
  return { specifiers: [...specifiers], dynamicSpecifiers: facts.dynamicSpecifiers.map((dynamic) => dynamic.expression), parseErrors: facts.parseErrors };
}

/** `usesOnly`: module uses without references, lines or fingerprints; the result is not full facts. */
function readFacts(path: string, text: string, withFingerprints: boolean, usesOnly: boolean): ModuleFacts {
  loadTypeScript();
  try {
    // JSDoc is left unparsed (plain comments): nothing here reads it (forEachChild never visits
    // it, fingerprints skip it), and parsing it is about a tenth of the parse on documented code.
    // Parent links are set by the fact walks themselves (parent-links.ts); fingerprints read
    // the parser's own children lists, so changed files get the parser's links.
    const sourceFile = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, withFingerprints, scriptKindOf(path));
    const facts: ModuleFacts = { ...emptyFacts(path), parseErrors: readParseErrors(sourceFile) };
    const builder = new FactsBuilder(facts, sourceFile, withFingerprints, usesOnly ? findModuleMentions(text) : null);
    const lined = new Set<string>();
    // The line of the first statement that uses each specifier: where a broken import is annotated.
    const addLines = (statement: Ts.Statement, uses: readonly { specifier: string }[], from: number): void => {
      for (let index = from; index < uses.length; index++) {
        const specifier = (uses[index] as { specifier: string }).specifier;
        if (lined.has(specifier)) continue;
        lined.add(specifier);
        facts.specifierLines.push([specifier, sourceFile.getLineAndCharacterOfPosition(statement.getStart(sourceFile)).line + 1]);
      }
    };
    for (const statement of sourceFile.statements) {
      const imports = facts.imports.length;
      const reExports = facts.reExports.length;
      const moduleUses = facts.moduleUses.length;
      linkParent(statement, sourceFile);
      builder.addStatement(statement);
      if (usesOnly) continue;
      addLines(statement, facts.imports, imports);
      addLines(statement, facts.reExports, reExports);
      addLines(statement, facts.moduleUses, moduleUses);
    }
    return facts;
  } catch (error) {
    // The parser and our walkers recurse once per nesting level: generated code with thousands
    // of nested parentheses or object literals overflows the stack. That is this file's problem
    // only; it becomes a parse error (and an unknown), never a failed run.
    if (!isStackOverflow(error)) throw error;
    return { ...emptyFacts(path), parseErrors: [`1:1 ${tooDeepToParse}`] };
  }
}

/** The parse error of a file nested too deeply for the parser (see isUnparsed). */
export const tooDeepToParse = 'nesting too deep for the parser (maximum call stack size exceeded); nothing in this file could be read';

/** True when nothing of the file could be read: its facts are empty, not merely incomplete. */
export function isUnparsed(facts: Pick<ModuleFacts, 'parseErrors'>): boolean {
  return facts.parseErrors.length === 1 && facts.parseErrors[0]?.endsWith(tooDeepToParse) === true;
}

/** The reason of a file's parse-error unknown; `consequence` says what it leaves unknown. */
export function describeParseError(facts: Pick<ModuleFacts, 'parseErrors'>, consequence: string): string {
  if (isUnparsed(facts)) return `could not be parsed: ${tooDeepToParse}`;
  return `syntax error at ${facts.parseErrors[0] ?? '?'}; ${consequence}`;
}

/** A RangeError from a too-deep recursion (V8's message; other engines word it alike). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack|too much recursion/i.test(error.message);
}

/** The facts of a file with nothing in it (a deleted file's head side, say). */
export function emptyFacts(path: string): ModuleFacts {
  return { path, imports: [], reExports: [], moduleUses: [], exports: new Map(), locals: new Map(), dynamicSpecifiers: [], parseErrors: [], specifierLines: [], augmentations: [] };
}

class FactsBuilder {
  constructor(
    private readonly facts: ModuleFacts,
    private readonly sourceFile: Ts.SourceFile,
    private readonly withFingerprints: boolean,
    /**
     * Set: read only the module uses of declarations (extractImportFacts), not their references,
     * and walk only the declarations where the text mentions a module (findModuleMentions).
     */
    private readonly moduleMentions: readonly number[] | null,
  ) {}

  /** The top-level statement being read: the walks of its declarations start below it. */
  private statement: Ts.Statement | undefined;

  addStatement(statement: Ts.Statement): void {
    this.statement = statement;
    if (ts.isImportDeclaration(statement)) return this.addImport(statement);
    if (ts.isExportDeclaration(statement)) return this.addExportDeclaration(statement);
    if (ts.isExportAssignment(statement)) return this.addExportAssignment(statement);
    if (ts.isImportEqualsDeclaration(statement)) return this.addImportEquals(statement);
    if (ts.isVariableStatement(statement)) return this.addVariableStatement(statement);
    if (this.addCommonJsExport(statement)) return;
    if (ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name)) this.addAmbientModuleImports(statement);
    if (this.withFingerprints && ts.isModuleDeclaration(statement)) {
      const target = augmentationTarget(statement);
      if (target !== undefined) this.facts.augmentations.push([target, fingerprintNode(statement, this.sourceFile)]);
    }
    const named = namedDeclaration(statement);
    if (named === null) return this.addLocal(moduleOwner, 'module', statement, false);
    const [name, kind] = named;
    const isExported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    const local = name ?? 'default';
    this.addLocal(local, kind, statement, kind === 'interface' || kind === 'type');
    if (isExported && isDefault) this.facts.exports.set('default', local);
    else if (isExported) this.facts.exports.set(local, local);
  }

  /** `declare module 'x' { import { T } from './t' }`: declarations only, so its imports are type-only uses. */
  private addAmbientModuleImports(statement: Ts.ModuleDeclaration): void {
    const body = statement.body;
    if (body === undefined || !ts.isModuleBlock(body)) return;
    const start = this.facts.imports.length;
    for (const inner of body.statements) {
      if (ts.isImportDeclaration(inner)) this.addImport(inner);
    }
    for (const binding of this.facts.imports.slice(start)) binding.isTypeOnly = true;
  }

  private addImport(statement: Ts.ImportDeclaration): void {
    const specifier = getStaticString(statement.moduleSpecifier);
    if (specifier === null) return;
    const clause = statement.importClause;
    if (clause === undefined) {
      this.facts.moduleUses.push({ specifier, owner: moduleOwner, kind: 'side-effect', member: null, isTypeOnly: false });
      return;
    }
    const clauseTypeOnly = clause.isTypeOnly;
    if (clause.name) this.addBinding({ local: clause.name.text, imported: 'default', specifier, isTypeOnly: clauseTypeOnly, isRequire: false });
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      this.addBinding({ local: bindings.name.text, imported: '*', specifier, isTypeOnly: clauseTypeOnly, isRequire: false });
    } else if (bindings) {
      for (const element of bindings.elements) {
        const imported = (element.propertyName ?? element.name).text;
        this.addBinding({ local: element.name.text, imported, specifier, isTypeOnly: clauseTypeOnly || element.isTypeOnly, isRequire: false });
      }
    }
  }

  private addExportDeclaration(statement: Ts.ExportDeclaration): void {
    const specifier = statement.moduleSpecifier ? getStaticString(statement.moduleSpecifier) : null;
    const clause = statement.exportClause;
    if (specifier !== null) {
      const isTypeOnly = statement.isTypeOnly;
      if (clause === undefined) {
        this.facts.reExports.push({ specifier, imported: '*', exported: '*', isTypeOnly });
      } else if (ts.isNamespaceExport(clause)) {
        this.facts.reExports.push({ specifier, imported: '*', exported: clause.name.text, isTypeOnly });
      } else {
        for (const element of clause.elements) {
          const imported = (element.propertyName ?? element.name).text;
          this.facts.reExports.push({ specifier, imported, exported: element.name.text, isTypeOnly: isTypeOnly || element.isTypeOnly });
        }
      }
      return;
    }
    if (clause && ts.isNamedExports(clause)) {
      for (const element of clause.elements) this.facts.exports.set(element.name.text, (element.propertyName ?? element.name).text);
    }
  }

  private addExportAssignment(statement: Ts.ExportAssignment): void {
    const exported = statement.isExportEquals ? 'export=' : 'default';
    if (ts.isIdentifier(statement.expression)) {
      this.facts.exports.set(exported, statement.expression.text);
      return;
    }
    this.addLocal(exported, statement.isExportEquals ? 'export-equals' : 'default', statement, false);
    this.facts.exports.set(exported, exported);
  }

  private addImportEquals(statement: Ts.ImportEqualsDeclaration): void {
    const name = statement.name.text;
    const reference = statement.moduleReference;
    if (ts.isExternalModuleReference(reference)) {
      const specifier = getStaticString(reference.expression);
      if (specifier !== null) this.addBinding({ local: name, imported: '*', specifier, isTypeOnly: statement.isTypeOnly, isRequire: true });
    } else {
      this.addLocal(name, 'namespace', statement, false);
    }
    if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) this.facts.exports.set(name, name);
  }

  private addVariableStatement(statement: Ts.VariableStatement): void {
    const isExported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    const single = statement.declarationList.declarations.length === 1;
    for (const declaration of statement.declarationList.declarations) {
      const names = bindingNames(declaration.name);
      if (!isExported && this.addRequireBindings(declaration)) continue;
      for (const name of names) {
        this.addLocal(name, 'variable', single ? statement : declaration, false, declaration);
        if (isExported) this.facts.exports.set(name, name);
      }
    }
  }

  /**
   * `module.exports = {...}`, `module.exports.x = ...` and `exports.x = ...`: CommonJS exports.
   * Each property is an export of its own, and the whole object is the default export that
   * ESM importers and `require()` callers see.
   */
  private addCommonJsExport(statement: Ts.Statement): boolean {
    if (!ts.isExpressionStatement(statement)) return false;
    const expression = statement.expression;
    if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
    const target = commonJsTarget(expression.left);
    if (target === null) return false;
    const whole = commonJsObject;
    if (target === whole && ts.isObjectLiteralExpression(expression.right)) {
      for (const property of expression.right.properties) {
        const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : null;
        if (name === null || ts.isSpreadAssignment(property)) continue;
        this.addLocal(objectMemberLocal(name), 'variable', property, false);
        this.facts.exports.set(name, objectMemberLocal(name));
      }
    } else if (target !== whole) {
      this.addLocal(`${whole}.${target}`, 'variable', statement, false, expression.right);
      this.facts.exports.set(target, `${whole}.${target}`);
    }
    this.addLocal(whole, 'default', statement, false, expression.right);
    if (!this.facts.exports.has('default')) this.facts.exports.set('default', whole);
    return true;
  }

  /** `const x = require('y')` / `const { a } = require('y')` at top level bind names like imports do. */
  private addRequireBindings(declaration: Ts.VariableDeclaration): boolean {
    const initializer = declaration.initializer;
    if (!initializer || !ts.isCallExpression(initializer) || !isRequireCall(initializer)) return false;
    const specifier = getStaticString(initializer.arguments[0] as Ts.Expression);
    if (specifier === null) return false;
    if (ts.isIdentifier(declaration.name)) {
      this.addBinding({ local: declaration.name.text, imported: '*', specifier, isTypeOnly: false, isRequire: true });
      return true;
    }
    if (ts.isObjectBindingPattern(declaration.name)) {
      for (const element of declaration.name.elements) {
        if (!ts.isIdentifier(element.name) || element.dotDotDotToken) return false;
      }
      for (const element of declaration.name.elements) {
        const local = (element.name as Ts.Identifier).text;
        const property = element.propertyName;
        const imported = property && (ts.isIdentifier(property) || ts.isStringLiteral(property)) ? property.text : local;
        this.addBinding({ local, imported, specifier, isTypeOnly: false, isRequire: true });
      }
      return true;
    }
    return false;
  }

  private addBinding(binding: ImportBinding): void {
    this.facts.imports.push(binding);
  }

  /** Adds (or merges, for overloads and declaration merging) a top-level declaration. */
  private addLocal(name: string, kind: SymbolKind, node: Ts.Node, isTypeOnly: boolean, walkRoot: Ts.Node = node): void {
    const sink: ReferenceSink = { references: [], moduleUses: this.facts.moduleUses, dynamicSpecifiers: this.facts.dynamicSpecifiers };
    if (this.moduleMentions !== null) {
      if (hasMentionIn(this.moduleMentions, walkRoot.pos, walkRoot.end)) collectModuleUses(walkRoot, name, sink, this.sourceFile);
      return;
    }
    if (this.statement !== undefined) linkPath(this.statement, walkRoot);
    collectReferences(walkRoot, name, isTypeOnly, sink, this.sourceFile);
    const fingerprint = this.withFingerprints ? fingerprintNode(node, this.sourceFile) : '';
    const existing = this.facts.locals.get(name);
    if (existing) {
      existing.references.push(...sink.references);
      existing.fingerprint += fingerprint === '' ? '' : `\n${fingerprint}`;
      existing.isTypeOnly &&= isTypeOnly;
      if (existing.kind === 'unknown' || existing.kind === 'interface') existing.kind = kind;
      return;
    }
    const line = this.sourceFile.getLineAndCharacterOfPosition(node.getStart(this.sourceFile)).line + 1;
    this.facts.locals.set(name, { name, kind, isTypeOnly, references: sink.references, fingerprint, line });
  }
}

/** `module.exports` -> 'module.exports'; `exports.x` / `module.exports.x` -> 'x'; else null. */
function commonJsTarget(node: Ts.Expression): string | null {
  if (!ts.isPropertyAccessExpression(node)) return null;
  const isModuleExports = (expression: Ts.Expression): boolean =>
    ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === 'module' && expression.name.text === 'exports';
  if (isModuleExports(node)) return 'module.exports';
  const owner = node.expression;
  if ((ts.isIdentifier(owner) && owner.text === 'exports') || isModuleExports(owner)) return node.name.text;
  return null;
}

function namedDeclaration(statement: Ts.Statement): [string | undefined, SymbolKind] | null {
  if (ts.isFunctionDeclaration(statement)) return [statement.name?.text, 'function'];
  if (ts.isClassDeclaration(statement)) return [statement.name?.text, 'class'];
  if (ts.isInterfaceDeclaration(statement)) return [statement.name.text, 'interface'];
  if (ts.isTypeAliasDeclaration(statement)) return [statement.name.text, 'type'];
  if (ts.isEnumDeclaration(statement)) return [statement.name.text, 'enum'];
  // `declare global {}` has an identifier name but augments everything: it is top-level code.
  const isGlobal = (statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0;
  if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name) && !isGlobal) return [statement.name.text, 'namespace'];
  return null;
}

/** 'global' for `declare global {}`, 'x' for `declare module 'x' {}`; undefined for a namespace. */
function augmentationTarget(statement: Ts.ModuleDeclaration): string | undefined {
  if ((statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0) return 'global';
  return ts.isStringLiteral(statement.name) ? statement.name.text : undefined;
}

function hasModifier(node: Ts.Node, kind: Ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

export function scriptKindOf(path: string): Ts.ScriptKind {
  loadTypeScript();
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** The parser keeps syntax errors on an internal field; reading it avoids building a whole program. */
function readParseErrors(sourceFile: Ts.SourceFile): string[] {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: Ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return diagnostics.map((diagnostic) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start);
    return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}
