// The scheduler under load: batches that make the request budget bind, against round-robin under the same budget,
// naive 5 s polling (which ignores the budget) and a lower bound no scheduler can beat. Simulated time throughout.
import { pathToFileURL } from 'node:url';
import { createDurationModel } from '../src/core/scheduler/duration-model';
import type { DurationModel } from '../src/core/scheduler/duration-model';
import { isWatchable, lowerBoundP95, naivePolling, roundRobinPolling, servedOldestFirst } from './baselines';
import type { PollOutcome } from './baselines';
import { informedBoundMs } from './informed-bound';
import { bestInformedPlanner } from './informed-planner';
import type { InformedPlan, PlanPair } from './informed-planner';
import { renderP95Chart } from './p95-chart';
import { DEFAULT_BUDGET, percentile, runAdaptive } from './scheduler-bench';
import type { AdaptiveRun } from './scheduler-bench';
import { createWorkload, WORKLOAD_DEFAULTS } from './workload';
import type { WorkloadTask } from './workload';

export interface LoadScenario {
  name: string;
  tasks: number;
  arrivalSpreadMs: number;
  /** A batch (drawn in the chart) rather than the standard workload. */
  burst: boolean;
}

export const LOAD_SCENARIOS: readonly LoadScenario[] = [
  { name: '30 tasks within 30 s', tasks: 30, arrivalSpreadMs: 30_000, burst: true },
  { name: '100 tasks within 1 min', tasks: 100, arrivalSpreadMs: 60_000, burst: true },
  { name: '300 tasks within 2 min', tasks: 300, arrivalSpreadMs: 120_000, burst: true },
  {
    name: 'standard: 200 over 60 min',
    tasks: WORKLOAD_DEFAULTS.tasks,
    arrivalSpreadMs: WORKLOAD_DEFAULTS.arrivalSpreadMs,
    burst: false,
  },
];

export const LOAD_SEEDS = [1, 2, 3];

export type StrategyName =
  'adaptive' | 'adaptive, learned' | 'hindsight' | 'informed' | 'informed, start only' | 'round-robin' | 'naive 5 s';

export interface StrategyFigures {
  p50S: number;
  p95S: number;
  maxS: number;
  callsPerTask: number;
  /** p95 and max of each seed on its own (targets hold for every seed, not only pooled). */
  perSeed: { p95S: number; maxS: number }[];
}

export interface ScenarioResult {
  scenario: LoadScenario;
  strategies: Record<StrategyName, StrategyFigures>;
  /** The lowest p95 any scheduler could reach under the budget (pooled), and per seed. */
  lowerBoundP95S: number;
  lowerBoundPerSeedS: number[];
  /** Per seed: the p95 below which even a scheduler that knew each task's tier and generation start could not go. */
  informedBoundPerSeedS: number[];
  /** Per seed: the plans that served the planner told tier and start best, and the one told only the start. */
  informedPlans: PlanPair[];
  startOnlyPlans: PlanPair[];
  /** Most calls the adaptive scheduler started in any 5 s. */
  maxAdaptiveCallsIn5s: number;
}

export interface LoadBenchResult {
  scenarios: ScenarioResult[];
  lines: string[];
  chartSvg: string;
}

/**
 * Durations an app would know after an earlier session: the model learned while watching a standard hour of other
 * tasks (learned durations persist across restarts).
 */
async function learnedModel(seed: number): Promise<DurationModel> {
  const model = createDurationModel();
  const earlier = createWorkload({ seed: seed + 1_000 });
  await runAdaptive(earlier, { seed: seed + 1_000, durationModel: model });
  return model;
}

function figures(workloads: readonly WorkloadTask[][], outcomes: readonly PollOutcome[][]): StrategyFigures {
  const latencies = outcomes.map((run, i) =>
    run.flatMap((o, j) => (isWatchable(workloads[i]![j]!) && o.latencyMs !== undefined ? [o.latencyMs] : [])),
  );
  const all = latencies.flat();
  const calls = outcomes.flat().reduce((n, o) => n + o.calls, 0);
  const tasks = workloads.reduce((n, w) => n + w.length, 0);
  return {
    p50S: percentile(all, 0.5) / 1000,
    p95S: percentile(all, 0.95) / 1000,
    maxS: Math.max(0, ...all) / 1000,
    callsPerTask: calls / tasks,
    perSeed: latencies.map((l) => ({ p95S: percentile(l, 0.95) / 1000, maxS: Math.max(0, ...l) / 1000 })),
  };
}

