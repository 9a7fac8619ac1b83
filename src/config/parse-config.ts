import { ConfigError } from '../shared/errors.js';
import { applyDefaults } from './defaults.js';
import { configSchema, type RiskConfig } from './schema.js';

/*
 * Apart from load-config.ts because of its schema: building it loads zod, which a run without
 * a config file (the defaults) never needs; load-config.ts imports this file only for a config.
 */

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
  const unsignable = (parsed.data.rules ?? []).flatMap((rule, index) => (rule.requireSignOff === true ? [`rules.${index}.requireSignOff`] : []));
  if (unsignable.length > 0 && (parsed.data.approvers ?? []).length === 0) {
    throw new ConfigError(
      `invalid config in ${source}: ${unsignable.join(', ')}: sign-off is required, but no approvers are listed`,
      'add "approvers": [{ "name": "alice@example.com", "sshKey": "ssh-ed25519 AAAA..." }] or drop requireSignOff',
    );
  }
  const ids = (parsed.data.rules ?? []).map((rule) => rule.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) throw new ConfigError(`invalid config in ${source}: rules: the id "${duplicate}" is used twice`, 'give each rule its own id');
  return applyDefaults(parsed.data, source);
}
