// Prints one closing line, "N passed, N failed, N skipped", from the JSON
// reports that Vitest and Playwright write, so CI logs end with the totals.
import { existsSync, readFileSync } from 'node:fs';

const vitestReport = 'test-results/vitest.json';
const playwrightReport = 'test-results/playwright.json';

if (!existsSync(vitestReport)) {
  process.stdout.write('0 passed, 1 failed (no test report was written)\n');
  process.exit(1);
}
const vitest = JSON.parse(readFileSync(vitestReport, 'utf8'));
let passed = vitest.numPassedTests ?? 0;
let failed = vitest.numFailedTests ?? 0;
let skipped = (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);

// Playwright's stats count tests: `expected` passed, `unexpected` failed,
// `flaky` passed on a retry.
if (existsSync(playwrightReport)) {
  const { stats = {} } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  skipped += stats.skipped ?? 0;
}
process.stdout.write(
  `${passed} passed, ${failed} failed, ${skipped} skipped\n`,
);
