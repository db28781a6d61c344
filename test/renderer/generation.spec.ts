// The new-generation form in Chromium, backed by the real controller and the simulator: images by paste, drop and
// picker, reorder and remove, the cost and the confirmation, one submission only, and what "no answer" looks like.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './app-fixture';
import { solidPng } from '../fixtures/images';

const DIR = 'test-results/screenshots';
mkdirSync(DIR, { recursive: true });

const RED = Buffer.from(solidPng([220, 40, 40], 48));
const BLUE = Buffer.from(solidPng([40, 80, 220], 48));
const GREEN = Buffer.from(solidPng([40, 170, 80], 48));

/** Dispatches a paste or drop carrying image files, as the OS would when a picture is pasted or dropped. */
async function sendImages(page: Page, kind: 'paste' | 'drop', files: { name: string; bytes: Buffer }[]): Promise<void> {
  await page.evaluate(
    ({ kind, files }) => {
      const transfer = new DataTransfer();
      for (const f of files) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'image/png' }));
      const target = document.querySelector('.gen') ?? document.body;
      const event =
        kind === 'paste'
          ? new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true })
          : new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
    },
    { kind, files: files.map((f) => ({ name: f.name, bytes: [...f.bytes] })) },
  );
}

const thumbnails = (page: Page) => page.locator('.gen-image');
const names = (page: Page) =>
  thumbnails(page).evaluateAll((items) => items.map((i) => i.getAttribute('data-image-name')));

test('paste and pick images, reorder, remove, confirm the cost, and see the new task in the list', async ({
  openApp,
}) => {
  const app = await openApp();
  const { page } = app;
  await page.getByRole('button', { name: 'New generation' }).click();
  await expect(page.getByRole('heading', { name: 'New generation' })).toBeVisible();

  await sendImages(page, 'paste', [
    { name: 'red.png', bytes: RED },
    { name: 'blue.png', bytes: BLUE },
  ]);
  await expect(thumbnails(page)).toHaveCount(2);
  await page.locator('input[type=file]').setInputFiles({ name: 'green.png', mimeType: 'image/png', buffer: GREEN });
  await expect(thumbnails(page)).toHaveCount(3);
  expect(await names(page)).toEqual(['red.png', 'blue.png', 'green.png']);

  await page.getByRole('button', { name: 'Move green.png earlier' }).click();
  await page.getByRole('button', { name: 'Move green.png earlier' }).click();
  expect(await names(page)).toEqual(['green.png', 'red.png', 'blue.png']);
  await page.getByRole('button', { name: 'Remove red.png' }).click();
  expect(await names(page)).toEqual(['green.png', 'blue.png']);
  // Every thumbnail really decoded (a broken image has no natural size).
  for (const img of await page.locator('.gen-thumb').all()) {
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(48);
  }

  await page.getByLabel('Prompt').fill('a green teapot');
  await page.getByLabel('Tier').selectOption('Sketch');
  await page.getByLabel('Format').selectOption('fbx');
  await page.getByLabel(/HighPack/).check();
  await expect(page.locator('#gen-cost')).toContainText('Cost 1.5 credits');
  await expect(page.locator('#gen-cost')).toContainText('balance 212.5 credits');
  await page.screenshot({ path: `${DIR}/new-generation-form.png`, caret: 'hide' });

  await page.getByRole('button', { name: 'Generate…' }).click();
  await expect(page.getByRole('group', { name: 'Confirm the generation' })).toContainText('Spend 1.5 credits?');
  expect(app.sim.submissions()).toHaveLength(0);
  await page.screenshot({ path: `${DIR}/new-generation-confirm.png`, caret: 'hide' });
  await page.getByRole('button', { name: 'Submit' }).click();

  await expect(app.row('a green teapot')).toBeVisible();
  await expect(page.locator('.toast')).toContainText('Started “a green teapot” for 1.5 credits');
  const [submission] = app.sim.submissions();
  expect(submission?.files.map((f) => f.name)).toEqual(['green.png', 'blue.png']);
  expect(submission?.fields).toMatchObject({
    prompt: 'a green teapot',
    tier: 'Sketch',
    geometry_file_format: 'fbx',
    addons: '["HighPack"]',
  });
  await expect(page.locator('.chip-balance')).toContainText('211 credits');
  await page.screenshot({ path: `${DIR}/new-generation-added.png`, caret: 'hide' });

  // The form starts from the last choices next time.
  await page.getByRole('button', { name: 'New generation' }).click();
  await expect(page.getByLabel('Tier')).toHaveValue('Sketch');
  await expect(page.getByLabel('Format')).toHaveValue('fbx');
  await expect(page.getByLabel(/HighPack/)).not.toBeChecked();
});

