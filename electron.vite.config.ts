// Builds the three Electron bundles: main (ESM), preload (CommonJS, as sandboxed preloads require) and the renderer.
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      // keytar is an optional dependency, which externalizeDeps leaves out by default: bundled, its native .node file
      // would land inside the asar (where it cannot load) instead of the unpacked node_modules.
      externalizeDeps: { include: ['keytar'] },
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
