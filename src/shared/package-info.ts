/** The npm package risk is published as: the one place to change it (schema paths, messages). */
export const packageName = 'risk-analyzer';

/** Where a repository that installed risk finds the config's JSON Schema, for the `$schema` line. */
export const installedSchemaPath = `./node_modules/${packageName}/schema/riskrc.schema.json`;
