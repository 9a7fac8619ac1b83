import { describe, expect, it } from 'vitest';
import { defaultTestGlobs } from '../src/config/defaults.js';
import { findAffectedTests } from '../src/graph/affected-tests.js';
import type { AffectedFile } from '../src/shared/types.js';

const affected = (file: string): AffectedFile => ({ file, depth: 1, impact: 'contract', importLine: 1, typeOnly: false, exports: [], isBroken: false, via: 0 });

describe('the default test globs', () => {
  it('know the common layouts, a test named test.ts beside its module included, and no ordinary module', () => {
    const files = [
      'src/addDays/index.ts',
      'src/addDays/test.ts',
      'src/format/spec.ts',
      'src/format.test.ts',
      'src/__tests__/format.ts',
      'test/e2e.ts',
      'src/latest.ts',
      'src/contest.ts',
      // A file-based router's route named `test`.
      'src/routes/test.tsx',
    ];
    expect(findAffectedTests([], files.map(affected), defaultTestGlobs)).toEqual(['src/__tests__/format.ts', 'src/addDays/test.ts', 'src/format.test.ts', 'src/format/spec.ts', 'test/e2e.ts']);
  });
});
