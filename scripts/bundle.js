// Bundles the compiled CLI (dist/cli.js and every module it imports) into one CommonJS file,
// dist/bundle/risk.cjs, which bin/risk.js loads through V8's code cache
// (src/cache/code-cache.ts): one file means no resolving and linking of some 160 modules per
// run, and cached code means no compiling them. Packages stay outside (they are loaded from
// node_modules as before). Run by `npm run build` after tsc; the modules in dist/ stay, for the
// analysis worker (src/run/limits.ts), the scripts and the GitHub Action.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [join(root, 'dist/cli.js')],
  outfile: join(root, 'dist/bundle/risk.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  // import.meta.url, in CommonJS: the bundle's own URL. It sits two folders below the package
  // root like every compiled module (dist/<folder>/), so relative URLs (../../package.json,
  // ../run/analysis-worker.js) lead to the same files from either.
  define: { 'import.meta.url': '__bundleUrl' },
  // `import()` of a package becomes `require()`: code compiled through vm.Script (the code
  // cache) has no loader for import() on Node 20 without an experimental option. Node 20.19+
  // requires ES-only packages (oxc-parser) as well; the MCP SDK has a CommonJS build.
  supported: { 'dynamic-import': false },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
  legalComments: 'none',
});
