import picomatch from 'picomatch';
import type { NonCodeClass, NonCodeGlobs } from './non-code-types.js';

/** Bundlers, test runners and frameworks whose `<tool>.config.*` steers the build. */
const configTools = 'babel,webpack,vite,vitest,jest,rollup,esbuild,tsup,turbo,nx,next,nuxt,svelte,astro';

/** Built-in globs per class; user globs are added to these. */
export const defaultNonCodeGlobs: NonCodeGlobs = {
  dependencies: ['**/package.json'],
  lockfile: [
    '**/package-lock.json',
    '**/npm-shrinkwrap.json',
    '**/yarn.lock',
    '**/pnpm-lock.yaml',
    '**/bun.lockb',
    '**/bun.lock',
    '**/.terraform.lock.hcl',
  ],
  buildConfig: [
    '**/tsconfig*.json',
    '**/jsconfig*.json',
    `**/{${configTools}}.config.{js,cjs,mjs,ts,mts,cts,json}`,
    '**/vitest.workspace.{js,mjs,ts,mts,json}',
    '**/turbo.json',
    '**/nx.json',
    '**/.babelrc',
    '**/.babelrc.{js,cjs,mjs,json}',
    '**/.swcrc',
    '**/.npmrc',
    '**/.nvmrc',
    '**/.node-version',
    '**/.yarnrc.yml',
    '**/pnpm-workspace.yaml',
    '**/Dockerfile*',
    '**/*.Dockerfile',
    '**/.dockerignore',
    '.github/workflows/**',
    '**/.gitlab-ci.yml',
    '**/Makefile',
  ],
  envConfig: [
    '**/.env',
    '**/.env.*',
    '**/config/**/*.{json,yaml,yml,toml}',
    '**/*.properties',
    '**/docker-compose*.{yml,yaml}',
    '**/compose.{yml,yaml}',
  ],
  migration: ['**/migrations/**', '**/migration/**', '**/*.prisma', '**/db/**/*.sql', '**/drizzle/**/*.sql', '**/db/migrate/**'],
  infrastructure: [
    '**/*.tf',
    '**/*.tf.json',
    '**/*.tfvars',
    '**/*.tfvars.json',
    '**/*.template.{json,yaml,yml}',
    '**/template.{yaml,yml}',
    '**/cdk.json',
    '**/cdk/**',
    '**/infra/**',
    '**/infrastructure/**',
    '**/Pulumi*.{yaml,yml}',
    '**/k8s/**',
    '**/kubernetes/**',
    '**/helm/**',
    '**/Chart.yaml',
    '**/kustomization.{yaml,yml}',
    '**/serverless.{yml,yaml}',
  ],
};

const classOfKey: Record<keyof NonCodeGlobs, NonCodeClass> = {
  dependencies: 'dependencies',
  lockfile: 'lockfile',
  buildConfig: 'build-config',
  envConfig: 'env-config',
  migration: 'migration',
  infrastructure: 'infrastructure',
};

/** Compiles defaults plus `extra` into one function: path -> the classes its globs give it. */
export function compileClassMatcher(extra: NonCodeGlobs): (path: string) => NonCodeClass[] {
  const matchers = (Object.keys(classOfKey) as (keyof NonCodeGlobs)[]).map((key) => ({
    nonCodeClass: classOfKey[key],
    isMatch: picomatch([...defaultNonCodeGlobs[key], ...extra[key]], { dot: true }),
  }));
  return (path) => matchers.filter((matcher) => matcher.isMatch(path)).map((matcher) => matcher.nonCodeClass);
}

/** Last path segment. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Folder part of a path ('' at the repository root). */
export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}
