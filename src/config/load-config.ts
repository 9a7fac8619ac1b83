import type * as Cosmiconfig from 'cosmiconfig';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { ConfigError } from '../shared/errors.js';
import { lazyRequire } from '../shared/lazy-require.js';
import { applyDefaults } from './defaults.js';
import type { RiskConfig } from './schema.js';

const loadCosmiconfig = lazyRequire<typeof Cosmiconfig>('cosmiconfig');

/** Validates raw config data (parse-config.ts, loaded with the schema on first use). */
async function parseConfig(raw: unknown, source: string): Promise<RiskConfig> {
  return (await import('./parse-config.js')).parseConfig(raw, source);
}

/**
 * Only data formats are searched: a JavaScript config would run code from the repository
 * being analysed. A JS file is loaded only when the user names it with --config.
 */
export const configSearchPlaces = ['package.json', '.riskrc', '.riskrc.json', '.riskrc.yaml', '.riskrc.yml'];
const searchPlaces = configSearchPlaces;

/** Finds and validates the configuration at the repository root, or loads `explicitPath`. */
export async function loadConfig(root: string, explicitPath?: string): Promise<RiskConfig> {
  if (explicitPath !== undefined && !existsSync(explicitPath)) {
    throw new ConfigError(`config file not found: ${explicitPath}`, 'check the path given to --config (relative to the current directory)');
  }
  if (explicitPath !== undefined && statSync(explicitPath).isDirectory()) {
    throw new ConfigError(`--config ${explicitPath} is a directory, not a config file`, 'name a .json, .yaml or package.json file');
  }
  for (const place of explicitPath === undefined ? searchPlaces : []) {
    // cosmiconfig passes over a folder where a config file should be: that is not "no config".
    const path = join(root, place);
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw new ConfigError(`${place} is a directory, not a config file`, `remove or rename ${place}, or pass --config`);
    }
  }
  // The config files at the root (search mode only), by search place.
  const rootConfigs = new Map(explicitPath !== undefined ? [] : searchPlaces.flatMap((place): [string, string][] => {
    const path = join(root, place);
    return existsSync(path) && statSync(path).isFile() ? [[place, readFileSync(path, 'utf8')]] : [];
  }));
  if (explicitPath === undefined) refuseSeveralConfigs(rootConfigs, 'at the repository root');
  if (explicitPath === undefined && hasNoConfig(rootConfigs)) return applyDefaults({}, null);
  const explorer = loadCosmiconfig().cosmiconfig('risk', { searchPlaces, searchStrategy: 'none', cache: false, ignoreEmptySearchPlaces: false });
  let result: Awaited<ReturnType<typeof explorer.search>>;
  try {
    result = explicitPath === undefined ? await explorer.search(root) : await explorer.load(explicitPath);
  } catch (error) {
    throw new ConfigError(`invalid config syntax in ${describeSyntaxError(error, root)}`, 'fix the syntax (JSON or YAML) of the config file');
  }
  if (result === null) {
    // cosmiconfig passes over a file whose content is `null` as if it were not there.
    const passedOver = explicitPath === undefined ? [...rootConfigs.keys()].find((place) => place !== 'package.json') : relative(root, explicitPath) || explicitPath;
    if (passedOver !== undefined) throw emptyConfigError(passedOver);
    return applyDefaults({}, null);
  }
  const source = relative(root, result.filepath) || result.filepath;
  if (result.isEmpty || result.config === null) throw emptyConfigError(source);
  return parseConfig(result.config, source);
}

/**
 * Two config files (say `.riskrc` and `.riskrc.json`, or `package.json#risk` and a `.riskrc`)
 * would leave the policy to search order, and let a new file quietly shadow the reviewed one.
 */
function refuseSeveralConfigs(texts: ReadonlyMap<string, string>, where: string): void {
  const present = [...texts].filter(([place, text]) => place !== 'package.json' || hasRiskKey(text)).map(([place]) => (place === 'package.json' ? 'package.json#risk' : place));
  if (present.length > 1) {
    throw new ConfigError(`several risk configs ${where}: ${present.join(', ')}`, 'keep one of them: which one applies would otherwise depend on search order');
  }
}

