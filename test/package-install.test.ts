import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installedConfigSchemaPath, packageName, packageVersion } from '../src/shared/package-info.js';
import { initRepository, projectRoot, runGit } from './helpers/fixture-repo.js';
import { cleanupScratch, createScratchDir } from './helpers/scratch-repo.js';
import { testEnvironment } from './helpers/test-environment.js';

// Packs the built package (npm test builds first) and installs the tarball as a user would:
// `npm install <tarball>` in an empty project, then `npx risk`. Needs the registry for the
// dependencies (npm's cache makes repeated runs quick).
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const quietNpm = { npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'error' };

afterAll(cleanupScratch);

function packTarball(): { tarball: string; files: string[] } {
  const destination = createScratchDir('pack');
  // --ignore-scripts: `prepare` would rebuild dist/, which the test run has just built.
  const output = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: projectRoot, encoding: 'utf8', env: testEnvironment(quietNpm) });
  const [packed] = JSON.parse(output) as { filename: string; files: { path: string }[] }[];
  if (!packed) throw new Error(`npm pack printed no package: ${output}`);
  return { tarball: join(destination, packed.filename), files: packed.files.map((file) => file.path).sort() };
}

describe('package install (slow)', () => {
  it('packs only the built code, the action\'s comment script, the schemas, the example config and the README', () => {
    const { files } = packTarball();
    const unexpected = files.filter((path) => !/^(dist\/.+\.js|dist\/bundle\/risk\.cjs|schema\/[\w.-]+\.json|bin\/risk\.js|action\/[\w-]+\.mjs|\.riskrc\.example\.json|README\.md|LICENSE|package\.json)$/.test(path));
    expect(unexpected).toEqual([]);
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('dist/bundle/risk.cjs');
    expect(files).toContain('schema/riskrc.schema.json');
    expect(files).toContain('.riskrc.example.json');
    expect(files.some((path) => path.endsWith('.map') || path.startsWith('src/') || path.startsWith('test/') || path.startsWith('fixtures/'))).toBe(false);
  });

  it('installs from the tarball into an empty project, where `npx risk` runs on its repository', () => {
    const { tarball } = packTarball();
    const project = createScratchDir('consumer');
    const git = (...args: string[]): string => runGit(project, args);
    const env = testEnvironment(quietNpm);
    writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
    execFileSync(npm, ['install', tarball], { cwd: project, env, stdio: 'pipe', timeout: 240_000 });

    const version = spawnSync(npx, ['--no-install', 'risk', '--version'], { cwd: project, env, encoding: 'utf8' });
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toBe(packageVersion);

    // The schema is where a `$schema` written by `risk init` points.
    const schema = JSON.parse(readFileSync(join(project, installedConfigSchemaPath), 'utf8')) as { $schema?: string };
    expect(schema.$schema).toMatch(/json-schema/);
    expect(installedConfigSchemaPath).toBe(`./node_modules/${packageName}/schema/riskrc.schema.json`);

    initRepository(git);
    writeFileSync(join(project, '.gitignore'), 'node_modules/\n');
    writeFileSync(join(project, 'tsconfig.json'), '{ "compilerOptions": { "strict": true, "module": "NodeNext", "moduleResolution": "NodeNext" } }\n');
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'src', 'a.ts'), 'export function a(): number {\n  return 1;\n}\n');
    writeFileSync(join(project, 'src', 'b.ts'), "import { a } from './a.js';\n\nexport const b = a();\n");
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    writeFileSync(join(project, 'src', 'a.ts'), 'export function a(): number {\n  return 2;\n}\n');
    git('commit', '-q', '-am', 'change a');

    const analysis = spawnSync(npx, ['--no-install', 'risk', '--base', 'HEAD~1', '--format', 'json', '--no-cache'], { cwd: project, env, encoding: 'utf8' });
    expect(analysis.stderr).toBe('');
    expect(analysis.status).toBe(0);
    const report = JSON.parse(analysis.stdout) as { changedSymbols: { name: string }[]; affectedFiles: { file: string }[] };
    expect(report.changedSymbols.map((symbol) => symbol.name)).toEqual(['a']);
    expect(report.affectedFiles.map((affected) => affected.file)).toEqual(['src/b.ts']);
  }, 300_000);

  it('prepare skips the build, without failing, where there are no sources or no compiler', () => {
    const checkout = createScratchDir('prepare');
    mkdirSync(join(checkout, 'scripts'));
    copyFileSync(join(projectRoot, 'scripts', 'prepare.js'), join(checkout, 'scripts', 'prepare.js'));
    writeFileSync(join(checkout, 'package.json'), '{ "type": "module" }\n');
    const run = (): { status: number | null; stdout: string } => spawnSync(process.execPath, [join(checkout, 'scripts', 'prepare.js')], { cwd: checkout, encoding: 'utf8' });
    expect(run()).toMatchObject({ status: 0, stdout: 'risk prepare: skipped the build (no sources)\n' });
    mkdirSync(join(checkout, 'src'));
    writeFileSync(join(checkout, 'src', 'cli.ts'), '');
    expect(run()).toMatchObject({ status: 0, stdout: 'risk prepare: skipped the build (typescript is not installed)\n' });
  });
});
