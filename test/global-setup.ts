import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One temp folder for the cache folders the test processes make (see test/helpers/test-temp.ts),
 * removed when the run ends: vitest stops its worker processes without an `exit` event, so
 * they cannot clean up after themselves.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'risk-tests-'));
  process.env.RISK_TEST_TEMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
