import { describe, expect, it } from 'vitest';
import { classifyNonCodeChanges, defaultNonCodeGlobs, nonCodeTextsNeeded, type NonCodeGlobs } from '../src/signals/non-code/index.js';
import type { ChangedFile, FileStatus, LineRange } from '../src/shared/types.js';

const noExtraGlobs: NonCodeGlobs = { dependencies: [], lockfile: [], buildConfig: [], envConfig: [], migration: [], infrastructure: [] };

function changed(path: string, status: FileStatus = 'modified', options: { oldPath?: string; newRanges?: LineRange[]; isBinary?: boolean } = {}): ChangedFile {
  return { path, oldPath: options.oldPath ?? path, status, oldRanges: [], newRanges: options.newRanges ?? [], isBinary: options.isBinary ?? false };
}

/** Classifies `files`, with texts given per side as path -> text. */
function classify(files: ChangedFile[], base: Record<string, string> = {}, head: Record<string, string> = {}, extra = noExtraGlobs) {
  return classifyNonCodeChanges(files, { base: new Map(Object.entries(base)), head: new Map(Object.entries(head)) }, extra);
}

/** One file: null on a side means it does not exist there. */
function classifyOne(path: string, before: string | null, after: string | null, options: { newRanges?: LineRange[] } = {}) {
  const status: FileStatus = before === null ? 'added' : after === null ? 'deleted' : 'modified';
  return classify([changed(path, status, options)], before === null ? {} : { [path]: before }, after === null ? {} : { [path]: after });
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

describe('package.json', () => {
  it('lists added, removed and bumped dependencies; a removal is destructive', () => {
    const before = json({ name: 'app', dependencies: { lodash: '^4.17.21', react: '^18.2.0', chalk: '^5.3.0' } });
    const after = json({ name: 'app', dependencies: { chalk: '^5.6.2', react: '^19.0.0', zod: '^4.1.0' } });
    expect(classifyOne('package.json', before, after)).toEqual([
      {
        file: 'package.json',
        class: 'dependencies',
        isDestructive: true,
        details: ['chalk ^5.3.0 -> ^5.6.2', 'removed dependency lodash', 'react ^18.2.0 -> ^19.0.0 (major)', 'added dependency zod ^4.1.0'],
      },
    ]);
  });

  it('names the section of dev, peer and optional dependencies; additions and bumps are not destructive', () => {
    const before = json({ devDependencies: { vitest: '^3.2.0', tsx: '0.4.1', esbuild: '~0.25.0' }, optionalDependencies: { fsevents: '^2.3.0' } });
    const after = json({ devDependencies: { vitest: '^4.0.0', tsx: '0.5.0', esbuild: '~0.24.0', eslint: '^9.0.0' }, optionalDependencies: { fsevents: '^2.3.3' } });
    expect(classifyOne('package.json', before, after)).toEqual([
      {
        file: 'package.json',
        class: 'dependencies',
        isDestructive: false,
        details: [
          'devDependency esbuild ~0.25.0 -> ~0.24.0 (major downgrade)',
          'added devDependency eslint ^9.0.0',
          // Below 1.0.0 a minor bump is breaking: caret ranges treat it like a major.
          'devDependency tsx 0.4.1 -> 0.5.0 (major)',
          'devDependency vitest ^3.2.0 -> ^4.0.0 (major)',
          'optionalDependency fsevents ^2.3.0 -> ^2.3.3',
        ],
      },
    ]);
  });

  it('reports a dependency moved between sections as a move, not a removal', () => {
    const before = json({ dependencies: {}, devDependencies: { zod: '^3.0.0', typescript: '^5.0.0' } });
    const after = json({ dependencies: { zod: '^4.0.0', typescript: '^5.0.0' }, devDependencies: {} });
    expect(classifyOne('package.json', before, after)).toEqual([
      {
        file: 'package.json',
        class: 'dependencies',
        isDestructive: false,
        details: ['typescript moved from devDependencies to dependencies', 'zod moved from devDependencies to dependencies (^3.0.0 -> ^4.0.0 (major))'],
      },
    ]);
  });

  it('treats a removed peer dependency as destructive and a dropped override as not', () => {
    const before = json({
      peerDependencies: { react: '>=18' },
      overrides: { semver: '7.5.4', glob: { '.': '10.0.0', minimatch: '9.0.0' } },
      resolutions: { 'left-pad': '1.3.0' },
      pnpm: { overrides: { 'tar@<6': '6.2.1' } },
    });
    const after = json({
      peerDependencies: {},
      overrides: { glob: { '.': '10.4.0', minimatch: '9.0.0' } },
      resolutions: { 'left-pad': '1.3.0', 'is-odd': '3.0.1' },
      pnpm: { overrides: {} },
    });
    const [change] = classifyOne('package.json', before, after);
    expect(change?.details).toEqual(['removed peerDependency react', 'override glob 10.0.0 -> 10.4.0', 'removed override semver', 'added resolution is-odd 3.0.1', 'removed pnpm override tar@<6']);
    expect(change?.isDestructive).toBe(true);
    const overridesOnly = classifyOne('package.json', json({ overrides: { semver: '7.5.4' } }), json({}));
    expect(overridesOnly).toEqual([{ file: 'package.json', class: 'dependencies', isDestructive: false, details: ['removed override semver'] }]);
  });

  it('reports entry points, scripts, engines and module type as build-config', () => {
    const before = json({
      type: 'commonjs',
      main: 'dist/index.js',
      exports: { '.': './dist/index.js' },
      scripts: { build: 'tsc', test: 'vitest' },
      engines: { node: '>=18' },
      dependencies: { zod: '^4.0.0' },
    });
    const after = json({
      type: 'module',
      main: 'dist/main.js',
      exports: { '.': { import: './dist/index.js' } },
      scripts: { build: 'tsc -b', lint: 'eslint .' },
      engines: { node: '>=20' },
      workspaces: ['packages/*'],
      dependencies: { zod: '^4.0.0' },
    });
    expect(classifyOne('package.json', before, after)).toEqual([
      {
        file: 'package.json',
        class: 'build-config',
        isDestructive: false,
        details: [
          'script build changed',
          'script lint added',
          'script test removed',
          'exports changed',
          'main changed: dist/index.js -> dist/main.js',
          'type changed: commonjs -> module',
          'engines.node changed: >=18 -> >=20',
          'workspaces added',
        ],
      },
    ]);
  });

  it('ignores a change that touches neither dependencies nor build fields', () => {
    expect(classifyOne('package.json', json({ name: 'a', description: 'old', keywords: ['x'] }), json({ name: 'a', description: 'new' }))).toEqual([]);
  });

  it('still classifies a manifest that does not parse on either side', () => {
    const expected = [{ file: 'package.json', class: 'dependencies', isDestructive: false, details: ['package.json could not be parsed; treated as a dependency change'] }];
    expect(classifyOne('package.json', '{ "dependencies": {', json({}))).toEqual(expected);
    expect(classifyOne('package.json', json({}), '<<<<<<< HEAD')).toEqual(expected);
    expect(classifyOne('package.json', json({}), '[1, 2]')).toEqual(expected);
  });

  it('handles nested, added and deleted manifests; a missing text is not silence', () => {
    expect(classifyOne('packages/ui/package.json', null, json({ name: 'ui', dependencies: { react: '^19.0.0' }, main: 'index.js' }))).toEqual([
      { file: 'packages/ui/package.json', class: 'build-config', isDestructive: false, details: ['file added', 'main added: index.js'] },
      { file: 'packages/ui/package.json', class: 'dependencies', isDestructive: false, details: ['file added', 'added dependency react ^19.0.0'] },
    ]);
    expect(classifyOne('packages/old/package.json', json({ dependencies: { left: '1.0.0' } }), null)).toEqual([
      { file: 'packages/old/package.json', class: 'dependencies', isDestructive: true, details: ['file deleted', 'removed dependency left'] },
    ]);
    expect(classify([changed('package.json')])).toEqual([
      { file: 'package.json', class: 'dependencies', isDestructive: false, details: ['package.json text not available; treated as a dependency change'] },
    ]);
  });
});

describe('lockfiles and build configuration', () => {
  it('classifies every lockfile, and notes one that changed without any package.json', () => {
    const lockfiles = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'apps/web/pnpm-lock.yaml', 'bun.lock'];
    const alone = classify(lockfiles.map((path) => changed(path)));
    expect(alone.map((change) => [change.file, change.class])).toEqual(lockfiles.sort().map((path) => [path, 'lockfile']));
    expect(alone[0]?.details).toEqual(['changed without a package.json change: re-resolved or transitive versions']);
    const withManifest = classify([changed('yarn.lock'), changed('packages/a/package.json')], { 'packages/a/package.json': '{}' }, { 'packages/a/package.json': '{}' });
    expect(withManifest).toEqual([{ file: 'yarn.lock', class: 'lockfile', isDestructive: false, details: ['file modified'] }]);
    // Terraform's provider lock is not resolved from package.json.
    expect(classify([changed('envs/prod/.terraform.lock.hcl')])).toEqual([{ file: 'envs/prod/.terraform.lock.hcl', class: 'lockfile', isDestructive: false, details: ['file modified'] }]);
  });

  it('classifies a binary file by its path alone', () => {
    expect(classify([changed('bun.lockb', 'modified', { isBinary: true }), changed('packages/a/package.json', 'added')], {}, { 'packages/a/package.json': '{}' })).toEqual([
      { file: 'bun.lockb', class: 'lockfile', isDestructive: false, details: ['binary file; contents not inspected'] },
    ]);
    expect(classify([changed('infra/diagram.png', 'deleted', { isBinary: true })])).toEqual([
      {
        file: 'infra/diagram.png',
        class: 'infrastructure',
        isDestructive: true,
        details: ['file deleted', 'binary file; contents not inspected', 'deleted infrastructure file: whatever it declared may be destroyed'],
      },
    ]);
  });

  it('recognises compiler, bundler, test, CI and container configuration', () => {
    const buildFiles = [
      '.babelrc',
      '.github/workflows/ci.yml',
      '.gitlab-ci.yml',
      '.npmrc',
      '.nvmrc',
      '.swcrc',
      'Dockerfile',
      'Makefile',
      'apps/site/astro.config.mjs',
      'docker/Dockerfile.prod',
      'jest.config.json',
      'packages/web/next.config.mjs',
      'tsconfig.base.json',
      'tsconfig.json',
      'tsup.config.ts',
      'vite.config.ts',
      'vitest.config.mts',
    ];
    const notBuild = ['src/vite.ts', 'README.md', 'src/config.ts', 'docs/Makefile.md', 'webpack.config.d.ts.map'];
    const result = classify([...buildFiles, ...notBuild].map((path) => changed(path)));
    expect(result.map((change) => change.file)).toEqual(buildFiles);
    expect(new Set(result.map((change) => change.class))).toEqual(new Set(['build-config']));
    expect(result[0]).toEqual({ file: '.babelrc', class: 'build-config', isDestructive: false, details: ['file modified'] });
  });
});

