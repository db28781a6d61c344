// What the tray shows at a glance, decided from a snapshot: the icon state, the tooltip and the macOS title.
import type { AppSnapshot } from '../../shared/snapshot';
import { isActive, isFinished, TASK_STATE_NAMES, TASK_STATES } from '../../shared/task-states';

export type TrayIconState = 'idle' | 'running' | 'attention' | 'problem';
export type TrayIconVariant = 'Template' | 'light' | 'dark';

/** Problem beats attention beats running: what the user must act on first wins the one icon we have. */
export function trayIconState(snapshot: AppSnapshot): TrayIconState {
  if (snapshot.problem) return 'problem';
  if (snapshot.tasks.some((task) => task.unseen && isFinished(task.state))) {
    return 'attention';
  }
  if (runningCount(snapshot) > 0) return 'running';
  return 'idle';
}

/**
 * File name under assets/tray. Windows gets the multi-size .ico (16–48 px, sharp at every display scaling);
 * elsewhere Electron loads the PNG's "@2x" sibling itself on HiDPI screens.
 */
export function trayIconFile(state: TrayIconState, variant: TrayIconVariant, platform?: NodeJS.Platform): string {
  if (variant === 'Template') return `tray-${state}Template.png`;
  return `tray-${state}-${variant}.${platform === 'win32' ? 'ico' : 'png'}`;
}

/** The parts of nativeTheme the choice reads; `…ForSystemIntegratedUI` exists on Windows and macOS only. */
export interface TaskbarTheme {
  shouldUseDarkColors: boolean;
  shouldUseDarkColorsForSystemIntegratedUI?: boolean;
}

/**
 * The glyph that contrasts with the bar the icon sits in ("dark" = a light glyph for a dark bar). macOS tints
 * Template images itself. Windows' taskbar follows the *system* theme, which can differ from the app theme (the
 * default is a dark taskbar with light apps, electron#19729). Linux panels cannot be asked; GNOME's top bar is dark
 * whatever the theme, as are most desktops' default panels, so Linux gets the light glyph.
 */
export function trayIconVariant(platform: NodeJS.Platform, theme: TaskbarTheme): TrayIconVariant {
  if (platform === 'darwin') return 'Template';
  if (platform === 'linux') return 'dark';
  return (theme.shouldUseDarkColorsForSystemIntegratedUI ?? theme.shouldUseDarkColors) ? 'dark' : 'light';
}

// Windows truncates tray tooltips at 127 characters.
const TOOLTIP_MAX = 127;

export function trayTooltip(snapshot: AppSnapshot): string {
  const { counts } = snapshot;
  const parts = TASK_STATE_NAMES.filter((state) => isActive(state) && counts[state] > 0).map(
    (state) => `${counts[state]} ${TASK_STATES[state].word.toLowerCase()}`,
  );
  const unseen = snapshot.tasks.filter((task) => task.unseen).length;
  if (unseen) parts.push(`${unseen} finished`);
  let text = parts.length ? parts.join(' · ') : 'Rodin Tray: nothing running';
  if (snapshot.polling.paused && snapshot.polling.pausedBy === 'user') text += ' (paused)';
  if (snapshot.problem) text += `\n${snapshot.problem.message}`;
  return text.length > TOOLTIP_MAX ? `${text.slice(0, TOOLTIP_MAX - 1)}…` : text;
}

/** The macOS menu-bar title next to the icon: how many tasks are still running, or nothing. */
export function trayTitle(snapshot: AppSnapshot): string {
  const running = runningCount(snapshot);
  return running > 0 ? String(running) : '';
}

/** Tasks that can still change: the ones the tray's "running" icon and title are about. */
function runningCount(snapshot: AppSnapshot): number {
  return TASK_STATE_NAMES.filter(isActive).reduce((sum, state) => sum + snapshot.counts[state], 0);
}
