// The task list against the real core and simulator: adding by paste, live state changes, failures, remove/undo, rename.
import { expect, test } from './app-fixture';

test.describe('the task list', () => {
  test('adds a task when a generation response is pasted anywhere in the window, and says so', async ({ openApp }) => {
    const app = await openApp();
    const task = app.sim.addTask({ label: 'Pasted chair', queueMs: 600_000 });
    const text = JSON.stringify(task.generationResponse);
    await app.page.locator('.empty').click();
    await app.page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      document.body.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);
    await expect(app.page.locator('.add-message')).toContainText('Added');
    await expect(app.page.locator('li.row')).toHaveCount(1);
    await expect(app.page.locator('.group-waiting .count')).toHaveText('1');

    // The same response again is a duplicate, and nonsense is rejected with a reason.
    await app.page.locator('#add-input').fill(text);
    await app.page.locator('#add-input').press('Enter');
    await expect(app.page.locator('.add-message')).toContainText('already in the list');
    await app.page.locator('#add-input').fill('hello there, not a task');
    await app.page.locator('#add-input').press('Enter');
    await expect(app.page.locator('.add-message.tone-error')).toBeVisible();
    await expect(app.page.locator('li.row')).toHaveCount(1);
  });

  test('adds a task from a dropped .json file', async ({ openApp }) => {
    const app = await openApp();
    const task = app.sim.addTask({ queueMs: 600_000 });
    await app.page.evaluate((t) => {
      const data = new DataTransfer();
      data.items.add(new File([t], 'response.json', { type: 'application/json' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, JSON.stringify(task.generationResponse));
    await expect(app.page.locator('li.row')).toHaveCount(1);
    await expect(app.page.locator('.add-message')).toContainText('Added');
  });

  test('shows a task moving from Waiting to Generating to Done as it happens', async ({ openApp }) => {
    const app = await openApp({ speed: 20 });
    await app.pasteTask({ label: 'Live lamp', jobs: 3, queueMs: 30_000, queueLength: 2, generateMs: 60_000 });
    const row = app.row('Live lamp');
    await expect(row).toHaveClass(/state-waiting/);
    await expect(row.locator('.state-word')).toHaveText('Waiting');
    await expect(app.page.locator('.group-waiting')).toContainText('Live lamp');
    await expect(row).toHaveClass(/state-generating/, { timeout: 20_000 });
    await expect(row.locator('.state-word')).toHaveText('Generating');
    await expect(row.locator('progress:indeterminate')).toHaveCount(1);
    await expect(row).toHaveClass(/state-done/, { timeout: 20_000 });
    await expect(app.page.locator('.group-done')).toContainText('Live lamp');
    await expect(row).toContainText('3/3 jobs');
    await expect(app.page.getByTestId('announcer')).toContainText('Live lamp is done.');
  });

  test('shows a failed task in the Failed group with its state in words', async ({ openApp }) => {
    const app = await openApp({ speed: 20 });
    await app.pasteTask({ label: 'Doomed bust', queueMs: 0, generateMs: 10_000, outcome: 'Failed' });
    const row = app.row('Doomed bust');
    await expect(row).toHaveClass(/state-failed/, { timeout: 20_000 });
    await expect(app.page.locator('.group-failed')).toContainText('Doomed bust');
    await expect(row.locator('.state-word')).toHaveText('Failed');
    await expect(app.page.getByTestId('announcer')).toContainText('Doomed bust failed');
  });

  test('shows the last error of a task with "Retry now", which checks it again', async ({ openApp }) => {
    const app = await openApp({ speed: 20 });
    app.sim.setFault({ kind: 'server-error-html', paths: ['/v2/status'] });
    await app.pasteTask({ label: 'Flaky vase', queueMs: 600_000 });
    const row = app.row('Flaky vase');
    await expect(row.locator('.row-error')).toBeVisible({ timeout: 15_000 });
    const message = (await row.locator('.row-error .error-text').textContent()) ?? '';
    expect(message.length).toBeGreaterThan(10);
    expect(message).not.toMatch(/<html|<body/i);
    app.sim.setFault(null);
    await row.getByRole('button', { name: 'Retry now' }).click();
    await expect(row.locator('.row-error')).toHaveCount(0, { timeout: 15_000 });
    expect(app.calls.some((c) => c.channel === 'tasks:retry-now')).toBe(true);
  });

  test('removes a task and brings it back with Undo', async ({ openApp }) => {
    const app = await openApp();
    await app.pasteTask({ label: 'Removable robot', queueMs: 600_000 });
    const row = app.row('Removable robot');
    await row.hover();
    await row.getByRole('button', { name: 'Remove' }).click();
    await expect(row).toHaveCount(0);
    const toast = app.page.locator('.toast');
    await expect(toast).toContainText('Removed “Removable robot”');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(app.row('Removable robot')).toHaveCount(1);
    expect(app.snapshot().tasks.map((t) => t.label)).toContain('Removable robot');
  });

  test('the undo offer lasts as long as the core keeps the task, then goes and the task stays removed', async ({
    openApp,
  }) => {
    const app = await openApp();
    await app.pasteTask({ label: 'Gone for good', queueMs: 600_000 });
    await app.row('Gone for good').hover();
    await app.row('Gone for good').getByRole('button', { name: 'Remove' }).click();
    await expect(app.page.locator('.toast')).toBeVisible();
    // The core keeps a removed task 10 s (UNDO_WINDOW_MS) and the window is told so: still offered after 6 s.
    await app.page.waitForTimeout(6_000);
    await expect(app.page.locator('.toast')).toBeVisible();
    await expect(app.page.locator('.toast')).toHaveCount(0, { timeout: 8_000 });
    expect(app.snapshot().tasks).toHaveLength(0);
  });

  test('renames a task by clicking its label', async ({ openApp }) => {
    const app = await openApp();
    await app.pasteTask({ label: 'Old name', queueMs: 600_000 });
    await app.row('Old name').locator('button.label').click();
    const input = app.page.getByRole('textbox', { name: 'Task name' });
    await expect(input).toBeFocused();
    await input.fill('Shiny new name');
    await input.press('Enter');
    await expect(app.row('Shiny new name')).toHaveCount(1);
    await expect.poll(() => app.snapshot().tasks[0]?.label).toBe('Shiny new name');
    // Escape cancels a rename without hiding the window.
    await app.row('Shiny new name').locator('button.label').click();
    await app.page.getByRole('textbox', { name: 'Task name' }).fill('Discarded');
    await app.page.getByRole('textbox', { name: 'Task name' }).press('Escape');
    await expect(app.row('Shiny new name')).toHaveCount(1);
    expect(app.platform.hideCount).toBe(0);
  });

  test('copies the subscription key and task UUID through the app, never through the page', async ({ openApp }) => {
    const app = await openApp();
    const task = await app.pasteTask({ label: 'Copyable', queueMs: 600_000 });
    const row = app.row('Copyable');
    await row.hover();
    await row.getByRole('button', { name: 'Copy subscription key' }).click();
    await expect(app.page.locator('.toast')).toContainText('Subscription key copied');
    await row.hover();
    await row.getByRole('button', { name: 'Copy task UUID' }).click();
    await expect.poll(() => app.platform.copied).toEqual([task.subscriptionKey, task.taskUuid]);
  });
});
