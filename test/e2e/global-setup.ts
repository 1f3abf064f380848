// Builds the renderer once before the end-to-end tests when out/renderer is
// missing or older than its sources.
// @ts-expect-error: scripts/ is plain JavaScript without type declarations.
import { ensureRendererBuilt } from '../../scripts/renderer-build.js';

export default function globalSetup(): void {
  (ensureRendererBuilt as () => void)();
}
