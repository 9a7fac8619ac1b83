// The entry point (bin/risk.js imports this file): parse argv, run, set the exit code.
import { main } from './cli/program.js';

// process.exitCode, not process.exit(): stdout must flush first.
process.exitCode = await main(process.argv);
