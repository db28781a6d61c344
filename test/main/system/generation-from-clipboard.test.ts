import { describe, expect, it, vi } from 'vitest';
import {
  createGenerationFromClipboard,
  readClipboardForGeneration,
} from '../../../src/main/system/generation-from-clipboard';
import { solidPng } from '../../fixtures/images';

/** Electron's documented clipboard: read() resolves to items with MIME `types`; getType() resolves to a Blob. */
function fakeClipboard(text: string, entries: Record<string, Blob>[] = []) {
  const items = entries.map((entry) => ({
    types: Object.keys(entry),
    getType: vi.fn((type: string) =>
      entry[type] ? Promise.resolve(entry[type]) : Promise.reject(new DOMException('not there', 'NotFoundError')),
    ),
  }));
  return { readText: () => Promise.resolve(text), read: () => Promise.resolve(items), items };
}

describe('readClipboardForGeneration', () => {
  it('takes the text and the bytes of the first image', async () => {
    const png = solidPng([1, 2, 3]);
    const clip = fakeClipboard('a chair', [{ 'text/plain': new Blob(['a chair']) }, { 'image/png': new Blob([png]) }]);
    const content = await readClipboardForGeneration(clip as never);
    expect(content.text).toBe('a chair');
    expect(content.image).toEqual(png);
  });

  it('does not read an image over 10 MB, only says it was there', async () => {
    const clip = fakeClipboard('', [{ 'image/png': new Blob([new Uint8Array(10 * 1024 * 1024 + 1)]) }]);
    expect(await readClipboardForGeneration(clip as never)).toEqual({ text: '', imageTooLarge: true });
  });

  it('ignores kinds of data that are not images Rodin takes', async () => {
    const clip = fakeClipboard('hello', [
      { 'image/svg+xml': new Blob(['<svg/>']), 'text/html': new Blob(['<b>x</b>']) },
    ]);
    expect(await readClipboardForGeneration(clip as never)).toEqual({ text: 'hello' });
    expect(clip.items[0]?.getType).not.toHaveBeenCalled();
  });
});

describe('createGenerationFromClipboard', () => {
  it('drafts from the clipboard and opens the form on a fresh route each time', async () => {
    const showWindow = vi.fn();
    const notify = vi.fn();
    const draftGenerationFromClipboard = vi.fn(() => undefined);
    const open = createGenerationFromClipboard({
      clipboard: fakeClipboard('a lamp') as never,
      controller: { draftGenerationFromClipboard },
      showWindow,
      notify,
    });
    await open();
    await open();
    expect(draftGenerationFromClipboard).toHaveBeenCalledWith({ text: 'a lamp' });
    expect(showWindow.mock.calls).toEqual([['new=1'], ['new=2']]);
    expect(notify).not.toHaveBeenCalled();
  });

  it('still opens the form, and says why, when the clipboard holds nothing to use', async () => {
    const showWindow = vi.fn();
    const notify = vi.fn();
    const open = createGenerationFromClipboard({
      clipboard: fakeClipboard('') as never,
      controller: { draftGenerationFromClipboard: () => 'The clipboard holds no text or image.' },
      showWindow,
      notify,
    });
    await open();
    expect(notify).toHaveBeenCalledWith('The clipboard holds no text or image.');
    expect(showWindow).toHaveBeenCalledWith('new=1');
  });
});
