// User settings: one schema both sides agree on, with defaults. The renderer imports types only.
import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;

export const settingsSchema = z.object({
  baseUrl: z.string().url().default('https://api.hyper3d.com/api'),
  pollBudgetPerMinute: z.number().int().min(1).max(120).default(60),
  notifyOnDone: z.boolean().default(true),
  notifyOnFailed: z.boolean().default(true),
  notificationSound: z.boolean().default(true),
  autoDownload: z.boolean().default(true),
  /** Empty means the platform default, `Downloads/Rodin`. */
  downloadFolder: z.string().max(4096).default(''),
  /** One task's results together may take at most this much (each file at most 2 GiB). */
  downloadLimitGiB: z.number().int().min(1).max(1024).default(4),
  /** Unfinished tasks watched at once; more are refused so a flood cannot eat the polling budget unseen. */
  maxActiveTasks: z.number().int().min(1).max(100_000).default(1000),
  launchAtLogin: z.boolean().default(false),
  shortcutToggleWindow: z.string().max(100).default('CommandOrControl+Alt+R'),
  shortcutAddFromClipboard: z.string().max(100).default('CommandOrControl+Alt+V'),
  watchClipboard: z.boolean().default(false),
  historySize: z.number().int().min(10).max(5000).default(500),
  theme: z.enum(THEMES).default('system'),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsPatch = Partial<Settings>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

type SettingsShape = typeof settingsSchema.shape;

// A patch must not pick up defaults: `{ theme: 'dark' }` means "change the theme", not "reset everything else".
const patchShape = Object.fromEntries(
  Object.entries(settingsSchema.shape).map(([key, field]) => [key, field.unwrap().optional()]),
) as { [K in keyof SettingsShape]: z.ZodOptional<ReturnType<SettingsShape[K]['unwrap']>> };

/** Validates a partial update; unknown keys are refused rather than silently dropped. */
export const settingsPatchSchema = z.object(patchShape).strict();
