import { afterAll, describe, expect, it } from 'vitest';
import type { RiskReport } from '../src/shared/types.js';
import { runRisk } from './helpers/risk-binary.js';
import { cleanupScratch, createScratchRepo } from './helpers/scratch-repo.js';

afterAll(cleanupScratch);

describe('migration statements risk cannot read (slow, end to end)', () => {
  it('are unknowns of the changed file, so onUnknown applies, besides a destructive change', () => {
    const repo = createScratchRepo('migration-unknown');
    repo.write('db/migrations/0002_views.sql', 'CREATE TABLE a (id int);\nDROP VIEW active_users;\n');
    repo.commitAll('drop a view');
    const result = runRisk(repo.dir, ['--base', 'main', '--format', 'json']);
    // The default policy fails a destructive migration without sign-off (destructive-infrastructure).
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as RiskReport;
    expect(report.unknowns).toEqual([
      { kind: 'parse-error', file: 'db/migrations/0002_views.sql', specifier: null, reason: 'line 2: unknown: statement not understood by the SQL parser (DROP VIEW active_users ...), so not checked: review it by hand' },
    ]);
    expect(report.verdict).toBe('fail');
    expect(report.violations.map((violation) => `${violation.rule} ${violation.severity}`)).toEqual(expect.arrayContaining(['onUnknown warn']));
    expect(report.nonCode).toEqual([expect.objectContaining({ file: 'db/migrations/0002_views.sql', class: 'migration', isDestructive: true })]);
    // Without the rules, the unknown alone decides: a warning, or a failure under onUnknown: fail.
    repo.write('lenient.json', '{ "rules": [] }\n');
    expect(runRisk(repo.dir, ['--base', 'main', '--config', 'lenient.json']).status).toBe(0);
    repo.write('strict.json', '{ "rules": [], "onUnknown": "fail" }\n');
    expect(runRisk(repo.dir, ['--base', 'main', '--config', 'strict.json']).status).toBe(1);
  });
});
