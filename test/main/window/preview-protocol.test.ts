import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPreviewRegistry, servePreview } from '../../../src/main/window/preview-protocol';

let root: string;
let taskFolder: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rodin-preview-'));
  taskFolder = join(root, 'Chair');
  mkdirSync(taskFolder);
  writeFileSync(join(taskFolder, 'preview.webp'), 'RIFFwebp');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('rodin-preview protocol', () => {
  it('serves the registered preview of a task with an image content type', async () => {
    const registry = createPreviewRegistry();
    const url = registry.urlFor('abc123', taskFolder, join(taskFolder, 'preview.webp'));
    expect(url).toBe('rodin-preview://task/abc123/preview.webp');
    const response = await servePreview(registry, url ?? '', [root]);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(await response.text()).toBe('RIFFwebp');
  });

  it.each([
    'rodin-preview://task/abc123/..%2F..%2Fsecret.txt',
    'rodin-preview://task/abc123/../secret.txt',
    'rodin-preview://task/abc123/%2e%2e/secret.txt',
    'rodin-preview://task/abc123/%2e%2e%2Fsecret.txt',
    'rodin-preview://task/abc123/%2E%2E%5Csecret.txt',
    'rodin-preview://task/abc123/%2Fetc%2Fpasswd',
    'rodin-preview://task/abc123//etc/passwd',
    'rodin-preview://task//etc/passwd',
    'rodin-preview://task/abc123/%ZZ',
    'rodin-preview://task/other/preview.webp',
    'rodin-preview://task/abc123/model.glb',
    'rodin-preview://elsewhere/abc123/preview.webp',
    'file:///etc/passwd',
  ])('answers 404 for %s', async (url) => {
    const registry = createPreviewRegistry();
    registry.urlFor('abc123', taskFolder, join(taskFolder, 'preview.webp'));
    expect((await servePreview(registry, url, [root])).status).toBe(404);
  });

  it('answers 404 for an absolute path in the URL, encoded or not', async () => {
    const registry = createPreviewRegistry();
    registry.urlFor('abc123', taskFolder, join(taskFolder, 'preview.webp'));
    const secret = join(root, 'secret.txt');
    for (const url of [
      `rodin-preview://task/abc123/${encodeURIComponent(secret)}`,
      `rodin-preview://task/abc123${secret}`,
      `rodin-preview://task/abc123/${encodeURIComponent(join(taskFolder, 'preview.webp'))}`,
    ]) {
      expect((await servePreview(registry, url, [root])).status, url).toBe(404);
    }
  });

  it("serves a task's model next to its preview, with CORS for the window's origin only", async () => {
    writeFileSync(join(taskFolder, 'base_basic_pbr.glb'), 'glTFbytes');
    const registry = createPreviewRegistry();
    const preview = registry.urlFor('abc123', taskFolder, join(taskFolder, 'preview.webp')) ?? '';
    const model = registry.urlFor('abc123', taskFolder, join(taskFolder, 'base_basic_pbr.glb')) ?? '';
    expect(model).toBe('rodin-preview://task/abc123/base_basic_pbr.glb');
    const response = await servePreview(registry, model, [root], 'app://rodin');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('model/gltf-binary');
    expect(response.headers.get('access-control-allow-origin')).toBe('app://rodin');
    expect(await response.text()).toBe('glTFbytes');
    // Registering the model did not push the preview out.
    expect((await servePreview(registry, preview, [root])).status).toBe(200);
    expect((await servePreview(registry, model, [root])).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses to register anything but an image or a glTF model, or a relative path', () => {
    const registry = createPreviewRegistry();
    expect(registry.urlFor('abc123', taskFolder, join(taskFolder, 'model.fbx'))).toBeUndefined();
    expect(registry.urlFor('abc123', taskFolder, join(taskFolder, 'notes.txt'))).toBeUndefined();
    expect(registry.urlFor('abc123', taskFolder, 'preview.webp')).toBeUndefined();
    expect(registry.urlFor('../x', taskFolder, join(taskFolder, 'preview.webp'))).toBeUndefined();
  });

  it('refuses to register a file that is not directly in the task folder it names', () => {
    const registry = createPreviewRegistry();
    expect(registry.urlFor('abc123', taskFolder, join(root, 'secret.txt'))).toBeUndefined();
    expect(registry.urlFor('abc123', join(taskFolder, 'sub'), join(taskFolder, 'preview.webp'))).toBeUndefined();
  });

  it('answers 404 when the task folder (as stored) is not under the download root', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'rodin-elsewhere-'));
    try {
      writeFileSync(join(elsewhere, 'preview.webp'), 'RIFF');
      const registry = createPreviewRegistry();
      const url = registry.urlFor('abc123', elsewhere, join(elsewhere, 'preview.webp')) ?? '';
      expect((await servePreview(registry, url, [root])).status).toBe(404);
      expect((await servePreview(registry, url, [elsewhere])).status).toBe(404);
      expect((await servePreview(registry, url, [tmpdir()])).status).toBe(200);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('answers 404 when the task folder is a link out of the download root', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'rodin-outside-'));
    try {
      writeFileSync(join(outside, 'preview.webp'), 'RIFF');
      const linkedFolder = join(root, 'Linked');
      symlinkSync(outside, linkedFolder);
      const registry = createPreviewRegistry();
      const url = registry.urlFor('abc123', linkedFolder, join(linkedFolder, 'preview.webp')) ?? '';
      expect((await servePreview(registry, url, [root])).status).toBe(404);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('does not follow a preview that is a link to a file outside the task folder', async () => {
    const linked = join(taskFolder, 'linked.png');
    symlinkSync(join(root, 'secret.txt'), linked);
    const registry = createPreviewRegistry();
    const url = registry.urlFor('abc123', taskFolder, linked) ?? '';
    expect((await servePreview(registry, url, [root])).status).toBe(404);
  });
});
