// The question main asks before the API key goes to an API host other than the one it was verified with.
import type { Confirmation } from './types';

export function keyOriginQuestion(from: string, to: string): Confirmation {
  return {
    message: `Send your Rodin API key to ${to}?`,
    detail:
      `Your API key was verified with ${from}, but the Rodin base URL now points at ${to}.\n\n` +
      'Whoever runs that host could use your key and your credits. Allow it only if you changed the base URL ' +
      'yourself; if not, choose Cancel and check Settings → Base URL.',
    confirmLabel: 'Use the key there',
  };
}

export function keyOriginPending(to: string): string {
  return `API host changed to ${to}: confirm before your key is sent there. Checking waits until you answer.`;
}

export function keyOriginDeclined(from: string, to: string): string {
  return (
    `Your API key is not sent to ${to} because you declined. Checking is stopped: set the base URL back to ` +
    `${from}, or set the key again to verify it with the new host.`
  );
}
