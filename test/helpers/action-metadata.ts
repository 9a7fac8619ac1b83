/**
 * The rules of GitHub's action metadata syntax (docs.github.com, "Metadata syntax for GitHub
 * Actions") that a composite action.yml must keep, as a JSON Schema plus the checks a schema
 * cannot express. Written here rather than vendored: it follows the composite-action part of
 * SchemaStore's github-action.json (run steps need `shell`, a step is `run` or `uses`, composite
 * outputs need `value`, input and output ids match one pattern), whose licence could not be
 * confirmed from the copy at hand; it is stricter where the docs allow (no `run` with `uses`).
 */
export const actionMetadataSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['name', 'description', 'runs'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    author: { type: 'string' },
    description: { type: 'string', minLength: 1 },
    inputs: {
      type: 'object',
      propertyNames: { pattern: '^[_a-zA-Z][a-zA-Z0-9_-]*$' },
      additionalProperties: {
        type: 'object',
        required: ['description'],
        additionalProperties: false,
        properties: { description: { type: 'string' }, required: { type: 'boolean' }, default: { type: 'string' }, deprecationMessage: { type: 'string' } },
      },
    },
    outputs: {
      type: 'object',
      propertyNames: { pattern: '^[_a-zA-Z][a-zA-Z0-9_-]*$' },
      // Composite actions must say where each output's value comes from.
      additionalProperties: { type: 'object', required: ['description', 'value'], additionalProperties: false, properties: { description: { type: 'string' }, value: { type: 'string' } } },
    },
    runs: {
      type: 'object',
      required: ['using', 'steps'],
      additionalProperties: false,
      properties: {
        using: { const: 'composite' },
        steps: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              id: { type: 'string', pattern: '^[_a-zA-Z][a-zA-Z0-9_-]*$' },
              name: { type: 'string' },
              if: { type: ['string', 'boolean'] },
              run: { type: 'string' },
              shell: { type: 'string' },
              uses: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$|^\\./' },
              with: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
              env: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
              'working-directory': { type: 'string' },
              'continue-on-error': { type: ['string', 'boolean'] },
            },
            // A run step needs an explicit shell in a composite action; a step is either run or uses.
            oneOf: [
              { required: ['run', 'shell'], not: { required: ['uses'] } },
              { required: ['uses'], not: { anyOf: [{ required: ['run'] }, { required: ['shell'] }, { required: ['working-directory'] }] } },
            ],
          },
        },
      },
    },
    branding: {
      type: 'object',
      additionalProperties: false,
      properties: {
        icon: { type: 'string', pattern: '^[a-z0-9-]+$' },
        color: { enum: ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'] },
      },
    },
  },
} as const;

interface ActionMetadata {
  inputs?: Record<string, unknown>;
  outputs?: Record<string, { value?: string }>;
  runs: { steps: { id?: string; run?: string; if?: unknown; with?: Record<string, unknown>; env?: Record<string, unknown> }[] };
}

/**
 * What a schema cannot see: every `inputs.x` and `steps.y` an expression names must exist
 * (GitHub substitutes an empty string for a typo, silently), and step ids must be unique.
 */
export function checkActionReferences(action: ActionMetadata): string[] {
  const problems: string[] = [];
  const inputs = new Set(Object.keys(action.inputs ?? {}));
  const ids: string[] = [];
  const check = (text: string, where: string, knownSteps: ReadonlySet<string>): void => {
    for (const match of text.matchAll(/\binputs\.([\w-]+)/g)) if (!inputs.has(match[1] ?? '')) problems.push(`${where}: unknown input ${match[1]}`);
    for (const match of text.matchAll(/\bsteps\.([\w-]+)\./g)) if (!knownSteps.has(match[1] ?? '')) problems.push(`${where}: step ${match[1]} is not an earlier step`);
  };
  action.runs.steps.forEach((step, index) => {
    const earlier = new Set(ids);
    check(JSON.stringify({ run: step.run, if: step.if, with: step.with, env: step.env }), `step ${index + 1}`, earlier);
    if (step.id !== undefined) {
      if (ids.includes(step.id)) problems.push(`step ${index + 1}: duplicate id ${step.id}`);
      ids.push(step.id);
    }
  });
  for (const [name, output] of Object.entries(action.outputs ?? {})) check(output.value ?? '', `output ${name}`, new Set(ids));
  return problems;
}
