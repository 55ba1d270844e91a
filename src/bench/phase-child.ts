import { writeFileSync } from 'node:fs';
import { runPhase, type PhaseArgs } from './phases.js';

/**
 * Entry point of one benchmark phase in its own process: `phase-child.ts <args JSON> <result file>`.
 * The result goes to a file, so log lines on stdout or stderr cannot corrupt it.
 */
const [argsJson, resultFile] = process.argv.slice(2);
if (argsJson === undefined || resultFile === undefined) {
  process.stderr.write('usage: phase-child.ts <args JSON> <result file>\n');
  process.exit(2);
}
runPhase(JSON.parse(argsJson) as PhaseArgs)
  .then((result) => {
    writeFileSync(resultFile, JSON.stringify(result));
    process.exit(0);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
