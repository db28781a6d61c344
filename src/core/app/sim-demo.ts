// Demo mode's backend: a local simulator with the demo scenario, started on first use, handed to the controller.
import { startSimulator, type ScenarioName, type Simulator } from '../sim/simulator';
import type { DemoConnection } from './rodin-connection';

export interface SimDemo {
  /** Pass as `startDemo` to createAppController; starts the simulator once and lists its tasks. */
  startDemo(): Promise<DemoConnection>;
  /** Stops the simulator if it was started. */
  stop(): Promise<void>;
}

export function createSimDemo(options: { now?: () => number; scenario?: ScenarioName } = {}): SimDemo {
  let started: Promise<Simulator> | undefined;
  return {
    async startDemo() {
      // A failed start is forgotten, so the next "Try the demo" tries again.
      started ??= startSimulator({
        scenario: options.scenario ?? 'demo',
        ...(options.now ? { now: options.now } : {}),
      }).catch((error: unknown) => {
        started = undefined;
        throw error;
      });
      const sim = await started;
      return {
        baseUrl: sim.baseUrl,
        apiKey: sim.apiKey,
        tasks: sim.tasks().map((t) => ({
          subscriptionKey: t.subscriptionKey,
          taskUuid: t.taskUuid,
          ...(t.label ? { label: t.label } : {}),
          ...(t.tier ? { tier: t.tier } : {}),
        })),
      };
    },
    async stop() {
      const sim = await started;
      started = undefined;
      await sim?.stop();
    },
  };
}
