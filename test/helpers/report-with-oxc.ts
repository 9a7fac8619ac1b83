import type * as OxcParser from 'oxc-parser';
import { vi } from 'vitest';
import { applyDefaults } from '../../src/config/defaults.js';
import { inMemoryChangeSet } from './in-memory-change-set.js';

/**
 * The JSON report of an in-memory change with default config, with oxc-parser as it is (`oxc`
 * true; its parses counted) or without its native binding (false: TypeScript reads every file),
 * for tests that show oxc changes the cost and never the answer.
 */
export async function reportWithOxc(base: Record<string, string>, head: Record<string, string>, oxc: boolean): Promise<{ json: string; parsed: number }> {
  let parsed = 0;
  vi.resetModules();
  vi.doMock('oxc-parser', async (importOriginal) => {
    if (!oxc) throw new Error('no native binding here');
    const real = await importOriginal<typeof OxcParser>();
    return { ...real, parseSync: (...args: Parameters<typeof real.parseSync>) => (parsed++, real.parseSync(...args)) };
  });
  try {
    const pipeline = await import('../../src/run/pipeline.js');
    const json = await import('../../src/report/json.js');
    return { json: json.formatJson(await pipeline.analyse(inMemoryChangeSet(base, head), applyDefaults({}, null), {})), parsed };
  } finally {
    vi.doUnmock('oxc-parser');
  }
}
