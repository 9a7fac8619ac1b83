import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new temp folder inside the run's own (test/global-setup.ts), which the run removes at its end. */
export function makeTestTemp(prefix: string): string {
  return mkdtempSync(join(process.env.RISK_TEST_TEMP ?? tmpdir(), prefix));
}
