// A short, stable, non-secret id for a task: the window and IPC use it so the subscription key never leaves main.
import { createHash } from 'node:crypto';

/** 16 hex characters of the SHA-256 of the subscription key (64 bits: collisions are not a practical concern). */
export function taskIdOf(subscriptionKey: string): string {
  return createHash('sha256').update(subscriptionKey, 'utf8').digest('hex').slice(0, 16);
}
