// Unit and integration tests (core, CLI, main with a mocked Electron, secrets against a real Secret Service).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/renderer/**', 'test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
});
