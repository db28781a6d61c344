// `npm run bench`: the window's 1,000-task update benchmark, then the scheduler against naive polling (printed last,
// so tools can read its final line).
import { runBundleBench } from './bundle-bench';
import { runRendererBench } from './renderer-bench';
import { runSchedulerBench } from './scheduler-bench';

for (const line of runBundleBench().lines) console.log(line);
const renderer = await runRendererBench();
for (const line of renderer.lines) console.log(line);
console.log('');

const scheduler = await runSchedulerBench();
for (const line of scheduler.lines) console.log(line);
