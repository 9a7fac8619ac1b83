// Regenerates schema/riskrc.schema.json from src/config/schema.ts (run `npm run build` first).
import { writeFileSync } from 'node:fs';
import { formatConfigJsonSchema } from '../dist/config/json-schema.js';

writeFileSync(new URL('../schema/riskrc.schema.json', import.meta.url), formatConfigJsonSchema());
console.log('wrote schema/riskrc.schema.json');
