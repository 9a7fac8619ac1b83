// `prepare`: builds dist/ when the package is installed from a git URL or with `npm ci` in a
// checkout. A tarball install never runs it; a checkout installed without devDependencies
// (`npm ci --omit=dev`) has no compiler, and then a prebuilt dist/ is used as it is.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const hasSources = existsSync(new URL('src/cli.ts', root));
const hasCompiler = existsSync(new URL('node_modules/typescript/package.json', root));
if (!hasSources || !hasCompiler) {
  console.log(`risk prepare: skipped the build (${hasSources ? 'typescript is not installed' : 'no sources'})`);
} else {
  execSync('npm run build', { stdio: 'inherit', cwd: root });
}
