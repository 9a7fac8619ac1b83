import { z } from 'zod';
import { configSchema } from './schema.js';

/** The JSON Schema of the config file, derived from the same zod schema that validates it. */
export function buildConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' });
  return { ...schema, title: 'risk configuration' };
}

/** Stable text for the committed schema file. */
export function formatConfigJsonSchema(): string {
  return `${JSON.stringify(buildConfigJsonSchema(), null, 2)}\n`;
}