describe('environment and runtime configuration', () => {
  it('names added, removed and changed variables of an env file, never their values', () => {
    const result = classifyOne('.env.production', 'API_URL=https://a\nexport TOKEN=secret-1\n# OLD=x\nREMOVED=1\n', 'API_URL=https://a\nexport TOKEN=secret-2\nNEW_FLAG=on\n');
    expect(result).toEqual([
      { file: '.env.production', class: 'env-config', isDestructive: false, details: ['added variable NEW_FLAG', 'removed variable REMOVED', 'changed variable TOKEN'] },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/secret/);
  });

  it('reads env files as dotenv does: quotes and comments are not values, multi-line quoted values are', () => {
    const before = 'A="same"\nB=plain # note\nKEY="-----BEGIN KEY-----\nline-1\n-----END KEY-----"\n';
    const quotesOnly = "A='same'\nB=plain # other note\nKEY=\"-----BEGIN KEY-----\nline-1\n-----END KEY-----\"\n";
    expect(classifyOne('.env', before, quotesOnly)[0]?.details).toEqual(['file modified']);
    const insideValue = before.replace('line-1', 'line-2');
    expect(classifyOne('.env', before, insideValue)[0]?.details).toEqual(['changed variable KEY']);
  });

  it('marks example env files, and classifies config folders, properties and compose files', () => {
    expect(classifyOne('apps/api/.env.example', 'A=\n', 'A=\nB=\n')).toEqual([
      { file: 'apps/api/.env.example', class: 'env-config', isDestructive: false, details: ['example file: documents variables, not loaded at runtime', 'added variable B'] },
    ]);
    const paths = ['.env', 'app.properties', 'config/app.yaml', 'docker-compose.override.yml', 'services/api/config/prod/db.json'];
    const result = classify(paths.map((path) => changed(path)), {}, {});
    expect(result.map((change) => `${change.file} ${change.class}`)).toEqual(paths.map((path) => `${path} env-config`));
  });
});

describe('migrations', () => {
  it('flags destructive SQL in a new migration, with the line and what it destroys', () => {
    const sql = [
      'CREATE TABLE accounts (id int);',
      '-- DROP TABLE commented_out;',
      'DROP TABLE IF EXISTS "public"."sessions", tokens CASCADE;',
      'ALTER TABLE users',
      '  DROP COLUMN email,',
      '  ALTER COLUMN name DROP NOT NULL,',
      '  DROP CONSTRAINT users_email_key;',
      'TRUNCATE TABLE audit_log;',
      'DELETE FROM carts;',
      "DELETE FROM orders WHERE status = 'void';",
      'DROP SCHEMA legacy CASCADE;',
      'DROP INDEX users_name_idx;',
    ].join('\n');
    expect(classifyOne('db/migrations/0007_cleanup.sql', null, sql)).toEqual([
      {
        file: 'db/migrations/0007_cleanup.sql',
        class: 'migration',
        isDestructive: true,
        details: [
          'file added',
          'line 3: drops table public.sessions (DROP TABLE)',
          'line 3: drops table tokens (DROP TABLE)',
          'line 4: drops column users.email (ALTER TABLE ... DROP COLUMN)',
          'line 4: drops constraint users_email_key of users (ALTER TABLE ... DROP CONSTRAINT)',
          'line 8: truncates table audit_log (TRUNCATE)',
          'line 9: deletes every row of carts (DELETE without WHERE)',
          'line 11: drops schema legacy (DROP SCHEMA)',
        ],
      },
    ]);
  });

  it('reads migrations with a SQL parser: renames and type changes count, a function body does not', () => {
    const sql = [
      'ALTER TABLE users RENAME COLUMN name TO full_name;',
      'ALTER TABLE "public"."orders"',
      '  ALTER COLUMN total TYPE numeric(10, 2),',
      '  ALTER COLUMN note SET DEFAULT \'\';',
      'ALTER TABLE carts RENAME TO baskets;',
      'CREATE FUNCTION purge() RETURNS trigger AS $$',
      'BEGIN DELETE FROM sessions; RETURN NEW; END',
      '$$ LANGUAGE plpgsql;',
    ].join('\n');
    expect(classifyOne('db/migrations/0008_rename.sql', null, sql)[0]?.details).toEqual([
      'file added',
      'line 1: renames column users.name to full_name (ALTER TABLE ... RENAME COLUMN): code using the old name breaks',
      'line 2: changes the type of public.orders.total (ALTER COLUMN ... TYPE): values are rewritten and may be cut',
      'line 5: renames table carts to baskets (ALTER TABLE ... RENAME TO): code using the old name breaks',
    ]);
  });

  it('falls back to patterns for other dialects, and reports what neither understands as unknown, not safe', () => {
    const mysql = 'CREATE TABLE `t` (`id` int) ENGINE=InnoDB;\nALTER TABLE `t` DROP COLUMN `legacy`;\n';
    expect(classifyOne('db/migrations/0009_mysql.sql', null, mysql)[0]?.details).toEqual(['file added', 'line 2: drops column t.legacy (ALTER TABLE ... DROP COLUMN)']);
    const unsupported = "CREATE TABLE a (id int);\nDROP VIEW active_users;\nALTER TYPE mood RENAME VALUE 'sad' TO 'blue';\n";
    expect(classifyOne('db/migrations/0010_views.sql', null, unsupported)[0]).toEqual({
      file: 'db/migrations/0010_views.sql',
      class: 'migration',
      isDestructive: true,
      details: [
        'file added',
        'line 2: unknown: statement not understood by the SQL parser (DROP VIEW active_users ...), so not checked: review it by hand',
        "line 3: unknown: statement not understood by the SQL parser (ALTER TYPE mood RENAME ...), so not checked: review it by hand",
      ],
    });
  });

  it('does not flag a new migration that only adds', () => {
    expect(classifyOne('prisma/migrations/20240101_init/migration.sql', null, 'CREATE TABLE "User" ("id" SERIAL);\nALTER TABLE "User" ADD COLUMN "email" TEXT;\n')).toEqual([
      { file: 'prisma/migrations/20240101_init/migration.sql', class: 'migration', isDestructive: false, details: ['file added'] },
    ]);
  });

  it('treats an edited or deleted migration as rewritten history, scanning only the added lines', () => {
    const before = 'DROP TABLE old_stuff;\nCREATE TABLE a (id int);\n';
    const after = 'DROP TABLE old_stuff;\nCREATE TABLE a (id int);\nALTER TABLE a DROP COLUMN id;\n';
    expect(classifyOne('migrations/0003.sql', before, after, { newRanges: [{ start: 3, count: 1 }] })).toEqual([
      {
        file: 'migrations/0003.sql',
        class: 'migration',
        isDestructive: true,
        details: ['rewrites migration history: edits to an applied migration never run', 'line 3: drops column a.id (ALTER TABLE ... DROP COLUMN)'],
      },
    ]);
    // Without hunk ranges, lines missing from the base text stand in for the added ones.
    expect(classifyOne('migrations/0003.sql', before, after)[0]?.details).toEqual([
      'rewrites migration history: edits to an applied migration never run',
      'line 3: drops column a.id (ALTER TABLE ... DROP COLUMN)',
    ]);
    expect(classifyOne('src/migration/1700000000-Init.ts', 'export class Init {}', null)).toEqual([
      { file: 'src/migration/1700000000-Init.ts', class: 'migration', isDestructive: true, details: ['file deleted', 'rewrites migration history: a deleted migration may already be applied'] },
    ]);
    const renamed = classify([changed('db/migrations/0002_b.sql', 'renamed', { oldPath: 'db/migrations/0001_b.sql' })], { 'db/migrations/0001_b.sql': 'SELECT 1;' }, { 'db/migrations/0002_b.sql': 'SELECT 1;' });
    expect(renamed[0]?.details).toEqual(['file renamed from db/migrations/0001_b.sql', 'rewrites migration history: migrations are tracked by name']);
  });

  it('ignores rollback sections and files, and does not treat a schema dump as history', () => {
    const goose = '-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n';
    expect(classifyOne('db/migrations/00001_t.sql', null, goose)[0]).toMatchObject({ isDestructive: false, details: ['file added'] });
    const dbmate = '-- migrate:up\nALTER TABLE t DROP COLUMN c;\n-- migrate:down\nALTER TABLE t ADD COLUMN c int;\n';
    expect(classifyOne('db/migrations/00002_t.sql', null, dbmate)[0]?.details).toEqual(['file added', 'line 2: drops column t.c (ALTER TABLE ... DROP COLUMN)']);
    expect(classifyOne('migrations/000003_users.down.sql', null, 'DROP TABLE users;')).toEqual([
      { file: 'migrations/000003_users.down.sql', class: 'migration', isDestructive: false, details: ['file added', 'down migration: runs only on rollback'] },
    ]);
    expect(classifyOne('db/schema.sql', 'CREATE TABLE a (id int);', 'CREATE TABLE a (id int, b int);')).toEqual([
      { file: 'db/schema.sql', class: 'migration', isDestructive: false, details: ['file modified'] },
    ]);
  });

  it('flags knex, TypeORM and Sequelize calls that drop data, but not inside `down`', () => {
    const knex = [
      'exports.up = async function (knex) {',
      "  await knex.schema.alterTable('users', (table) => { table.dropColumn('legacy_id'); });",
      "  // await knex.schema.dropTable('commented');",
      '};',
      'exports.down = async function (knex) {',
      "  await knex.schema.dropTable('users');",
      '};',
    ].join('\n');
    expect(classifyOne('migrations/20240101_users.js', null, knex)[0]?.details).toEqual(['file added', 'line 2: drops column legacy_id (dropColumn)']);
    const typeorm = [
      'export class Cleanup1700000000000 implements MigrationInterface {',
      '  public async up(queryRunner: QueryRunner): Promise<void> {',
      '    await queryRunner.query(`ALTER TABLE "user" DROP COLUMN "nickname"`);',
      "    await queryRunner.dropTable('session');",
      '  }',
      '  public async down(queryRunner: QueryRunner): Promise<void> {',
      '    await queryRunner.query(`DROP TABLE "user"`);',
      '  }',
      '}',
    ].join('\n');
    expect(classifyOne('src/migration/1700000000000-Cleanup.ts', null, typeorm)[0]?.details).toEqual([
      'file added',
      'line 3: drops column user.nickname (ALTER TABLE ... DROP COLUMN)',
      'line 4: drops table session (dropTable)',
    ]);
    const sequelize = "module.exports = {\n  up: async (queryInterface) => queryInterface.removeColumn('Users', 'age'),\n  down: async (queryInterface) => queryInterface.dropTable('Users'),\n};\n";
    expect(classifyOne('migrations/20240102-age.cjs', null, sequelize)[0]?.details).toEqual(['file added', 'line 2: drops column Users.age (removeColumn)']);
  });

  it('diffs a Prisma schema: removed models, fields and enum values are destructive', () => {
    const before = 'model User {\n  id Int @id\n  email String\n  role Role\n  @@index([email])\n}\nmodel Post {\n  id Int @id\n}\nenum Role {\n  ADMIN\n  USER\n}\n';
    const after = 'model User {\n  id Int @id\n  role Role\n  // email String\n  name String?\n}\nenum Role {\n  USER\n}\n';
    expect(classifyOne('prisma/schema.prisma', before, after)).toEqual([
      {
        file: 'prisma/schema.prisma',
        class: 'migration',
        isDestructive: true,
        details: ['removed model Post', 'removed enum value Role.ADMIN', 'removed field User.email'],
      },
    ]);
    expect(classifyOne('prisma/schema.prisma', before, `${before}model Tag {\n  id Int @id\n}\n`)).toEqual([
      { file: 'prisma/schema.prisma', class: 'migration', isDestructive: false, details: ['file modified'] },
    ]);
  });
});

describe('terraform', () => {
  const main = [
    'resource "aws_db_instance" "main" {',
    '  engine = "postgres"',
    '  tags = { Name = "${var.env}-db" }',
    '  lifecycle {',
    '    prevent_destroy = true',
    '  }',
    '}',
    '# resource "aws_s3_bucket" "commented" {}',
    'resource "aws_s3_bucket" "logs" {',
    '  bucket = "logs"',
    '}',
    'module "vpc" {',
    '  source = "./vpc"',
    '}',
    'resource "aws_iam_role" "app" {',
    '  assume_role_policy = <<EOF',
    '{ "Statement": [ {',
    'EOF',
    '}',
  ].join('\n');

  it('reports removed resources and modules as destructive', () => {
    const after = ['resource "aws_db_instance" "main" {', '  engine = "postgres"', '  lifecycle {', '    prevent_destroy = true', '  }', '}', 'resource "aws_iam_role" "app" {}'].join('\n');
    expect(classifyOne('infra/main.tf', main, after)).toEqual([
      { file: 'infra/main.tf', class: 'infrastructure', isDestructive: true, details: ['removed resource aws_s3_bucket.logs', 'removed module vpc'] },
    ]);
  });

  it('does not report a resource moved to another file of the module, or renamed with a moved block', () => {
    const files = [changed('infra/main.tf'), changed('infra/storage.tf', 'added')];
    const withoutLogs = main.replace('resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n', '');
    const storage = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\nmoved {\n  from = module.vpc\n  to   = module.network\n}\nmodule "network" {\n  source = "./vpc"\n}\n';
    const result = classify(files, { 'infra/main.tf': main }, { 'infra/main.tf': withoutLogs.replace('module "vpc" {\n  source = "./vpc"\n}\n', ''), 'infra/storage.tf': storage });
    expect(result).toEqual([
      { file: 'infra/main.tf', class: 'infrastructure', isDestructive: false, details: ['file modified'] },
      { file: 'infra/storage.tf', class: 'infrastructure', isDestructive: false, details: ['file added'] },
    ]);
    // The same move into another folder is another module: destroy and create.
    const otherModule = classify([changed('infra/main.tf'), changed('infra/storage/main.tf', 'added')], { 'infra/main.tf': main }, { 'infra/main.tf': withoutLogs, 'infra/storage/main.tf': storage });
    expect(otherModule[0]?.details).toEqual(['removed resource aws_s3_bucket.logs']);
  });

  it('does not report a resource that a `removed` block keeps alive (destroy = false)', () => {
    const before = 'resource "aws_s3_bucket" "archive" {}\nresource "aws_s3_bucket" "tmp" {}\n';
    const after = 'removed {\n  from = aws_s3_bucket.archive\n  lifecycle {\n    destroy = false\n  }\n}\nremoved {\n  from = aws_s3_bucket.tmp\n}\n';
    expect(classifyOne('main.tf', before, after)[0]?.details).toEqual(['removed resource aws_s3_bucket.tmp']);
  });

  it('lists the resources of a deleted file', () => {
    expect(classifyOne('envs/prod/db.tf', main, null)[0]).toEqual({
      file: 'envs/prod/db.tf',
      class: 'infrastructure',
      isDestructive: true,
      details: ['file deleted', 'removed resource aws_db_instance.main', 'removed resource aws_s3_bucket.logs', 'removed module vpc', 'removed resource aws_iam_role.app'],
    });
  });

  it('flags safety switches turned off on existing resources', () => {
    const before = 'resource "aws_db_instance" "main" {\n  deletion_protection = true\n  lifecycle {\n    prevent_destroy = true\n  }\n}\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n';
    const after = 'resource "aws_db_instance" "main" {\n  deletion_protection = false\n}\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  force_destroy = true\n}\nresource "aws_s3_bucket" "new" {\n  force_destroy = true\n}\n';
    expect(classifyOne('main.tf', before, after)).toEqual([
      {
        file: 'main.tf',
        class: 'infrastructure',
        isDestructive: true,
        details: ['prevent_destroy removed from aws_db_instance.main', 'deletion_protection disabled on aws_db_instance.main', 'force_destroy enabled on aws_s3_bucket.logs'],
      },
    ]);
  });

  it('reads Terraform JSON', () => {
    const before = json({ resource: { aws_sqs_queue: { jobs: { name: 'jobs' }, dead: { name: 'dead' } } }, module: { dns: { source: './dns' } } });
    const after = json({ resource: [{ aws_sqs_queue: { jobs: { name: 'jobs' } } }], module: { dns: { source: './dns' } } });
    expect(classifyOne('stack/queues.tf.json', before, after)[0]?.details).toEqual(['removed resource aws_sqs_queue.dead']);
  });
});

describe('CloudFormation, CDK, Pulumi and Kubernetes', () => {
  it('recognises a CloudFormation template by content and lists removed logical ids', () => {
    const before = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  # the data',
      '  DataBucket:',
      '    Properties:',
      '      Type: not-this-one',
      '    Type: AWS::S3::Bucket',
      '  Queue:',
      "    Type: 'AWS::SQS::Queue'",
      'Outputs:',
      '  Arn:',
      '    Value: !GetAtt Queue.Arn',
    ].join('\n');
    const after = before.replace(/ {2}DataBucket:\n[\s\S]*?AWS::S3::Bucket\n/, '');
    expect(classifyOne('deploy/stack.yaml', before, after)).toEqual([
      { file: 'deploy/stack.yaml', class: 'infrastructure', isDestructive: true, details: ['removed resource DataBucket (AWS::S3::Bucket)'] },
    ]);
    const template = json({ Resources: { Table: { Type: 'AWS::DynamoDB::Table' }, Fn: { Type: 'AWS::Lambda::Function' } } });
    expect(classifyOne('deploy/api.json', template, json({ Resources: { Fn: { Type: 'AWS::Lambda::Function' } } }))[0]?.details).toEqual(['removed resource Table (AWS::DynamoDB::Table)']);
    expect(classifyOne('src/i18n/en.json', json({ Resources: { Title: 'Resources' } }), json({ Resources: {} }))).toEqual([]);
  });

  it('recognises CDK code by its imports and lists removed constructs', () => {
    const before = [
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      "import { Construct } from 'constructs';",
      'export class Storage extends Construct {',
      '  constructor(scope: Construct, id: string) {',
      '    super(scope, id);',
      "    new s3.Bucket(this, 'Logs');",
      "    new s3.Bucket(this, 'Assets', { versioned: true });",
      "    // new s3.Bucket(this, 'Commented');",
      '  }',
      '}',
    ].join('\n');
    const after = before
      .replace("import * as s3 from 'aws-cdk-lib/aws-s3';", "import { Bucket } from 'aws-cdk-lib/aws-s3';")
      .replace("new s3.Bucket(this, 'Logs');", "new Bucket(this, 'Logs');")
      .replace("    new s3.Bucket(this, 'Assets', { versioned: true });\n", '');
    expect(classifyOne('src/storage.ts', before, after)).toEqual([
      { file: 'src/storage.ts', class: 'infrastructure', isDestructive: true, details: ["removed construct s3.Bucket 'Assets'"] },
    ]);
    expect(classifyOne('src/plain.ts', "import { x } from './x';\nnew Thing(this, 'Id');", "import { x } from './x';")).toEqual([]);
  });

  it('recognises Pulumi code; a resource moved to another file is not removed', () => {
    const before = 'import * as aws from "@pulumi/aws";\nconst logs = new aws.s3.Bucket("logs");\nconst db = new aws.rds.Instance("db", {});\nthrow new Error("x");\n';
    const files = [changed('index.ts'), changed('storage.ts', 'added')];
    const result = classify(files, { 'index.ts': before }, { 'index.ts': 'import * as aws from "@pulumi/aws";\nimport "./storage";\n', 'storage.ts': 'import { s3 } from "@pulumi/aws";\nnew s3.Bucket("logs");\n' });
    expect(result).toEqual([
      { file: 'index.ts', class: 'infrastructure', isDestructive: true, details: ['removed resource aws.rds.Instance "db"'] },
      { file: 'storage.ts', class: 'infrastructure', isDestructive: false, details: ['file added'] },
    ]);
  });

  it('lists removed Kubernetes objects of a multi-document manifest', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    name: not-this\n  name: web\n  namespace: shop\n';
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
    expect(classifyOne('deploy/web.yaml', `${deployment}---\n${service}`, service)).toEqual([
      { file: 'deploy/web.yaml', class: 'infrastructure', isDestructive: true, details: ['removed Deployment shop/web'] },
    ]);
  });

  it('reads manifests as YAML: quoted keys, flow mappings, List items, a document separator with a comment', () => {
    const before = [
      '# rendered by kustomize',
      '"apiVersion": v1',
      'kind: List',
      'items:',
      '  - { apiVersion: v1, kind: ConfigMap, metadata: { name: "web-config", namespace: shop } }',
      '  - apiVersion: v1',
      '    kind: Secret',
      '    metadata: {name: web-tls, namespace: shop}',
      '--- # the service',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  annotations:',
      '    description: |',
      '      name: not-this',
      "  'name': web",
    ].join('\n');
    const after = before.replace(/ {2}- apiVersion: v1\n {4}kind: Secret\n.*\n/, '');
    expect(classifyOne('deploy/web.yaml', before, after)[0]?.details).toEqual(['removed Secret shop/web-tls']);
  });

  it('reads CloudFormation YAML with short-form tags and a flow-style resource', () => {
    const before = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Api: { Type: "AWS::Serverless::Function", Properties: { Handler: index.handler } }',
      '  "Logs":',
      '    Type: AWS::Logs::LogGroup',
      '    Properties:',
      '      LogGroupName: !Sub "/aws/lambda/${Api}"',
      '      RetentionInDays: !If [IsProd, 90, 7]',
    ].join('\n');
    const after = before.split('\n').slice(0, 4).join('\n');
    expect(classifyOne('template.yaml', before, after)[0]?.details).toEqual(['removed resource Logs (AWS::Logs::LogGroup)']);
  });

  it('says a Helm template that is not YAML could not be parsed, instead of reporting nothing removed', () => {
    const template = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "web.fullname" . }}\n{{- if .Values.tls }}\n  labels: {}\n{{- end }}\n';
    expect(classifyOne('charts/web/templates/service.yaml', template, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n')[0]?.details).toEqual(['could not be parsed; removed resources not checked']);
  });

  it('classifies infrastructure by path, and a deleted file it cannot inventory as destructive', () => {
    const paths = ['Pulumi.dev.yaml', 'cdk.json', 'charts/api/Chart.yaml', 'helm/values.yaml', 'k8s/overlays/prod/kustomization.yaml', 'serverless.yml', 'stack.template.yaml', 'terraform.tfvars'];
    const result = classify(paths.map((path) => changed(path)));
    expect(result.map((change) => `${change.file} ${change.class}`)).toEqual(paths.map((path) => `${path} infrastructure`));
    expect(classifyOne('helm/values.yaml', 'replicas: 2\n', null)).toEqual([
      { file: 'helm/values.yaml', class: 'infrastructure', isDestructive: true, details: ['file deleted', 'deleted infrastructure file: whatever it declared may be destroyed'] },
    ]);
  });
});