test('a double click on Submit spends once', async ({ openApp }) => {
  const app = await openApp();
  const { page } = app;
  app.sim.setFault({ kind: 'slow', delayMs: 1_500, paths: ['/v2/rodin'], times: 1 });
  await page.getByRole('button', { name: 'New generation' }).click();
  await page.getByLabel('Prompt').fill('a stool');
  await page.getByRole('button', { name: 'Generate…' }).click();
  await page.getByRole('button', { name: 'Submit' }).dblclick();
  await expect(page.getByRole('button', { name: 'Submitting…' })).toBeDisabled();
  await page.getByRole('button', { name: 'Submitting…' }).click({ force: true });
  await expect(app.row('a stool')).toBeVisible({ timeout: 10_000 });
  expect(app.calls.filter((c) => c.channel === 'generation:submit')).toHaveLength(1);
  expect(app.sim.requests().filter((r) => r.path === '/v2/rodin')).toHaveLength(1);
  expect(app.sim.balance()).toBe(212);
});

test('dropped images are added; a file that is not an image is refused with its name', async ({ openApp }) => {
  const app = await openApp();
  const { page } = app;
  await page.getByRole('button', { name: 'New generation' }).click();
  await sendImages(page, 'drop', [{ name: 'red.png', bytes: RED }]);
  await expect(thumbnails(page)).toHaveCount(1);
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
  await expect(page.locator('.gen-note')).toContainText('"notes.png" is not a PNG, JPEG or WebP image.');
  await expect(thumbnails(page)).toHaveCount(1);
});

test('nothing to make from: the problem is named and nothing is sent', async ({ openApp }) => {
  const app = await openApp();
  const { page } = app;
  await page.getByRole('button', { name: 'New generation' }).click();
  await page.getByRole('button', { name: 'Generate…' }).click();
  await expect(page.locator('.gen-problems')).toContainText('Write a prompt or add an image');
  await expect(page.getByRole('group', { name: 'Confirm the generation' })).toHaveCount(0);
  expect(app.calls.filter((c) => c.channel === 'generation:submit')).toHaveLength(0);
});

test('no readable answer: the form says the outcome is unknown, keeps everything and adds nothing', async ({
  openApp,
}) => {
  const app = await openApp();
  const { page } = app;
  app.sim.setFault({ kind: 'malformed-json', paths: ['/v2/rodin'], times: 1 });
  await page.getByRole('button', { name: 'New generation' }).click();
  await page.getByLabel('Prompt').fill('a bell');
  await page.getByRole('button', { name: 'Generate…' }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('.gen-note.tone-warning')).toContainText('before submitting again');
  await expect(page.getByLabel('Prompt')).toHaveValue('a bell');
  await page.screenshot({ path: `${DIR}/new-generation-unknown.png`, caret: 'hide' });
  expect(app.snapshot().tasks).toHaveLength(0);
  expect(app.sim.requests().filter((r) => r.path === '/v2/rodin')).toHaveLength(1);
});

test('the tray’s "New generation from clipboard" opens the form with the clipboard image and text', async ({
  openApp,
}) => {
  const app = await openApp();
  const { page } = app;
  expect(app.controller.draftGenerationFromClipboard({ text: 'a red cube', image: solidPng([220, 40, 40], 48) })).toBe(
    undefined,
  );
  // What main's popover.show('new=1') does.
  await page.evaluate(() => (location.hash = 'new=1'));
  await expect(page.getByLabel('Prompt')).toHaveValue('a red cube');
  await expect(thumbnails(page)).toHaveCount(1);
  expect(await names(page)).toEqual(['clipboard.png']);
  await page.screenshot({ path: `${DIR}/new-generation-from-clipboard.png`, caret: 'hide' });
});
