// `npm run bench`: the window's bundle sizes and 1,000-task update benchmark, the scheduler under load (writing its
// chart to bench/results/), then the scheduler against naive polling on the standard workload (printed last, so tools
// can read its final line). `npm run bench -- --scheduler` runs only the scheduler's parts (a quick loop while tuning).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runBundleBench } from './bundle-bench';
import { runLoadBench } from './load-bench';
import { runCliStartupBench } from './cli-startup-bench';
import { runRendererBench } from './renderer-bench';
import { runSchedulerBench } from './scheduler-bench';

const schedulerOnly = process.argv.includes('--scheduler');

if (!schedulerOnly) {
  for (const line of runBundleBench().lines) console.log(line);
  const renderer = await runRendererBench();
  for (const line of renderer.lines) console.log(line);
  console.log('');
}

const load = await runLoadBench();
for (const line of load.lines) console.log(line);
const results = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(results, { recursive: true });
writeFileSync(`${results}scheduler-p95.svg`, load.chartSvg);
console.log(`Chart: bench/results/scheduler-p95.svg`);
console.log('');

if (!schedulerOnly) {
  for (const line of runCliStartupBench().lines) console.log(line);
  console.log('');
}

const scheduler = await runSchedulerBench();
for (const line of scheduler.lines) console.log(line);