describe('globs, texts and ordering', () => {
  it('adds user globs to the defaults', () => {
    const extra: NonCodeGlobs = { ...noExtraGlobs, infrastructure: ['deploy/**/*.hcl'], migration: ['sql/changes/*.sql'], dependencies: ['**/requirements.txt'] };
    const files = [changed('deploy/nomad/api.hcl'), changed('sql/changes/001.sql', 'added'), changed('ml/requirements.txt'), changed('yarn.lock')];
    const result = classify(files, {}, { 'sql/changes/001.sql': 'DROP TABLE x;' }, extra);
    expect(result.map((change) => `${change.file} ${change.class} ${change.isDestructive}`)).toEqual([
      'deploy/nomad/api.hcl infrastructure false',
      'ml/requirements.txt dependencies false',
      'sql/changes/001.sql migration true',
      'yarn.lock lockfile false',
    ]);
    expect(defaultNonCodeGlobs.infrastructure).not.toContain('deploy/**/*.hcl');
  });

  it('sorts by file then class, and gives a file every class it matches', () => {
    const result = classify([changed('infra/docker-compose.yml'), changed('.env'), changed('node_modules/x/package.json')], {}, {});
    expect(result.map((change) => `${change.file} ${change.class}`)).toEqual(['.env env-config', 'infra/docker-compose.yml env-config', 'infra/docker-compose.yml infrastructure']);
  });

  it('asks for the texts it reads: base by old path, head by path, never binaries or lockfiles', () => {
    const files = [
      changed('package.json'),
      changed('db/migrations/2.sql', 'renamed', { oldPath: 'db/migrations/1.sql' }),
      changed('main.tf', 'deleted'),
      changed('.env.local', 'added'),
      changed('src/stack.ts'),
      changed('yarn.lock'),
      changed('Dockerfile'),
      changed('assets/logo.png', 'modified', { isBinary: true }),
      changed('k8s/app.yaml', 'modified', { isBinary: true }),
    ];
    expect(nonCodeTextsNeeded(files, noExtraGlobs)).toEqual({
      base: ['db/migrations/1.sql', 'main.tf', 'package.json', 'src/stack.ts'],
      head: ['.env.local', 'db/migrations/2.sql', 'package.json', 'src/stack.ts'],
    });
  });
});
