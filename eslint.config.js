// Lint rules that keep the house layout honest: type-aware promise checks, the layers (docs/architecture.md) and no
// Electron in core or CLI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/**
 * Which layer may not import which (paths resolved, so `../core/x` from any depth counts): each layer knows only the
 * layers below it, and shared, which both sides of the IPC bridge read, knows nothing but itself.
 */
const LAYER_RULES = [
  { layer: 'renderer', mayNotImport: ['core', 'main', 'cli', 'preload'], why: 'the window sees only src/shared' },
  { layer: 'preload', mayNotImport: ['core', 'main', 'cli', 'renderer'], why: 'the bridge knows only src/shared' },
  { layer: 'core', mayNotImport: ['main', 'renderer', 'cli', 'preload'], why: 'the engine knows no front end' },
  { layer: 'cli', mayNotImport: ['main', 'renderer', 'preload'], why: 'the CLI runs on the core, without Electron' },
  { layer: 'main', mayNotImport: ['renderer', 'cli', 'preload'], why: 'main talks to the window over IPC only' },
  { layer: 'shared', mayNotImport: ['core', 'main', 'renderer', 'cli', 'preload'], why: 'shared depends on nothing' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'scripts/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })] },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: LAYER_RULES.map(({ layer, mayNotImport, why }) => ({
            target: `./src/${layer}`,
            from: mayNotImport.map((other) => `./src/${other}`),
            message: `src/${layer} may not import src/${mayNotImport.join(', src/')}: ${why}.`,
          })),
        },
      ],
    },
  },
  {
    files: ['src/core/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'core and cli run without Electron: pass an adapter in instead.' }] },
      ],
    },
  },
  {
    // The CLI, scripts, benchmarks and tests talk to a terminal on purpose.
    files: ['src/cli/**', 'scripts/**', 'bench/**', 'bin/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
