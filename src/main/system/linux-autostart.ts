// Launch at login on Linux, where Electron has no login-item API: an XDG autostart entry
// (https://specifications.freedesktop.org/autostart-spec/latest/).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

const ENTRY_NAME = 'rodin-tray.desktop';

/** Quotes one Exec argument as the Desktop Entry spec asks (double quotes; \ " ` $ escaped). */
export function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_./-]+$/.test(arg)) return arg;
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

export function buildAutostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Rodin Tray',
    'Comment=Watches Hyper3D Rodin generation tasks',
    `Exec=${command.map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Where autostart entries live: $XDG_CONFIG_HOME/autostart, else ~/.config/autostart. */
export function autostartEntryPath(env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(configHome, 'autostart', ENTRY_NAME);
}

/** The command that starts this app again: the AppImage when run from one (its mount path changes every run). */
export function launchCommand(env: NodeJS.ProcessEnv = process.env, execPath = process.execPath): string[] {
  return [env.APPIMAGE || execPath];
}

export async function setLinuxAutostart(
  enabled: boolean,
  options: { env?: NodeJS.ProcessEnv; execPath?: string } = {},
): Promise<void> {
  const path = autostartEntryPath(options.env);
  if (!enabled) {
    await rm(path, { force: true });
    return;
  }
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, buildAutostartEntry(launchCommand(options.env, options.execPath)), 'utf8');
}
