// Times the cache's table format (src/cache/cached-table.ts) on tables shaped like a 7k-file
// monorepo's: resolutions (15k entries keyed by options, folder, specifier and syntax) and import
// scans (7k entries keyed by blob id). Prints CPU milliseconds per step, first round (cold JIT,
// as in a run) and a later one.
// Usage: npm run build && node scripts/bench-cache-table.js [resolutions] [scans]
import { createHash } from 'node:crypto';

const { CachedTable, guardSchema } = await import(new URL('../dist/cache/cached-table.js', import.meta.url).href);

const [resolutionCount = 15_000, scanCount = 7_000] = process.argv.slice(2).map(Number);
const blobId = (index) => createHash('sha1').update(String(index)).digest('hex');
const resolutions = Array.from({ length: resolutionCount }, (_, index) => [
  `${blobId(index % 40).slice(0, 12)}\0packages/module-${index % 300}/src/folder-${index % 7}\0../utils/helper-${index}\0import`,
  { kind: 'file', path: `packages/module-${index % 300}/src/utils/helper-${index}.ts` },
]);
const scans = Array.from({ length: scanCount }, (_, index) => [
  blobId(index),
  [Array.from({ length: index % 9 }, (__, at) => [`./sibling-${at}`, 'import']), index % 13 === 0],
]);
const anything = guardSchema(() => true);

function memoryStore() {
  const files = new Map();
  return { dir: '/memory', stamp: 'bench', read: (name) => files.get(name), write: (name, text) => void files.set(name, text), prune: () => undefined };
}

function cpuMs(action) {
  const start = process.cpuUsage();
  action();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

for (let round = 1; round <= 3; round++) {
  const times = { save: 0, readAll: 0, readSomeAddOneSave: 0 };
  for (const [name, entries] of [
    ['resolve', resolutions],
    ['scan', scans],
  ]) {
    const store = memoryStore();
    const writer = new CachedTable(store, name, anything);
    for (const [key, value] of entries) writer.set(key, value);
    times.save += cpuMs(() => writer.save());
    times.readAll += cpuMs(() => {
      const reader = new CachedTable(store, name, anything);
      for (const [key] of entries) reader.get(key);
    });
    // A warm run of a new commit: a few entries used, one learned, the table written again.
    times.readSomeAddOneSave += cpuMs(() => {
      const table = new CachedTable(store, name, anything);
      for (const [key] of entries.slice(0, 100)) table.get(key);
      table.set('new', entries[0][1]);
      table.save();
    });
  }
  if (round === 1 || round === 3) console.log(`round ${round}: save ${times.save.toFixed(1)} ms, read every entry ${times.readAll.toFixed(1)} ms, read 100 + add 1 + save ${times.readSomeAddOneSave.toFixed(1)} ms`);
}
