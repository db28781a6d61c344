// The tray's "New generation from clipboard": hands the clipboard's text or image to the controller as a draft and
// opens the window's form, which takes the draft. The window never reads the clipboard or a file path itself.
import type { Clipboard } from 'electron';
import type { ClipboardContent } from '../../core/app/generation-actions';
import type { AppController } from '../../core/app/types';
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '../../shared/generation';

/**
 * Text and the first image on the clipboard. Electron's clipboard follows the W3C API: `read()` gives items whose
 * `types` are MIME types and whose `getType()` resolves to a Blob (https://electronjs.org/docs/latest/api/clipboard-item).
 */
export async function readClipboardForGeneration(
  clipboard: Pick<Clipboard, 'read' | 'readText'>,
): Promise<ClipboardContent> {
  const text = await clipboard.readText().catch(() => '');
  const items = await clipboard.read().catch(() => []);
  for (const item of items) {
    const type = IMAGE_TYPES.find((t) => item.types.includes(t));
    if (!type) continue;
    const blob = await item.getType(type).catch(() => undefined);
    if (!(blob instanceof Blob)) continue;
    // Sized before reading, so a huge screenshot is never copied into memory twice.
    if (blob.size > MAX_IMAGE_BYTES) return { text, imageTooLarge: true };
    return { text, image: new Uint8Array(await blob.arrayBuffer()) };
  }
  return { text };
}

export function createGenerationFromClipboard(deps: {
  clipboard: Pick<Clipboard, 'read' | 'readText'>;
  controller: Pick<AppController, 'draftGenerationFromClipboard'>;
  showWindow: (route: string) => void;
  notify: (message: string) => void;
}): () => Promise<void> {
  // A new route each time, so the page sees a hashchange (and takes the new draft) even when the form is open.
  let seq = 0;
  return async () => {
    const problem = deps.controller.draftGenerationFromClipboard(await readClipboardForGeneration(deps.clipboard));
    // The form opens either way: with nothing usable on the clipboard, the user can still type a prompt.
    if (problem) deps.notify(problem);
    deps.showWindow(`new=${++seq}`);
  };
}
