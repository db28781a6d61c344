// The 3D preview in Chromium (WebGL through SwiftShader): the simulator's toadstool is downloaded by the real core,
// served through the app's preview handler, drawn, turned by mouse and keys, and checked pixel by pixel in light and
// dark. Screenshots go to test-results/screenshots/ (the README shows them).
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { chromiumPath } from '../../playwright.config';
import { buildSampleModelGlb } from '../../src/core/sim/sample-model';
import { formatBytes } from '../../src/shared/format-bytes';
import { formatCount } from '../../src/renderer/state/format';
import { expect, test, type RodinApp } from './app-fixture';
import { installBridge, recordingInvoke } from './bridge-harness';
import { makeSnapshot, makeTask, PREVIEW_DATA_URL } from './fixture-snapshots';
import { startStaticServer } from './static-server';

const DIR = 'test-results/screenshots';
mkdirSync(DIR, { recursive: true });

// Software WebGL (SwiftShader) compiles the model's shaders in ~6 s on a quiet 2-core machine and, measured while the
// rest of the suite runs beside it, up to ~40 s; a GPU takes a fraction of a second. The view says "ready" only once
// they are compiled, so everything after that is quick.
const SHADER_COMPILE_MS = 90_000;

// SwiftShader is Chromium's software WebGL; newer builds only fall back to it when told that is fine.
test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking'],
  },
});

interface Pixels {
  /** Share of the stage's pixels that differ from the empty stage: the model's footprint. */
  drawn: number;
  /** Share of pixels in the red of the toadstool's cap: the texture is on. */
  red: number;
  /** Mean luminance of the empty stage, 0–255: the neutral background. */
  backgroundLuma: number;
}

/** Decodes PNG screenshots in the page (createImageBitmap) and compares them pixel by pixel. */
function comparePngs(page: Page, shot: Buffer, empty: Buffer): Promise<Pixels> {
  return page.evaluate(
    async ([a, b]) => {
      const decode = async (base64: string) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      };
      const [shotPixels, emptyPixels] = await Promise.all([decode(a), decode(b)]);
      let drawn = 0;
      let red = 0;
      let luma = 0;
      const count = shotPixels.length / 4;
      for (let i = 0; i < shotPixels.length; i += 4) {
        const [r, g, bl] = [shotPixels[i]!, shotPixels[i + 1]!, shotPixels[i + 2]!];
        const diff =
          Math.abs(r - emptyPixels[i]!) + Math.abs(g - emptyPixels[i + 1]!) + Math.abs(bl - emptyPixels[i + 2]!);
        if (diff > 24) drawn += 1;
        if (r > 110 && r > g + 60 && r > bl + 50) red += 1;
        luma += 0.2126 * emptyPixels[i]! + 0.7152 * emptyPixels[i + 1]! + 0.0722 * emptyPixels[i + 2]!;
      }
      return { drawn: drawn / count, red: red / count, backgroundLuma: luma / count };
    },
    [shot.toString('base64'), empty.toString('base64')] as const,
  );
}

/** Share of pixels that differ between two screenshots of the stage. */
function changedShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return comparePngs(page, a, b).then((p) => p.drawn);
}

async function stageShots(stage: Locator, canvas: Locator): Promise<{ shot: Buffer; empty: Buffer }> {
  const shot = await stage.screenshot({ animations: 'disabled' });
  // The same stage without the canvas: what "nothing drawn" would look like, gradient and all. Opacity, not
  // visibility: a hidden canvas leaves the accessibility tree, and the role locator could no longer find it.
  await canvas.evaluate((c) => ((c as HTMLElement).style.opacity = '0'));
  const empty = await stage.screenshot({ animations: 'disabled' });
  await canvas.evaluate((c) => ((c as HTMLElement).style.opacity = ''));
  return { shot, empty };
}

/** The vertex and triangle counts the stats line should show, read from the GLB the simulator serves. */
function expectedStats(): string {
  const glb = Buffer.from(buildSampleModelGlb());
  const gltf = JSON.parse(glb.toString('utf8', 20, 20 + glb.readUInt32LE(12))) as {
    accessors: { count: number }[];
    meshes: { primitives: { attributes: { POSITION: number }; indices: number }[] }[];
  };
  const primitive = gltf.meshes[0]!.primitives[0]!;
  const vertices = gltf.accessors[primitive.attributes.POSITION]!.count;
  const triangles = gltf.accessors[primitive.indices]!.count / 3;
  return `${formatCount(vertices)} vertices · ${formatCount(triangles)} triangles · ${formatBytes(glb.length)}`;
}

