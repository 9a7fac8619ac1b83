// The floor `npm run bench -- --floor` compares risk with: the least any tool must do to know a
// repository's imports. Lists the source files of a commit, reads every one from the git object
// store (one `git cat-file --batch`, as risk does: never the working tree), and parses each with
// oxc-parser (native), keeping only its module record (static imports and exports, `import()`).
//
//   node scripts/import-floor.js [REV]      (run in the repository; prints a one-line JSON summary)
import { spawn, spawnSync } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { parseSync } from 'oxc-parser';

const rev = process.argv[2] ?? 'HEAD';
const sourceFile = /\.([cm]?[jt]sx?)$/;
const vendored = /(^|\/)node_modules\/|^\.yarn\/|\/\.yarn\//;

const listing = spawnSync('git', ['ls-tree', '-r', '-z', '--full-tree', rev], { encoding: 'utf8', maxBuffer: 1 << 30 });
if (listing.status !== 0) throw new Error(listing.stderr);
const entries = listing.stdout
  .split('\0')
  .filter(Boolean)
  .map((record) => {
    const tab = record.indexOf('\t');
    const [mode, , sha] = record.slice(0, tab).split(' ');
    return { mode, sha, path: record.slice(tab + 1) };
  })
  .filter((entry) => entry.mode !== '120000' && entry.mode !== '160000' && sourceFile.test(entry.path) && !vendored.test(entry.path));

const child = spawn('git', ['cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
child.stdin.end(entries.map((entry) => entry.sha).join('\n') + '\n');

// Parse each blob as soon as it has arrived whole, so reading and parsing overlap as they would in a real tool.
let buffered = Buffer.alloc(0);
let next = 0;
let specifiers = 0;
let errors = 0;
const consume = () => {
  for (;;) {
    const newline = buffered.indexOf(0x0a);
    if (newline < 0) return;
    const header = buffered.subarray(0, newline).toString('utf8');
    if (header.endsWith(' missing')) {
      buffered = buffered.subarray(newline + 1);
      next++;
      continue;
    }
    const size = Number(header.slice(header.lastIndexOf(' ') + 1));
    if (buffered.length < newline + 1 + size + 1) return;
    const text = buffered.subarray(newline + 1, newline + 1 + size).toString('utf8');
    buffered = buffered.subarray(newline + 1 + size + 1);
    const entry = entries[next++];
    const { module, errors: parseErrors } = parseSync(entry.path, text);
    if (parseErrors.length > 0) errors++;
    specifiers += module.staticImports.length + module.dynamicImports.length;
    for (const exported of module.staticExports) for (const item of exported.entries) if (item.moduleRequest) specifiers++;
  }
};
child.stdout.on('data', (chunk) => {
  buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
  consume();
});
child.on('close', (code) => {
  if (code !== 0) process.exit(2);
  console.log(JSON.stringify({ files: entries.length, parsed: next, specifiers, filesWithErrors: errors }));
});
