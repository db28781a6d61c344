// Types for electron-binary.js, which the start script, the e2e spec and tests share.
export function findElectronBinary(env?: NodeJS.ProcessEnv): string | undefined;
export const MISSING_ELECTRON_MESSAGE: string;
