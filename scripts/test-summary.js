// Prints one closing line, "N passed, N failed, N skipped", from the JSON
// report that Vitest writes, so CI logs end with the totals.
import { existsSync, readFileSync } from 'node:fs';

const report = 'test-results/vitest.json';
if (!existsSync(report)) {
  process.stdout.write('0 passed, 1 failed (no test report was written)\n');
  process.exit(1);
}
const results = JSON.parse(readFileSync(report, 'utf8'));
const passed = results.numPassedTests ?? 0;
const failed = results.numFailedTests ?? 0;
const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
process.stdout.write(
  `${passed} passed, ${failed} failed, ${skipped} skipped\n`,
);
