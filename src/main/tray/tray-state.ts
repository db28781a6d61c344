// What the tray shows at a glance, decided from a snapshot: the icon state, the tooltip and the macOS title.
import type { AppSnapshot } from '../../shared/snapshot';

export type TrayIconState = 'idle' | 'running' | 'attention' | 'problem';
export type TrayIconVariant = 'Template' | 'light' | 'dark';

/** Problem beats attention beats running: what the user must act on first wins the one icon we have. */
export function trayIconState(snapshot: AppSnapshot): TrayIconState {
  if (snapshot.problem) return 'problem';
  if (snapshot.tasks.some((task) => task.unseen && task.state !== 'waiting' && task.state !== 'generating')) {
    return 'attention';
  }
  if (snapshot.counts.waiting + snapshot.counts.generating > 0) return 'running';
  return 'idle';
}

/** File name under assets/tray; Electron loads the "@2x" sibling itself on HiDPI screens. */
export function trayIconFile(state: TrayIconState, variant: TrayIconVariant): string {
  return variant === 'Template' ? `tray-${state}Template.png` : `tray-${state}-${variant}.png`;
}

/** macOS tints Template images itself; elsewhere pick the glyph that contrasts with the taskbar. */
export function trayIconVariant(platform: NodeJS.Platform, darkTaskbar: boolean): TrayIconVariant {
  if (platform === 'darwin') return 'Template';
  return darkTaskbar ? 'dark' : 'light';
}

// Windows truncates tray tooltips at 127 characters.
const TOOLTIP_MAX = 127;

export function trayTooltip(snapshot: AppSnapshot): string {
  const { counts } = snapshot;
  const parts: string[] = [];
  if (counts.generating) parts.push(`${counts.generating} generating`);
  if (counts.waiting) parts.push(`${counts.waiting} waiting`);
  const unseen = snapshot.tasks.filter((task) => task.unseen).length;
  if (unseen) parts.push(`${unseen} finished`);
  let text = parts.length ? parts.join(' · ') : 'Rodin Tray: nothing running';
  if (snapshot.polling.paused && snapshot.polling.pausedBy === 'user') text += ' (paused)';
  if (snapshot.problem) text += `\n${snapshot.problem.message}`;
  return text.length > TOOLTIP_MAX ? `${text.slice(0, TOOLTIP_MAX - 1)}…` : text;
}

/** The macOS menu-bar title next to the icon: how many tasks are still running, or nothing. */
export function trayTitle(snapshot: AppSnapshot): string {
  const running = snapshot.counts.waiting + snapshot.counts.generating;
  return running > 0 ? String(running) : '';
}
