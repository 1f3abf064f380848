import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(root, 'src-main/index.ts') } },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { preload: resolve(root, 'src-main/preload.ts') },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'src-renderer/index.html') },
      },
    },
    plugins: [react()],
  },
});