/**
 * No config file at all: at most a package.json that parses and has no `risk` key, which
 * cosmiconfig would pass over too. Then the defaults apply without loading cosmiconfig; any
 * doubt (a package.json that does not parse, another search place present) goes to cosmiconfig.
 */
function hasNoConfig(texts: ReadonlyMap<string, string>): boolean {
  if ([...texts.keys()].some((place) => place !== 'package.json')) return false;
  const manifest = texts.get('package.json');
  if (manifest === undefined) return true;
  try {
    const parsed: unknown = JSON.parse(manifest);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && !('risk' in parsed);
  } catch {
    return false;
  }
}

function hasRiskKey(text: string): boolean {
  try {
    const manifest: unknown = JSON.parse(text);
    return manifest !== null && typeof manifest === 'object' && 'risk' in manifest;
  } catch {
    return false;
  }
}

/**
 * cosmiconfig's parse errors read `JSON Error in <file>: <detail>`, where the detail may come
 * after blank lines and a code frame (`> 1 | {...`): keep the file, the first line of the
 * detail without the text it repeats, and the line and column of a JSON `position`.
 */
function describeSyntaxError(error: unknown, root: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^(?:JSON|YAML|JS) Error in (.+?):[ \t]*\n([\s\S]*)$/.exec(message);
  const path = match?.[1];
  const file = path ? relative(root, path) || path : '(config)';
  const lines = (match?.[2] ?? message).split('\n').map((line) => line.trim());
  const isCodeFrame = (line: string): boolean => /^(?:>\s*)?\d*\s*\|/.test(line);
  const first = lines.find((line) => line !== '' && !isCodeFrame(line)) ?? 'unreadable';
  let detail = first.replace(/ while parsing [\s\S]*$/, '');
  const position = /at position (\d+)/.exec(detail);
  if (position && path && existsSync(path)) {
    const before = readFileSync(path, 'utf8').slice(0, Number(position[1]));
    const line = before.split('\n').length;
    detail += ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
  }
  return `${file}: ${detail}`;
}

function emptyConfigError(source: string): ConfigError {
  return new ConfigError(`the config file ${source} is empty`, 'put a JSON object in it ({} means the built-in defaults), or delete it');
}

/**
 * Loads the config from the texts of the search places as a commit holds them (the base of
 * the change, in CI and hook runs). Each is parsed by cosmiconfig's own loader from a private
 * temp copy, so the syntax and the precedence are those of a normal run.
 */
export async function loadConfigFromTexts(texts: ReadonlyMap<string, string>, commit: string, namedFile?: string): Promise<RiskConfig> {
  refuseSeveralConfigs(texts, `at the base commit ${commit.slice(0, 12)}`);
  if (namedFile !== undefined && !texts.has(namedFile)) {
    throw new ConfigError(`config file ${namedFile} does not exist at the base commit ${commit.slice(0, 12)}`, 'the policy of a change is read from its base: commit the config file there first, or drop the config input');
  }
  if (namedFile === undefined && hasNoConfig(texts)) return applyDefaults({}, null);
  const explorer = loadCosmiconfig().cosmiconfig('risk', { searchPlaces, searchStrategy: 'none', cache: false, ignoreEmptySearchPlaces: false });
  const folder = mkdtempSync(join(tmpdir(), 'risk-policy-'));
  try {
    for (const place of namedFile === undefined ? searchPlaces : [namedFile]) {
      const text = texts.get(place);
      if (text === undefined) continue;
      // A named file may sit in a folder (policy/risk.json); cosmiconfig only needs its name for the format.
      const path = join(folder, basename(place));
      writeFileSync(path, text);
      let result: Awaited<ReturnType<typeof explorer.load>>;
      try {
        result = await explorer.load(path);
      } catch (error) {
        throw new ConfigError(`invalid config syntax in ${place} at the base commit ${commit.slice(0, 12)}: ${describeSyntaxError(error, folder)}`, 'the policy of a change is read from its base; fix the config there first');
      }
      if (result === null && place === 'package.json') continue;
      if (result === null || result.isEmpty || result.config === null) throw emptyConfigError(`${place} at the base commit ${commit.slice(0, 12)}`);
      return { ...(await parseConfig(result.config, `${place} at the base commit ${commit.slice(0, 12)}`)), source: place };
    }
    return applyDefaults({}, null);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}