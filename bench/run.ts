// Runs the benchmarks, writes bench/results.json and bench/results.md, and
// exits non-zero when a figure misses its budget.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBoard } from './board.ts';
import { benchBrowser } from './browser.ts';
import { benchStepCommits } from './steps.ts';
import type { BenchResult } from './result.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function formatTable(results: BenchResult[]): string {
  const lines = [
    '| benchmark | value | budget | pass |',
    '| --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.value} ${r.unit} | ${r.budget} | ${r.pass ? 'yes' : 'NO'} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

// `npm run bench -- steps` runs only the benchmarks whose name is given.
const benches = {
  steps: benchStepCommits,
  board: benchBoard,
  browser: benchBrowser,
};
const only = process.argv.slice(2);
const results: BenchResult[] = [];
for (const [name, bench] of Object.entries(benches)) {
  if (only.length === 0 || only.includes(name))
    results.push(...(await bench()));
}
mkdirSync(here, { recursive: true });
writeFileSync(
  path.join(here, 'results.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);
const tableText = formatTable(results);
writeFileSync(
  path.join(here, 'results.md'),
  `# Benchmark results\n\nMeasured on ${new Date().toISOString()} ` +
    `(Node ${process.version}, ${process.platform}).\n\n${tableText}`,
);
process.stdout.write(tableText);
process.exitCode = results.every((r) => r.pass) ? 0 : 1;
