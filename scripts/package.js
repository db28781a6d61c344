#!/usr/bin/env node
// `npm run package`: electron-builder for this platform with electron-builder.yml, choosing how macOS builds are signed.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The config electron-builder.yml is merged with. With a Developer ID certificate in the environment (CSC_LINK or
 * CSC_NAME, which electron-builder reads itself) nothing changes: hardened runtime, entitlements, and notarization
 * when Apple credentials are set. Without one, electron-builder would skip signing altogether, and macOS drops the
 * notifications of unsigned apps (and will not run unsigned arm64 code), so the app is signed ad hoc ("-"). An
 * ad-hoc signature cannot be notarized, and the hardened runtime's library validation would reject Electron's own
 * frameworks under it, so both are off for such builds.
 */
export function macSigningConfig(env) {
  if (env.CSC_LINK || env.CSC_NAME) return {};
  return { mac: { identity: '-', hardenedRuntime: false, notarize: false } };
}

async function main() {
  const config = macSigningConfig(process.env);
  if (config.mac && process.platform === 'darwin') {
    console.warn('No signing certificate (CSC_LINK / CSC_NAME): the app is signed ad hoc and cannot be notarized.');
  }
  const { build } = await import('electron-builder');
  await build({ config });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
