// Writes the simulator's sample model (a textured toadstool, see src/core/sim/sample-model.ts) to a GLB file, to open it
// in Blender or a glTF viewer: `npm run make-sample-model -- [out.glb]` (default: sample-model.glb here).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSampleModelGlb } from '../src/core/sim/sample-model';

const out = resolve(process.argv[2] ?? 'sample-model.glb');
const glb = buildSampleModelGlb();
writeFileSync(out, glb);
console.log(`Wrote ${out} (${glb.length} bytes)`);
