import { cosmiconfig } from 'cosmiconfig';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
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
  const explorer = cosmiconfig('risk', { searchPlaces, searchStrategy: 'none', cache: false });
  let result: Awaited<ReturnType<typeof explorer.search>>;
  try {
    result = explicitPath === undefined ? await explorer.search(root) : await explorer.load(explicitPath);
  } catch (error) {
    const where = explicitPath ?? root;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError(`config file not found: ${where}`, 'check the path given to --config');
    throw new ConfigError(`could not read config ${where}: ${message}`, 'fix the syntax (JSON or YAML) of the config file');
  }
  if (result === null || result.isEmpty) return applyDefaults({}, result?.filepath ? relative(root, result.filepath) : null);
  return parseConfig(result.config, relative(root, result.filepath) || result.filepath);
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
