// Turns a file name chosen by the server into one that is safe to create inside our folder on every OS.
import sanitize from 'sanitize-filename';

export const MAX_FILE_NAME_CHARS = 200;
/** Bytes too: file systems count UTF-8 bytes (255), and the temporary name adds a prefix and a suffix. */
const MAX_FILE_NAME_BYTES = 200;
const MAX_EXTENSION_CHARS = 16;

// Windows refuses these with any extension (con.glb, nul.txt), whatever the case; COM¹-³ and LPT¹-³ included.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;

function isWindowsReserved(name: string): boolean {
  const dot = name.indexOf('.');
  const stem = (dot < 0 ? name : name.slice(0, dot)).trimEnd();
  return WINDOWS_RESERVED.test(stem);
}

function splitExtension(name: string): { stem: string; ext: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length - dot > MAX_EXTENSION_CHARS + 1) return { stem: name, ext: '' };
  return { stem: name.slice(0, dot), ext: name.slice(dot) };
}

/** Cuts the stem (by whole code points) so stem + suffix + extension fit both limits. */
function fit(stem: string, suffix: string, ext: string): string {
  const budgetChars = MAX_FILE_NAME_CHARS - suffix.length - ext.length;
  const budgetBytes = MAX_FILE_NAME_BYTES - Buffer.byteLength(suffix + ext);
  let out = '';
  let bytes = 0;
  for (const ch of stem) {
    const size = Buffer.byteLength(ch);
    if (out.length + ch.length > budgetChars || bytes + size > budgetBytes) break;
    out += ch;
    bytes += size;
  }
  return `${out.trimEnd() || 'file'}${suffix}${ext}`;
}

/** The name made safe for one folder entry, or undefined when nothing usable is left of it. */
export function cleanFileName(name: string): string | undefined {
  // A path-like name keeps its meaningful parts ("textures/a.png" → "textures_a.png"), never the path itself.
  const segments = name
    .split(/[/\\]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '.' && s !== '..' && !/^[A-Za-z]:$/.test(s));
  let joined = segments.join('_');
  if (/^[\s._]*$/.test(joined)) return undefined;
  // Prefix before sanitize-filename sees it: it would otherwise drop a reserved name entirely.
  if (isWindowsReserved(joined)) joined = `_${joined}`;
  // Shorten first: sanitize-filename cuts at 255 bytes from the end, which would lose the extension.
  const parts = splitExtension(joined);
  let safe = sanitize(fit(parts.stem, '', parts.ext), { replacement: '_' });
  // No hidden files, and nothing that could be mistaken for our own ".name.part-XXXX" temporaries.
  if (safe.startsWith('.')) safe = `_${safe}`;
  if (isWindowsReserved(safe)) safe = `_${safe}`;
  if (/^_*$/.test(safe)) return undefined;
  return safe;
}

/**
 * A safe, unique name for `name` in a folder whose used names are `taken` (compared without case, since macOS
 * and Windows ignore it). The result is added to `taken`. Duplicates become "name (2).glb", "name (3).glb"…
 */
export function safeFileName(name: string, taken: Set<string>): string {
  const { stem, ext } = splitExtension(cleanFileName(name) ?? 'file');
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  let candidate = fit(stem, '', ext);
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = fit(stem, ` (${n})`, ext);
  taken.add(candidate);
  return candidate;
}
