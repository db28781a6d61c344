// One small conf document holding the safeStorage ciphertext of the API key: ciphertext only, written at once.
import { openConfDocument, type ConfFactory } from '../store/conf-document';

export const SECRET_FILE = 'secret';

export interface SecretSlot {
  /** Base64 ciphertext, or undefined when nothing is stored. */
  read(): string | undefined;
  write(ciphertext: string | undefined): void;
  notices(): string[];
}

export function createSecretSlot(options: { cwd: string; factory: ConfFactory; now: () => number }): SecretSlot {
  const opened = openConfDocument(options.factory, options.cwd, SECRET_FILE, options.now());
  const { conf } = opened;
  return {
    read() {
      const value = conf.store.apiKeyCiphertext;
      return typeof value === 'string' && value ? value : undefined;
    },
    write(ciphertext) {
      conf.store = ciphertext ? { version: 1, apiKeyCiphertext: ciphertext } : { version: 1 };
    },
    notices: () => opened.notices,
  };
}
