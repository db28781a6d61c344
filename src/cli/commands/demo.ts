// `rodin-jobs demo`: the simulator's demo scenario watched live with the real scheduler, results into a temp folder.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../core/clock';
import { startSimulator, type SimTask } from '../../core/sim/simulator';
import { createDurationModel, type DurationModel } from '../../core/scheduler/duration-model';
import { createCliClient } from '../connection';
import { EXIT, usageError, type ExitCode } from '../exit-codes';
import { writeLine, type CliIo } from '../io';
import { parseOutput, watchTasks } from './watch';

export const DEFAULT_DEMO_SPEED = 2;

export function parseSpeed(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DEMO_SPEED;
  const speed = Number(value);
  if (!Number.isFinite(speed) || speed < 1 || speed > 10)
    throw usageError(`--speed "${value}" must be a number from 1 to 10.`);
  return speed;
}

export async function demoCommand(opts: { speed?: string; output?: string }, io: CliIo): Promise<ExitCode> {
  const speed = parseSpeed(opts.speed);
  const output = parseOutput(opts.output);
  // The simulated service runs `speed` times faster than real time, so the scripted ~1 minute plays in well
  // under one; the watcher and its scheduler stay on real time with all their politeness rules.
  const start = systemClock.now();
  const sim = await startSimulator({ scenario: 'demo', now: () => start + (systemClock.now() - start) * speed });
  const downloadDir = await mkdtemp(join(tmpdir(), 'rodin-demo-'));
  const info = output === 'json' ? io.stderr : io.stdout;
  writeLine(
    info,
    `Demo: ${sim.tasks().length} scripted tasks on a local simulator (${sim.baseUrl}), ${speed}× speed; no API key needed.`,
  );
  writeLine(info);
  try {
    const result = await watchTasks({
      io,
      output,
      client: createCliClient(sim.baseUrl, sim.apiKey),
      downloadDir,
      durationModel: knownDurations(sim.tasks(), speed),
      // One task fails on purpose, to show what a failure looks like.
      failuresExpected: true,
      tasks: sim.tasks().map((t) => ({
        subscriptionKey: t.subscriptionKey,
        taskUuid: t.taskUuid,
        ...(t.label ? { label: t.label } : {}),
        ...(t.tier ? { tier: t.tier } : {}),
      })),
    });
    if (result.exitCode === EXIT.ok) {
      writeLine(info);
      writeLine(info, `Downloaded results are in ${downloadDir}`);
    }
    return result.exitCode;
  } finally {
    await sim.stop();
  }
}

/**
 * The scheduler times its polls by how long generations usually take. Real tiers take minutes; the demo's
 * simulated ones take seconds, so a scheduler left with real-world expectations would idle long after they finished.
 * The demo hands it what a previous session would have learned about this service (the same seam the app uses to
 * carry learning over); the 2 s floor, budget and backoff are untouched.
 */
export function knownDurations(tasks: readonly SimTask[], speed: number): DurationModel {
  const model = createDurationModel();
  for (const task of tasks) {
    for (const factor of [0.9, 0.95, 1, 1, 1.05, 1.1]) {
      model.recordGeneration(task.tier, (task.script.generateMs / speed) * factor);
      if (task.script.queueLength > 0) model.recordQueuePosition(task.script.queueMs / task.script.queueLength / speed);
    }
  }
  return model;
}
