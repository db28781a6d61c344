import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const trayDir = join(import.meta.dirname, '..', '..', 'assets', 'tray');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The entries of an .ico file as Windows reads them: directory size, and the image each entry points at. */
function readIco(file: string): { declared: number; width: number; height: number; isPng: boolean }[] {
  const ico = readFileSync(file);
  expect(ico.readUInt16LE(2), 'type 1 = icon').toBe(1);
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + i * 16;
    const length = ico.readUInt32LE(entry + 8);
    const image = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + length);
    return {
      declared: ico[entry] || 256,
      isPng: image.subarray(0, 8).equals(PNG_SIGNATURE),
      width: image.readUInt32BE(16),
      height: image.readUInt32BE(20),
    };
  });
}

describe('Windows tray icons (scripts/make-icons.ts)', () => {
  const icoFiles = readdirSync(trayDir).filter((name) => name.endsWith('.ico'));

  it('has one .ico per state for light and dark taskbars', () => {
    expect(icoFiles.sort()).toEqual(
      ['attention', 'idle', 'problem', 'running'].flatMap((state) => [
        `tray-${state}-dark.ico`,
        `tray-${state}-light.ico`,
      ]),
    );
  });

  it('holds 16, 20, 24, 32, 40 and 48 px images, so the icon is sharp from 100 % to 200 % scaling', () => {
    for (const name of icoFiles) {
      const entries = readIco(join(trayDir, name));
      expect(
        entries.map((e) => e.declared),
        name,
      ).toEqual([16, 20, 24, 32, 40, 48]);
      for (const entry of entries) {
        expect(entry, name).toMatchObject({ isPng: true, width: entry.declared, height: entry.declared });
      }
    }
  });
});
