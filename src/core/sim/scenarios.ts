// Ready-made sets of simulator tasks: a short demo, a mix of every edge case, and nothing at all.
import type { SimTaskScript } from './sim-task';

export type ScenarioName = 'demo' | 'empty' | 'mixed';

export const SCENARIO_NAMES: readonly ScenarioName[] = ['demo', 'mixed', 'empty'];

/** Five varied tasks that all finish between about 20 and 60 s after start; one of them fails. */
const demo: SimTaskScript[] = [
  { label: 'Wooden chair', tier: 'Sketch', jobs: 3, queueMs: 2_000, queueLength: 1, generateMs: 18_000 },
  { label: 'Toy robot', tier: 'Regular', jobs: 4, queueMs: 6_000, queueLength: 3, generateMs: 30_000 },
  {
    label: 'Dragon statue',
    tier: 'Gen-2',
    jobs: 4,
    queueMs: 8_000,
    queueLength: 4,
    generateMs: 20_000,
    outcome: 'Failed',
  },
  { label: 'Ceramic vase', tier: 'Gen-2', jobs: 4, queueMs: 4_000, queueLength: 2, generateMs: 42_000 },
  { label: 'Brass lantern', tier: 'Detail', jobs: 5, queueMs: 10_000, queueLength: 5, generateMs: 48_000 },
];

/** Every shape a tracker must survive: already done, canceled, an unknown status, long queues, long runs. */
const mixed: SimTaskScript[] = [
  { label: 'Already done', tier: 'Sketch', queueMs: 0, generateMs: 0 },
  { label: 'Quick sketch', tier: 'Sketch', queueMs: 1_000, queueLength: 1, generateMs: 15_000 },
  { label: 'Canceled run', tier: 'Regular', queueMs: 3_000, generateMs: 10_000, outcome: 'Canceled' },
  { label: 'Odd status', tier: 'Regular', queueMs: 2_000, generateMs: 8_000, outcome: 'Suspended' },
  { label: 'Long queue', tier: 'Gen-2', queueMs: 90_000, queueLength: 12, generateMs: 60_000 },
  { label: 'Failing texture', tier: 'Detail', queueMs: 5_000, generateMs: 25_000, outcome: 'Failed' },
  { label: 'Big model', tier: 'Gen-2.5-High', queueMs: 10_000, queueLength: 0, generateMs: 600_000 },
];

export function scenarioScripts(name: ScenarioName): SimTaskScript[] {
  switch (name) {
    case 'demo':
      return demo.map((s) => ({ ...s }));
    case 'mixed':
      return mixed.map((s) => ({ ...s }));
    case 'empty':
      return [];
  }
}

/** How long a generation submitted to the simulator takes, by tier: scaled-down versions of the real ones. */
export function simulatedGenerateMs(tier: string | undefined): number {
  if (tier === 'Sketch') return 10_000;
  if (tier?.startsWith('Gen-2')) return 30_000;
  return 20_000;
}