async function openFinishedTask(app: RodinApp, label: string): Promise<void> {
  await app.pasteTask({ label, queueMs: 0, generateMs: 1_000 });
  const thumbnail = app.row(label).getByRole('button', { name: `Show ${label} in 3D` });
  await expect(thumbnail).toBeVisible({ timeout: 20_000 });
  await thumbnail.click();
}

for (const scheme of ['light', 'dark'] as const) {
  test(`draws the downloaded model, turns it and toggles texture and wireframe (${scheme})`, async ({ openApp }) => {
    test.setTimeout(SHADER_COMPILE_MS + 60_000);
    const app = await openApp({ colorScheme: scheme, settings: { autoDownload: true } });
    const { page } = app;
    await openFinishedTask(app, 'Toadstool');

    const region = page.getByRole('region', { name: 'Toadstool' });
    await expect(region).toBeVisible();
    const canvas = region.getByRole('img', { name: '3D model of Toadstool' });
    await expect(canvas).toHaveAttribute('data-state', 'ready', { timeout: SHADER_COMPILE_MS });
    await expect(region.getByTestId('model-stats')).toHaveText(expectedStats());
    const stage = region.locator('.viewer-stage');
    await page.mouse.move(1, 1);

    const first = await stageShots(stage, canvas);
    const drawn = await comparePngs(page, first.shot, first.empty);
    expect(drawn.drawn, 'share of the stage the model covers').toBeGreaterThan(0.08);
    expect(drawn.red, 'share of the stage in the cap’s red').toBeGreaterThan(0.02);
    if (scheme === 'light') expect(drawn.backgroundLuma).toBeGreaterThan(190);
    else expect(drawn.backgroundLuma).toBeLessThan(80);
    await page.screenshot({ path: `${DIR}/model-preview-${scheme}.png`, animations: 'disabled' });

    // Turn it with the mouse, as a user would: the picture changes and the model is still drawn.
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 30, { steps: 8 });
    await page.mouse.up();
    await page.mouse.move(1, 1);
    const turned = await stageShots(stage, canvas);
    await page.screenshot({ path: `${DIR}/model-preview-turned-${scheme}.png`, animations: 'disabled' });
    expect(await changedShare(page, turned.shot, first.shot), 'the view turned').toBeGreaterThan(0.02);
    expect((await comparePngs(page, turned.shot, turned.empty)).drawn).toBeGreaterThan(0.08);

    // Reset brings back the first framing.
    await region.getByRole('button', { name: 'Reset view' }).click();
    await page.mouse.move(1, 1);
    await expect
      .poll(async () => changedShare(page, (await stageShots(stage, canvas)).shot, first.shot))
      .toBeLessThan(0.005);

    // Texture off: the shape stays, in clay grey; the red cap goes.
    await region.getByRole('button', { name: 'Texture' }).click();
    await expect(region.getByRole('button', { name: 'Texture' })).toHaveAttribute('aria-pressed', 'false');
    const plain = await stageShots(stage, canvas);
    await page.screenshot({ path: `${DIR}/model-preview-clay-${scheme}.png`, animations: 'disabled' });
    const plainPixels = await comparePngs(page, plain.shot, plain.empty);
    expect(plainPixels.drawn).toBeGreaterThan(0.05);
    expect(plainPixels.red).toBeLessThan(0.002);

    // Wireframe: lines instead of surfaces cover far less of the stage.
    await region.getByRole('button', { name: 'Texture' }).click();
    await region.getByRole('button', { name: 'Wireframe' }).click();
    await expect(region.getByRole('button', { name: 'Wireframe' })).toHaveAttribute('aria-pressed', 'true');
    const wire = await stageShots(stage, canvas);
    await page.screenshot({ path: `${DIR}/model-preview-wireframe-${scheme}.png`, animations: 'disabled' });
    const wirePixels = await comparePngs(page, wire.shot, wire.empty);
    expect(wirePixels.drawn).toBeGreaterThan(0.01);
    expect(wirePixels.drawn).toBeLessThan(drawn.drawn * 0.8);
  });
}

