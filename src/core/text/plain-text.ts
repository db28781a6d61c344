// Text from outside (the service, a link) made safe to print: no terminal escapes, no hidden reordering, no line breaks.

// C0 controls (ESC starts terminal escapes), DEL, C1 controls (0x9b is a one-byte CSI), and the bidirectional
// overrides and isolates that can make text display in a different order than it is stored ("Trojan Source").
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character removed (tabs and line breaks become spaces). */
export function stripControlCharacters(text: string): string {
  return text.replace(/[\t\n\r]/g, ' ').replace(CONTROL, '');
}
