import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../support/fake-clock';
import { createSnapshotEmitter, SNAPSHOT_COALESCE_MS } from '../../../src/core/app/snapshot-emitter';
import type { AppSnapshot } from '../../../src/shared/snapshot';

function setup() {
  const clock = createFakeClock();
  let built = 0;
  const emitter = createSnapshotEmitter({
    clock,
    snapshot: () => {
      built += 1;
      return { built } as unknown as AppSnapshot;
    },
  });
  const pushed: unknown[] = [];
  const unsubscribe = emitter.onSnapshot((s) => pushed.push(s));
  return { clock, emitter, pushed, unsubscribe, builtCount: () => built };
}

describe('snapshot emitter', () => {
  it('turns a burst of changes into one push', async () => {
    const { clock, emitter, pushed } = setup();
    emitter.changed();
    emitter.changed();
    emitter.changed();
    await clock.advance(SNAPSHOT_COALESCE_MS);
    expect(pushed).toEqual([{ built: 1 }]);
    emitter.changed();
    await clock.advance(SNAPSHOT_COALESCE_MS);
    expect(pushed).toHaveLength(2);
  });

  it('pushes nothing after stop or to an unsubscribed listener', async () => {
    const first = setup();
    first.emitter.changed();
    first.emitter.stop();
    first.emitter.changed();
    await first.clock.advance(SNAPSHOT_COALESCE_MS * 2);
    expect(first.pushed).toEqual([]);

    const second = setup();
    second.unsubscribe();
    second.emitter.changed();
    await second.clock.advance(SNAPSHOT_COALESCE_MS);
    expect(second.pushed).toEqual([]);
  });
});