/** Each strategy's figures from its outcomes on every workload. */
function figuresOf(
  workloads: readonly WorkloadTask[][],
  outcomes: Record<StrategyName, PollOutcome[][]>,
): Record<StrategyName, StrategyFigures> {
  const entries = Object.entries(outcomes) as [StrategyName, PollOutcome[][]][];
  return Object.fromEntries(entries.map(([name, runs]) => [name, figures(workloads, runs)])) as Record<
    StrategyName,
    StrategyFigures
  >;
}

export async function runLoadBench(
  options: { scenarios?: readonly LoadScenario[]; seeds?: number[]; budgetPerMinute?: number } = {},
): Promise<LoadBenchResult> {
  const wallStart = performance.now();
  const seeds = options.seeds ?? LOAD_SEEDS;
  const budget = options.budgetPerMinute ?? DEFAULT_BUDGET;
  const learned = new Map<number, unknown>();
  for (const seed of seeds) learned.set(seed, (await learnedModel(seed)).toJSON());

  const scenarios: ScenarioResult[] = [];
  for (const scenario of options.scenarios ?? LOAD_SCENARIOS) {
    const workloads = seeds.map((seed) => createWorkload({ ...scenario, seed }));
    const adaptive: AdaptiveRun[] = [];
    const adaptiveLearned = [];
    for (const [i, seed] of seeds.entries()) {
      adaptive.push(await runAdaptive(workloads[i]!, { seed, budgetPerMinute: budget }));
      const durationModel = createDurationModel(learned.get(seed));
      adaptiveLearned.push(await runAdaptive(workloads[i]!, { seed, budgetPerMinute: budget, durationModel }));
    }
    const planners = workloads.map((w) => bestInformedPlanner(w, budget));
    const startOnly = workloads.map((w) => bestInformedPlanner(w, budget, { pastedTier: false }));
    scenarios.push({
      scenario,
      strategies: figuresOf(workloads, {
        adaptive: adaptive.map((r) => r.outcomes),
        'adaptive, learned': adaptiveLearned.map((r) => r.outcomes),
        hindsight: workloads.map((w, i) => servedOldestFirst(w, adaptive[i]!.callTimes)),
        informed: planners.map((p) => p.outcomes),
        'informed, start only': startOnly.map((p) => p.outcomes),
        'round-robin': workloads.map((w) => roundRobinPolling(w, budget)),
        'naive 5 s': workloads.map((w) => w.map(naivePolling)),
      }),
      lowerBoundP95S: lowerBoundP95(workloads, budget) / 1000,
      lowerBoundPerSeedS: workloads.map((w) => lowerBoundP95([w], budget) / 1000),
      informedBoundPerSeedS: workloads.map((w) => informedBoundMs(w, budget) / 1000),
      informedPlans: planners.map((p) => p.plans),
      startOnlyPlans: startOnly.map((p) => p.plans),
      maxAdaptiveCallsIn5s: Math.max(...adaptive.map((r) => r.maxIn5s), ...adaptiveLearned.map((r) => r.maxIn5s)),
    });
  }
  const lines = formatTable(scenarios, seeds, budget, performance.now() - wallStart);
  return {
    scenarios,
    lines,
    chartSvg: renderP95Chart(
      scenarios.filter((s) => s.scenario.burst),
      budget,
    ),
  };
}

const LABELS: Record<StrategyName, string> = {
  adaptive: 'adaptive',
  'adaptive, learned': 'adaptive, durations learned before',
  hindsight: "adaptive's calls, oldest finish first",
  informed: 'told tier and start, EDF (not a client)',
  'informed, start only': 'told start, not pasted tiers, EDF',
  'round-robin': `round-robin under the budget`,
  'naive 5 s': 'naive 5 s (ignores the budget)',
};

