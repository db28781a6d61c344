// Native notifications: shows what the controller decided, and routes a click to the task it is about.
import { Notification } from 'electron';
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

export function createNotifier(options: {
  onClick: (taskId: string | undefined) => void;
  icon?: string;
  /** Test hook: sees every notification raised. */
  onShown?: (request: NotificationRequest) => void;
}): Notifier {
  // Windows drops the click handler of a notification that was garbage-collected: hold them until closed.
  const live = new Set<Notification>();
  return {
    show(request) {
      if (!Notification.isSupported()) return false;
      const notification = new Notification({
        title: request.title,
        body: request.body,
        silent: request.sound === false,
        ...(options.icon ? { icon: options.icon } : {}),
      });
      live.add(notification);
      notification.on('click', () => options.onClick(request.taskId));
      notification.on('close', () => live.delete(notification));
      notification.show();
      options.onShown?.(request);
      return true;
    },
  };
}