test('works from the keyboard: keys turn and reset the model, Escape returns to the thumbnail', async ({ openApp }) => {
  test.setTimeout(SHADER_COMPILE_MS + 60_000);
  const app = await openApp({ settings: { autoDownload: true } });
  const { page } = app;
  await openFinishedTask(app, 'Keyboard toadstool');
  const region = page.getByRole('region', { name: 'Keyboard toadstool' });
  // Focus starts on the way back, so Escape and Enter both work at once.
  await expect(region.getByRole('button', { name: 'Back to tasks' })).toBeFocused();
  const canvas = region.getByRole('img', { name: '3D model of Keyboard toadstool' });
  await expect(canvas).toHaveAttribute('data-state', 'ready', { timeout: SHADER_COMPILE_MS });
  await expect(canvas).toHaveAccessibleDescription(/arrow keys to turn it/);
  const stage = region.locator('.viewer-stage');

  await page.keyboard.press('Tab');
  await expect(canvas).toBeFocused();
  const before = await stage.screenshot();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => changedShare(page, await stage.screenshot(), before)).toBeGreaterThan(0.02);
  await page.keyboard.press('0');
  await expect.poll(async () => changedShare(page, await stage.screenshot(), before)).toBeLessThan(0.005);

  await page.keyboard.press('Escape');
  await expect(region).toBeHidden();
  await expect(
    app.row('Keyboard toadstool').getByRole('button', { name: 'Show Keyboard toadstool in 3D' }),
  ).toBeFocused();
});

test('drags a finished model out from its thumbnail: the window names the task, main finds the file', async ({
  openApp,
}) => {
  const app = await openApp({ settings: { autoDownload: true } });
  const { page } = app;
  await app.pasteTask({ label: 'Drag toadstool', queueMs: 0, generateMs: 1_000 });
  const thumbnail = app.row('Drag toadstool').getByRole('button', { name: 'Show Drag toadstool in 3D' });
  await expect(thumbnail).toBeVisible({ timeout: 20_000 });

  // A real mouse drag: Chromium fires dragstart, which the window cancels and hands to the app.
  const box = (await thumbnail.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 80, box.y + 60, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => app.platform.dragged.length).toBe(1);

  const id = app.snapshot().tasks[0]!.id;
  expect(app.calls.filter((c) => c.channel === 'tasks:drag-model')).toEqual([
    { channel: 'tasks:drag-model', request: { id } },
  ]);
  expect(app.platform.dragged[0]).toMatch(/Drag toadstool.*[/\\]base_basic_pbr\.glb$/);
  // A drag is not a click: the list stays.
  await expect(page.getByRole('region', { name: 'Drag toadstool' })).toHaveCount(0);
});

test('a model the window cannot show gets its thumbnail and “Open in default app”', async ({ page }) => {
  const server = await startStaticServer();
  try {
    const now = Date.now();
    const task = makeTask(1, now, 'done', {
      label: 'Chair in FBX',
      download: {
        status: 'done',
        fileCount: 2,
        previewUrl: PREVIEW_DATA_URL,
        model: { name: 'chair.fbx', format: 'fbx' },
      },
    });
    const { invoke, calls } = recordingInvoke(() => makeSnapshot(now, [task]));
    await installBridge(page, invoke);
    await page.setViewportSize({ width: 380, height: 560 });
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Show Chair in FBX' }).click();
    const region = page.getByRole('region', { name: 'Chair in FBX' });
    await expect(region.getByRole('img', { name: 'Preview of Chair in FBX' })).toBeVisible();
    await expect(region).toContainText('FBX models cannot be shown here');
    await expect(region.locator('canvas')).toHaveCount(0);
    await page.screenshot({ path: `${DIR}/model-detail-fbx.png`, animations: 'disabled' });
    await region.getByRole('button', { name: 'Open in default app' }).click();
    await region.getByRole('button', { name: 'Show in folder' }).click();
    await region.getByRole('button', { name: 'Copy file path' }).click();
    await expect(page.getByText('File path copied')).toBeVisible();
    expect(calls.filter((c) => /model/.test(c.channel) || (c.request as { what?: string } | undefined)?.what)).toEqual([
      { channel: 'tasks:open-model', request: { id: task.id } },
      { channel: 'tasks:show-model', request: { id: task.id } },
      { channel: 'tasks:copy', request: { id: task.id, what: 'model-path' } },
    ]);
    await page.keyboard.press('Escape');
    await expect(region).toBeHidden();
    // The 3D chunk was never fetched for a format it cannot show.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(scripts.filter((name) => name.includes('model-scene'))).toEqual([]);
  } finally {
    await server.close();
  }
});
