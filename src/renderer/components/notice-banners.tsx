// One-off notices from the app (e.g. a repaired setting), each until the user says OK.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';

export function NoticeBanners({ notices }: { notices: readonly string[] }): JSX.Element {
  const [dismissed, setDismissed] = useState<string[]>([]);
  return (
    <>
      {notices
        .filter((n) => !dismissed.includes(n))
        .map((notice) => (
          <div class="banner banner-info" role="status" key={notice}>
            <div class="banner-text">
              <span>{notice}</span>
            </div>
            <button type="button" class="button button-small" onClick={() => setDismissed((d) => [...d, notice])}>
              OK
            </button>
          </div>
        ))}
    </>
  );
}
