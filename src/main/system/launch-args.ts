// What a launch (first or second instance) or an opened link asks us to add: `--add INPUT` and rodin-tray:// links.

export const PROTOCOL = 'rodin-tray';

/**
 * `text` comes from the local command line (--add) and is trusted like a paste. A `link` may come from any web
 * page, so the controller asks the user before adding what it holds.
 */
export type AddRequest =
  | { kind: 'text'; text: string; rejected: string[] }
  | { kind: 'link'; url: string }
  | { kind: 'rejected'; rejected: string[] };

export function addRequestFromLink(url: string): AddRequest {
  return { kind: 'link', url };
}

/** Reads `--add INPUT`, `--add=INPUT` and rodin-tray:// links from a command line, in order. */
export function addRequestsFromArgv(argv: readonly string[]): AddRequest[] {
  const requests: AddRequest[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--add') {
      const value = argv[i + 1];
      i += 1;
      if (value === undefined || value.startsWith('--')) {
        requests.push({
          kind: 'rejected',
          rejected: ['--add needs a value: a generation response or a subscription key.'],
        });
        if (value !== undefined) i -= 1;
      } else {
        requests.push({ kind: 'text', text: value, rejected: [] });
      }
    } else if (arg.startsWith('--add=')) {
      requests.push({ kind: 'text', text: arg.slice('--add='.length), rejected: [] });
    } else if (arg.toLowerCase().startsWith(`${PROTOCOL}:`)) {
      requests.push(addRequestFromLink(arg));
    }
  }
  return requests;
}

export function isDemoLaunch(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes('--demo') || env.RODIN_DEMO === '1';
}
