// Which links may leave the app for the user's browser: https only, and only hosts we know the app links to.
export const EXTERNAL_HOSTS: readonly string[] = [
  'hyper3d.ai',
  'www.hyper3d.ai',
  'developer.hyper3d.ai',
  'hyper3d.com',
  'www.hyper3d.com',
  'api.hyper3d.com',
  'hyperhuman.deemos.com',
  'github.com',
];

export function isAllowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Credentials in a URL are a phishing trick ("https://hyper3d.ai@evil.example"), never a real link of ours.
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return hosts.includes(parsed.hostname.toLowerCase());
}
