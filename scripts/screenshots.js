// Copies the screenshots that the README shows from the last end-to-end run
// (test-results/screenshots) into docs/screenshots, so the README pictures
// are the ones the tests took.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'test-results', 'screenshots');
const target = path.join(root, 'docs', 'screenshots');

/** The pictures the README links to. */
export const readmeScreenshots = [
  'board-sample-light.png',
  'journey-steps-light.png',
  'journey-documents-dark.png',
  'canvas-light.png',
  'settings-rules-dark.png',
  'first-run-light.png',
];

const missing = readmeScreenshots.filter(
  (name) => !existsSync(path.join(source, name)),
);
if (missing.length > 0) {
  process.stderr.write(
    `Missing from ${source}: ${missing.join(', ')}. Run "npm test" or "npm run test:e2e" first.\n`,
  );
  process.exit(1);
}
mkdirSync(target, { recursive: true });
for (const name of readmeScreenshots) {
  copyFileSync(path.join(source, name), path.join(target, name));
}
process.stdout.write(
  `Copied ${readmeScreenshots.length} screenshots to docs/screenshots.\n`,
);
