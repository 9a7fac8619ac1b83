import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const projectRoot = resolve(import.meta.dirname, '..');
const depcruise = join(projectRoot, 'node_modules', '.bin', 'depcruise');
const eslint = join(projectRoot, 'node_modules', '.bin', 'eslint');

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** Runs dependency-cruiser with the project's rules in `cwd` and returns its violations. */
function cruise(cwd: string): Violation[] {
  const result = spawnSync(depcruise, ['src', '--config', join(projectRoot, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.stdout === '') throw new Error(`depcruise printed nothing: ${result.stderr}`);
  const output = JSON.parse(result.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return output.summary.violations.map((violation) => ({ rule: violation.rule.name, from: violation.from, to: violation.to }));
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'risk-architecture-'));
  scratch.push(dir);
  cpSync(join(projectRoot, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('architecture', () => {
  it('src/ has no file at the top but the entry point, and one folder per stage', () => {
    const entries = readdirSync(join(projectRoot, 'src'), { withFileTypes: true });
    expect(entries.filter((entry) => entry.isFile()).map((entry) => entry.name)).toEqual(['cli.ts']);
    expect(entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()).toEqual(
      ['cache', 'cli', 'config', 'diff', 'git', 'graph', 'hook', 'owners', 'policy', 'provenance', 'report', 'run', 'shared', 'sign-off', 'signals', 'symbols'].sort(),
    );
  });

  it('the source keeps the dependency rules (stage order, no cycles, only git/ runs git)', () => {
    expect(cruise(projectRoot)).toEqual([]);
  });

  it('the rules fail on a stage importing a later one, a cycle, git outside git/ and a formatter reading a stage', () => {
    const dir = writeTree({
      'src/graph/walk.ts': "import { wire } from '../run/wire.js';\nexport const walk = wire;\n",
      'src/run/wire.ts': 'export const wire = 1;\n',
      'src/diff/spawn.ts': "import { spawn } from 'node:child_process';\nexport const run = spawn;\n",
      'src/policy/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
      'src/policy/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      'src/report/text.ts': "import { a } from '../policy/a.js';\nexport const text = a;\n",
    });
    const rules = cruise(dir).map((violation) => `${violation.rule} ${violation.from} -> ${violation.to}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'layer-graph src/graph/walk.ts -> src/run/wire.ts',
        'only-git-runs-git src/diff/spawn.ts -> child_process',
        'no-circular src/policy/a.ts -> src/policy/b.ts',
        'report-reads-types-only src/report/text.ts -> src/policy/a.ts',
      ]),
    );
  });

  it('lint fails when anything but cli/ writes to the terminal or anything but git/ calls git', () => {
    const dir = join(projectRoot, 'src', 'policy', '__architecture_probe__.ts');
    writeFileSync(dir, "import type { Git } from '../git/git.js';\nexport async function probe(git: Git): Promise<void> {\n  process.stdout.write('x');\n  console.log(await git.run(['status']));\n}\n");
    try {
      const result = spawnSync(eslint, ['--format', 'json', dir], { cwd: projectRoot, encoding: 'utf8' });
      const messages = (JSON.parse(result.stdout) as { messages: { ruleId: string }[] }[])[0]?.messages.map((message) => message.ruleId).sort();
      expect(messages).toEqual(['no-console', 'no-restricted-properties', 'no-restricted-syntax']);
    } finally {
      rmSync(dir);
    }
  });
});
