import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { userCacheFolder } from './cache-location.js';

/**
 * Compiling the TypeScript compiler (9 MB of JavaScript) costs about 0.15-0.3 s of CPU on every
 * run that needs it, more than the whole analysis of a leaf edit. V8 can keep the compiled code
 * in a file and load it instead, as Node's own compile cache does from Node 22
 * (`module.enableCompileCache`, which `tsc` itself turns on). On Node 20 that API does not
 * exist, so this loads the one big module through `vm.Script` with V8's cached data.
 *
 * The cache holds compiled code of the tool's own dependencies, never anything of the analysed
 * repository: it lives in the user's cache folder (`<XDG_CACHE_HOME or ~/.cache>/risk/code/`),
 * keyed by the module's path, size and time, the Node version and the architecture. V8 checks the
 * data against the source and its own version and flags and rejects a mismatch (then the module
 * is compiled as usual and the file rewritten). `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as
 * it does for Node's cache. Any failure to read or write it only costs the compile time.
 */
export function requireWithCodeCache(file: string): unknown {
  const folder = codeCacheFolder();
  if (folder === undefined) return createRequire(file)(file);
  const cached = createRequire(file).cache[file];
  if (cached !== undefined) return cached.exports;

  const stat = statSync(file);
  // `<file>-<version>.bin`: a newer build of the same file replaces the older one's data.
  const fileKey = createHash('sha256').update(file).digest('hex').slice(0, 16);
  const versionKey = createHash('sha256').update(`${stat.size}\0${stat.mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
  const cacheFile = join(folder, `${fileKey}-${versionKey}.bin`);
  const cachedData = readOrUndefined(cacheFile);
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });

  // A real CommonJS module in require's cache, so that later `require` calls of the same file
  // (ts-morph's, for the compiler it bundles) get this very instance.
  const loaded = new Module(file);
  loaded.filename = file;
  const requireHere = createRequire(file);
  loaded.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(dirname(file));
  requireHere.cache[file] = loaded;
  try {
    const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
    wrapper.call(loaded.exports, loaded.exports, requireHere, loaded, file, dirname(file));
    loaded.loaded = true;
  } catch (error) {
    delete requireHere.cache[file];
    throw error;
  }
  // Written at exit, so the data holds every function this run compiled, not just the top level.
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', () => {
      writeAtomically(folder, cacheFile, () => script.createCachedData());
      removeSuperseded(folder, `${fileKey}-`, cacheFile);
    });
  }
  return loaded.exports;
}

/** The folder, or undefined when the cache is turned off or there is no user cache folder. */
function codeCacheFolder(): string | undefined {
  const disabled = process.env.NODE_DISABLE_COMPILE_CACHE;
  if (disabled !== undefined && disabled !== '' && disabled !== '0') return undefined;
  const base = userCacheFolder();
  return base === undefined ? undefined : join(base, 'risk', 'code');
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Data of other builds of the same file (and of the key format before this one, `<32 hex>.bin`). */
function removeSuperseded(folder: string, prefix: string, keep: string): void {
  try {
    for (const name of readdirSync(folder)) {
      const isOlderFormat = /^[0-9a-f]{32}\.bin$/.test(name);
      if ((name.startsWith(prefix) || isOlderFormat) && name.endsWith('.bin') && join(folder, name) !== keep) rmSync(join(folder, name), { force: true });
    }
  } catch {
    // Only housekeeping: a file left behind costs disk space, nothing else.
  }
}

/** A temporary file renamed into place: two runs at once never leave half a file. */
function writeAtomically(folder: string, file: string, data: () => Buffer): void {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data(), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // Only a speed-up: a read-only or full disk costs the compile time next run, nothing else.
  }
}
