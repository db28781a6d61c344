// `rodin-jobs sim`: the Rodin simulator on 127.0.0.1 until Ctrl+C, with what to paste to try the CLI or the tray app.
import { startSimulator } from '../../core/sim/simulator';
import { SCENARIO_NAMES, type ScenarioName } from '../../core/sim/scenarios';
import { EXIT, usageError, type ExitCode } from '../exit-codes';
import { writeLine, type CliIo } from '../io';

export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535)
    throw usageError(`--port "${value}" is not a port number (0–65535; 0 picks a free one).`);
  return port;
}

export function parseScenario(value: string | undefined, fallback: ScenarioName): ScenarioName {
  if (value === undefined) return fallback;
  const found = SCENARIO_NAMES.find((name) => name === value);
  if (!found) throw usageError(`--scenario "${value}" is not known: use one of ${SCENARIO_NAMES.join(', ')}.`);
  return found;
}

export async function simCommand(
  opts: { port?: string; scenario?: string },
  io: CliIo,
  signals: NodeJS.EventEmitter = process,
): Promise<ExitCode> {
  const port = parsePort(opts.port);
  const scenario = parseScenario(opts.scenario, 'demo');
  const sim = await startSimulator({ scenario, ...(port !== undefined ? { port } : {}) });
  const out = (line = '') => writeLine(io.stdout, line);
  out(`Rodin simulator running (scenario "${scenario}"). Ctrl+C to stop.`);
  out();
  out(`  RODIN_BASE_URL=${sim.baseUrl}`);
  // The simulator's own key: not a secret, it works only against this process.
  out(`  RODIN_API_KEY=${sim.apiKey}`);
  const tasks = sim.tasks();
  if (tasks.length > 0) {
    out();
    out('Sample tasks (subscription key, task UUID):');
    for (const task of tasks) {
      out(`  ${task.label ?? 'Task'}${task.tier ? ` [${task.tier}]` : ''}`);
      out(`    --key ${task.subscriptionKey} --task ${task.taskUuid}`);
    }
    const first = tasks[0];
    if (first) {
      out();
      out('A generation response to paste into the tray app or pass to `watch`:');
      out(`  ${JSON.stringify(first.generationResponse)}`);
      out();
      out('Try:');
      out(`  RODIN_BASE_URL=${sim.baseUrl} RODIN_API_KEY=${sim.apiKey} \\`);
      out(`    npx rodin-jobs watch --key ${first.subscriptionKey} --task ${first.taskUuid}`);
    }
  }
  await new Promise<void>((resolve) => {
    // A real timer keeps the process alive: the server alone may be unref'd by its owner.
    const keepAlive = setInterval(() => undefined, 60_000);
    const stop = () => {
      clearInterval(keepAlive);
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      resolve();
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  await sim.stop();
  out('Simulator stopped.');
  return EXIT.ok;
}
