import { describe, expect, it } from 'vitest';
import { createDurationModel } from '../../../src/core/scheduler/duration-model';

describe('duration model state', () => {
  it('round-trips through JSON so a restored model gives the same quantiles', () => {
    const model = createDurationModel();
    for (const ms of [18_000, 21_000, 25_000]) model.recordGeneration('Sketch', ms);
    model.recordGeneration(undefined, 95_000);
    model.recordQueuePosition(7_000);

    const restored = createDurationModel(JSON.parse(JSON.stringify(model)));

    expect(restored.toJSON()).toEqual(model.toJSON());
    expect(restored.sampleCount('Sketch')).toBe(3);
    expect(restored.generationQuantiles('Sketch')).toEqual(model.generationQuantiles('Sketch'));
    expect(restored.generationQuantiles()).toEqual(model.generationQuantiles());
    expect(restored.queueQuantiles()).toEqual(model.queueQuantiles());
    expect(restored.queueQuantiles()).not.toEqual(createDurationModel().queueQuantiles());
  });

  it('keeps only the newest samples of each list, in memory and in a saved state', () => {
    const model = createDurationModel();
    for (let i = 1; i <= 500; i++) model.recordGeneration('Regular', i * 1_000);
    const saved = model.toJSON();
    expect(saved.generation.Regular!.length).toBeLessThanOrEqual(200);
    expect(saved.generation.Regular!.at(-1)).toBe(500_000);

    const oversized = { generation: { Regular: Array.from({ length: 5_000 }, (_, i) => i + 1) }, queue: [] };
    const restored = createDurationModel(oversized).toJSON();
    expect(restored.generation.Regular).toHaveLength(saved.generation.Regular!.length);
    expect(restored.generation.Regular!.at(-1)).toBe(5_000);
  });

  it('ignores unusable saved data instead of failing', () => {
    const fresh = createDurationModel();
    for (const junk of [undefined, null, 42, 'x', [], { generation: 'no', queue: {} }]) {
      const model = createDurationModel(junk);
      expect(model.toJSON()).toEqual({ generation: {}, queue: [] });
      expect(model.generationQuantiles('Sketch')).toEqual(fresh.generationQuantiles('Sketch'));
    }
    const mixed = createDurationModel({
      generation: { Sketch: [20_000, -1, 0, 'a', null, Number.NaN, 30_000], Detail: 'x', '': [1_000] },
      queue: [5_000, Infinity, -3],
    });
    expect(mixed.toJSON()).toEqual({ generation: { Sketch: [20_000, 30_000] }, queue: [5_000] });
  });
});
