// Native notifications: shows what the controller decided, and routes a click to the task it is about.
import { Notification, type NotificationConstructorOptions } from 'electron';
import type { AppSnapshot } from '../../shared/snapshot';

export interface NotificationRequest {
  title: string;
  body: string;
  taskId?: string;
  sound?: boolean;
}

export type ClickAction = { kind: 'open-folder'; taskId: string } | { kind: 'show-window'; taskId?: string };

/** A finished, downloaded task opens its folder; anything else shows the window on the task. */
export function notificationClickAction(snapshot: AppSnapshot, taskId: string | undefined): ClickAction {
  const task = taskId ? snapshot.tasks.find((candidate) => candidate.id === taskId) : undefined;
  if (task?.download?.status === 'done') return { kind: 'open-folder', taskId: task.id };
  return taskId ? { kind: 'show-window', taskId } : { kind: 'show-window' };
}

export interface Notifier {
  show(request: NotificationRequest): boolean;
}

/** Said once in the window where the system has no notification service, instead of dropping every notification. */
export function notificationSupportNotice(supported: boolean, platform: NodeJS.Platform): string | undefined {
  if (supported) return undefined;
  const hint =
    platform === 'linux' ? ' On Linux this needs libnotify and a notification service (most desktops have one).' : '';
  return `Desktop notifications are not available on this system, so finished tasks show only here and in the tray.${hint}`;
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

/** `C:\Program Files\…\icon.png` → `file:///C:/Program Files/…/icon.png`, the form toast images accept. */
function toastFileUrl(path: string): string {
  return `file:///${path.replace(/\\/g, '/').replace(/^\/+/, '')}`;
}

/**
 * A Windows toast that carries the task in its launch arguments. Electron's own toasts carry only a hash of the
 * notification's id, which means nothing once the Notification object is gone (a click in Action Center later, or
 * after a restart); Notification.handleActivation hands these arguments back in every case.
 */
export function buildToastXml(request: NotificationRequest, icon?: string): string {
  const launch = new URLSearchParams({ type: 'click', ...(request.taskId ? { task: request.taskId } : {}) });
  const image = icon ? `<image placement="appLogoOverride" src="${escapeXml(toastFileUrl(icon))}"/>` : '';
  return (
    `<toast launch="${escapeXml(launch.toString())}" activationType="foreground">` +
    `<visual><binding template="ToastGeneric"><text>${escapeXml(request.title)}</text>` +
    `<text>${escapeXml(request.body)}</text>${image}</binding></visual>` +
    `${request.sound === false ? '<audio silent="true"/>' : ''}</toast>`
  );
}

/** The task a toast activation is about (see buildToastXml), or undefined for a toast without one. */
export function taskIdFromActivation(args: string): string | undefined {
  return new URLSearchParams(args).get('task') ?? undefined;
}

export function createNotifier(options: {
  onClick: (taskId: string | undefined) => void;
  icon?: string;
  platform?: NodeJS.Platform;
  /** Test hook: sees every notification raised. */
  onShown?: (request: NotificationRequest) => void;
}): Notifier {
  const windows = options.platform === 'win32';
  if (windows) {
    // Every click on one of our toasts, whether its object is alive, collected, from before a restart, or the click
    // that launched the app (replayed once registered).
    Notification.handleActivation((details) => {
      if (details.type === 'click') options.onClick(taskIdFromActivation(details.arguments));
    });
  }
  // Windows drops the click handler of a notification that was garbage-collected: hold them until closed.
  const live = new Set<Notification>();
  return {
    show(request) {
      if (!Notification.isSupported()) return false;
      const content: NotificationConstructorOptions = {
        title: request.title,
        body: request.body,
        silent: request.sound === false,
        ...(options.icon ? { icon: options.icon } : {}),
      };
      const notification = new Notification(
        windows ? { ...content, toastXml: buildToastXml(request, options.icon) } : content,
      );
      live.add(notification);
      // On Windows the activation handler above routes clicks; a listener here too would open the task twice.
      if (!windows) notification.on('click', () => options.onClick(request.taskId));
      notification.on('close', () => live.delete(notification));
      notification.show();
      options.onShown?.(request);
      return true;
    },
  };
}
