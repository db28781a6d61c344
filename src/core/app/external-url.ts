// Which links the window may open in the browser: https only, only Hyper3D's own hosts (the core's copy of the rule).
export const EXTERNAL_HOSTS: readonly string[] = [
  'hyper3d.ai',
  'www.hyper3d.ai',
  'developer.hyper3d.ai',
  'hyper3d.com',
  'www.hyper3d.com',
  'api.hyper3d.com',
  'hyperhuman.deemos.com',
];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // "https://hyper3d.ai@evil.example" puts the trusted name in the credentials: never a real link of ours.
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  return EXTERNAL_HOSTS.includes(parsed.hostname.toLowerCase());
}
