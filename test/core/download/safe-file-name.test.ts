import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_CHARS, safeFileName } from '../../../src/core/download/safe-file-name';

const one = (name: string) => safeFileName(name, new Set());

describe('safeFileName', () => {
  it.each([
    ['../x', 'x'],
    ['/etc/x', 'etc_x'],
    ['C:\\x', 'x'],
    ['..\\..\\Windows\\win.ini', 'Windows_win.ini'],
    ['textures/base color.png', 'textures_base color.png'],
    ['a:b?c*.glb', 'a_b_c_.glb'],
    ['name\u0000with\u001fcontrols.glb', 'name_with_controls.glb'],
  ])('keeps %j free of paths and unsafe characters: %j', (name, expected) => {
    expect(one(name)).toBe(expected);
  });

  it.each(['con.glb', 'CON', 'nul.tar.gz', 'Aux.webp', 'com1.glb', 'LPT9.txt', 'prn .glb'])(
    'prefixes the Windows reserved name %j instead of dropping it',
    (name) => {
      expect(one(name)).toMatch(/^_(con|nul|aux|com1|lpt9|prn)/i);
    },
  );

  it.each(['', '   ', '.', '..', '...', '/', '\\\\'])('names the empty or dot-only name %j "file"', (name) => {
    expect(one(name)).toBe('file');
  });

  it('never produces a hidden file', () => {
    expect(one('.bashrc')).toBe('_.bashrc');
  });

  it('shortens a 300-character name to 200 characters and keeps its extension', () => {
    const name = one(`${'m'.repeat(300)}.glb`);
    expect(name).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(name.endsWith('m.glb')).toBe(true);
  });

  it('keeps long multi-byte names within 200 UTF-8 bytes without splitting a character', () => {
    const name = one(`${'模型'.repeat(150)}.glb`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^(模型)+模?\.glb$/);
  });

  it('numbers clashes, ignoring case, and records every name it hands out', () => {
    const taken = new Set(['model.glb']);
    expect(safeFileName('model.glb', taken)).toBe('model (2).glb');
    expect(safeFileName('MODEL.glb', taken)).toBe('MODEL (3).glb');
    expect(safeFileName('../model.glb', taken)).toBe('model (4).glb');
    expect([...taken]).toEqual(['model.glb', 'model (2).glb', 'MODEL (3).glb', 'model (4).glb']);
  });

  it('keeps a numbered long name within the length limit', () => {
    const taken = new Set<string>();
    safeFileName(`${'x'.repeat(300)}.glb`, taken);
    const second = safeFileName(`${'x'.repeat(300)}.glb`, taken);
    expect(second).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(second.endsWith('x (2).glb')).toBe(true);
  });
});
