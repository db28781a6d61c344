// Optional clipboard watching (off by default): offers text that changed since watching began, never what was there.
export interface ClipboardWatchOptions {
  /** Electron's clipboard.readText (asynchronous since Electron 45). */
  readText: () => Promise<string>;
  onText: (text: string) => void;
  intervalMs?: number;
}

export function watchClipboard(options: ClipboardWatchOptions): () => void {
  let last: string | undefined;
  let reading = false;
  let stopped = false;
  const check = async (): Promise<void> => {
    if (reading) return;
    reading = true;
    try {
      const text = await options.readText();
      if (stopped) return;
      // The first read only sets the baseline: what was copied before watching began is not offered.
      if (last !== undefined && text !== last && text.trim()) options.onText(text);
      last = text;
    } catch {
      // An unreadable clipboard (another app holding it, an image) is simply skipped this round.
    } finally {
      reading = false;
    }
  };
  void check();
  const timer = setInterval(() => void check(), options.intervalMs ?? 1_500);
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
