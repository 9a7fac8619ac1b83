// The entry point (bin/risk.js loads it, bundled: scripts/bundle.js): parse argv, run, set the
// exit code. No top-level await: the bundle is CommonJS.
import { main } from './cli/program.js';

// process.exitCode, not process.exit(): stdout must flush first.
void main(process.argv).then((code) => {
  process.exitCode = code;
});
