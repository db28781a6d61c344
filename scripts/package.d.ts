// Types for package.js, which the packaging test checks.
export function macSigningConfig(env: NodeJS.ProcessEnv): {
  mac?: { identity: string; hardenedRuntime: boolean; notarize: boolean };
};
