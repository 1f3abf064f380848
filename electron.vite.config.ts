import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      // Bundled rather than kept external: the build drops the
      // `with { type: 'json' }` attribute from ajv's meta-schema import,
      // which Node then refuses to load.
      externalizeDeps: { exclude: ['ajv'] },
      // The services' worker thread is its own entry, so that
      // service-host.ts finds it as worker.js beside index.js. The headless
      // host is one too: `npm run web` starts it without compiling
      // TypeScript on each launch.
      rollupOptions: {
        input: {
          index: resolve(root, 'src-main/index.ts'),
          worker: resolve(root, 'src-main/api/worker.ts'),
          host: resolve(root, 'src-main/host/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // Electron loads a sandboxed preload as a classic script, so it
      // must be one CommonJS file without ES module syntax.
      rollupOptions: {
        input: { preload: resolve(root, 'src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    build: {
      minify: true,
      rollupOptions: {
        input: { index: resolve(root, 'src-renderer/index.html') },
      },
    },
    plugins: [react()],
  },
});
