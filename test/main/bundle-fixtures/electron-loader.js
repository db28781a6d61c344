// Module-resolution hook for the bundle smoke test: every import of 'electron' (the app's and electron-store's) gets the fake.
const fake = new URL('./fake-electron.js', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: fake, shortCircuit: true };
  return nextResolve(specifier, context);
}
