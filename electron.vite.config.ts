// Builds the three Electron bundles: main (ESM), preload (CommonJS, as sandboxed preloads require) and the renderer.
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
      // The 3D viewer's chunk is mostly three.js: minified it is less than half the bytes to read and parse.
      minify: true,
      reportCompressedSize: true,
    },
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  },
});