/** Each seed's plan pair, e.g. "0.2+5 s/0+7 s" (submitted/pasted). */
function plansText(plans: readonly PlanPair[]): string {
  const plan = (p: InformedPlan) => `${p.firstShare}+${p.revisitMs / 1000} s`;
  return plans.map((p) => `${plan(p.submitted)}/${plan(p.pasted)}`).join(', ');
}

function formatTable(scenarios: readonly ScenarioResult[], seeds: number[], budget: number, wallMs: number): string[] {
  const num = (n: number, width = 8) => (Number.isFinite(n) ? n.toFixed(1) : '-').padStart(width);
  const row = (workload: string, strategy: string, cells: string) =>
    `${workload.padEnd(28)}${strategy.padEnd(42)}${cells}`;
  const lines = [
    `Scheduler under load (simulated time; budget ${budget}/min paced; seeds ${seeds.join(', ')} pooled; latency in s).`,
    row(
      'workload',
      'strategy',
      `${'p50'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}${'calls/task'.padStart(12)}`,
    ),
  ];
  for (const s of scenarios) {
    (Object.keys(LABELS) as StrategyName[]).forEach((name, i) => {
      const f = s.strategies[name];
      lines.push(
        row(
          i === 0 ? s.scenario.name : '',
          LABELS[name],
          `${num(f.p50S)}${num(f.p95S)}${num(f.maxS)}${num(f.callsPerTask, 12)}`,
        ),
      );
    });
    lines.push(row('', 'lower bound, any scheduler', `${num(NaN)}${num(s.lowerBoundP95S)}${num(NaN)}${num(1, 12)}`));
    lines.push(
      row('', 'bound, tier and start known (worst seed)', `${num(NaN)}${num(Math.max(...s.informedBoundPerSeedS))}`),
    );
    const perSeed = (name: StrategyName) =>
      s.strategies[name].perSeed.map((p, i) => `seed ${seeds[i]} ${p.p95S.toFixed(1)}/${p.maxS.toFixed(1)}`).join(', ');
    lines.push(
      row(
        '',
        '',
        `p95/max per seed: adaptive ${perSeed('adaptive')}; learned ${perSeed('adaptive, learned')}; adaptive's calls oldest first ${perSeed('hindsight')}; told tier and start ${perSeed('informed')} (plans ${plansText(s.informedPlans)}); told start only ${perSeed('informed, start only')} (plans ${plansText(s.startOnlyPlans)}); bound ${s.lowerBoundPerSeedS
          .map((b) => b.toFixed(1))
          .join(
            ', ',
          )}; tier and start known ${s.informedBoundPerSeedS.map((b) => b.toFixed(1)).join(', ')}; busiest 5 s ${s.maxAdaptiveCallsIn5s} calls`,
      ),
    );
  }
  lines.push(
    `Adaptive's calls, oldest finish first (hindsight, not a scheduler): the adaptive run's own calls, at the times it made them, each given to the finish that has waited longest unseen (none while none has). Its gap to adaptive is what choosing the task costs; its gap to the lower bound, what the timing of the calls costs.`,
    `Told tier and start, EDF (a yardstick, not a client: none knows both for every task): each task is called L s after a point early in its likely finish window (the central 95 % of its tier's time: plan 0.2+L means a fifth of the way in) and every L s after that while unfinished, the most overdue first, within the same paced budget; one plan for the tasks the app submitted, one for pasted tasks (plans submitted/pasted), the pair chosen per seed in hindsight. Failures and unusually slow generations are not foreseen.`,
    `Told start, not pasted tiers: the same planner told when each generation began (no client is) but, like a client, not the tier of a pasted task, whose window then spans every tier's. It knows more than any client can and picks its plans in hindsight: where even it misses a target, that is strong evidence (not a proof: it is one family of plans) that a client's scheduler will miss it too.`,
    `Lower bound: every task needs one call after its finish; an oracle spending exactly that call, within the same paced budget, still cannot see 95 % of finishes sooner.`,
    `Tier and start known: a scheduler told each task's tier and the second its generation began (not how long it takes) still needs a call every L s across the central 95 % of its tier's generation time to see the finish within L; the smallest L whose calls fit the paced budget in every window of time. (${Math.round(
      wallMs,
    )} ms)`,
  );
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runLoadBench();
  for (const line of result.lines) console.log(line);
}
