import { cosmiconfig } from 'cosmiconfig';
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError } from '../errors.js';
import { applyDefaults } from './defaults.js';
import { configSchema, type RiskConfig } from './schema.js';

/**
 * Only data formats are searched: a JavaScript config would run code from the repository
 * being analysed. A JS file is loaded only when the user names it with --config.
 */
const searchPlaces = ['package.json', '.riskrc', '.riskrc.json', '.riskrc.yaml', '.riskrc.yml'];

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
  const explorer = cosmiconfig('risk', { searchPlaces, searchStrategy: 'none', cache: false });
  let result: Awaited<ReturnType<typeof explorer.search>>;
  try {
    result = explicitPath === undefined ? await explorer.search(root) : await explorer.load(explicitPath);
  } catch (error) {
    throw new ConfigError(`invalid config syntax in ${describeSyntaxError(error, root)}`, 'fix the syntax (JSON or YAML) of the config file');
  }
  if (result === null || result.isEmpty) return applyDefaults({}, result?.filepath ? relative(root, result.filepath) : null);
  return parseConfig(result.config, relative(root, result.filepath) || result.filepath);
}

/** `JSON Error in /abs/.riskrc.json:\nUnexpected …` -> `.riskrc.json: Unexpected …` on one line. */
function describeSyntaxError(error: unknown, root: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^(?:JSON|YAML|JS) Error in (.+?):\n([\s\S]*)$/.exec(message);
  const file = match?.[1] ? relative(root, match[1]) || match[1] : '(config)';
  const detail = (match?.[2] ?? message).split('\n\n')[0]?.replace(/\s+/g, ' ').trim();
  return `${file}: ${detail}`;
}

/** Validates raw config data; every problem is reported at once, with its key path. */
export function parseConfig(raw: unknown, source: string): RiskConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => `${path ? `${path}.` : ''}${key}: unknown key`).join('; ');
      }
      return `${path || '(root)'}: ${issue.message}`;
    });
    throw new ConfigError(`invalid config in ${source}: ${problems.join('; ')}`, 'see .riskrc.example.json or schema/riskrc.schema.json for the allowed keys');
  }
  return applyDefaults(parsed.data, source);
}
