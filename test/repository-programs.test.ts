import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseJson, baseProject, cleanupScratch, createScratchDir, createScratchRepo, symbolsOf } from './helpers/scratch-repo.js';

afterEach(cleanupScratch);

/**
 * Issue 16, item 6: --staged and --worktree make git read the index and the working tree, where
 * it would run the repository's core.fsmonitor hook and its .gitattributes clean filters. risk
 * runs none of them: the README promises that no repository-configured program runs.
 */
describe('no repository-configured program runs (slow, end to end)', () => {
  for (const mode of ['--worktree', '--staged'] as const) {
    it(`${mode}: neither the core.fsmonitor hook nor a clean filter runs`, () => {
      const markers = createScratchDir('programs-markers');
      const repo = createScratchRepo(`programs${mode}`, { ...baseProject, '.gitattributes': '*.ts filter=evil\n' });
      repo.write('src/a.ts', 'export function a(): number {\n  return 1;\n}\n\nexport const added = 1;\n');
      if (mode === '--staged') repo.git('add', 'src/a.ts');
      // Configured after committing and staging, so only risk's own git calls could run them.
      const hook = join(markers, 'fsmonitor.sh');
      writeFileSync(hook, `#!/bin/sh\ntouch ${join(markers, 'fsmonitor-ran')}\nexit 1\n`);
      chmodSync(hook, 0o755);
      repo.git('config', 'core.fsmonitor', hook);
      // A clean filter that would also hide the change by dropping the added line.
      repo.git('config', 'filter.evil.clean', `touch ${join(markers, 'clean-ran')}; grep -v added`);
      repo.git('config', 'filter.evil.required', 'true');
      const report = analyseJson(repo.dir, [mode], 0);
      expect(symbolsOf(report)).toContain('src/a.ts#added added');
      expect(existsSync(join(markers, 'fsmonitor-ran'))).toBe(false);
      expect(existsSync(join(markers, 'clean-ran'))).toBe(false);
    });
  }
});
