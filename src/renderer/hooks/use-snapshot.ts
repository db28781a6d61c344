// The latest snapshot from the app, and what a screen reader should hear about tasks that just finished.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RodinBridge } from '../../shared/ipc';
import type { AppSnapshot } from '../../shared/snapshot';
import { call } from '../state/bridge';
import { finishAnnouncements } from '../state/announce';
import { internTasks } from '../state/intern-tasks';
import { syncClock } from './use-ticker';

/** Unchanged rows keep their objects from one snapshot to the next, so only changed rows re-render. */
export function useSnapshot(bridge: RodinBridge): { snapshot: AppSnapshot | undefined; announcement: string } {
  const [snapshot, setSnapshot] = useState<AppSnapshot>();
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<AppSnapshot>();

  // Subscribe first, then ask for the current one, so nothing between the two is missed.
  useEffect(() => {
    let gotPush = false;
    const apply = (pushed: AppSnapshot): void => {
      const next = { ...pushed, tasks: internTasks(previous.current?.tasks, pushed.tasks) };
      syncClock(next.now);
      const lines = finishAnnouncements(previous.current, next);
      if (lines.length > 0) setAnnouncement(lines.join(' '));
      previous.current = next;
      setSnapshot(next);
    };
    const off = bridge.onSnapshot((next) => {
      gotPush = true;
      apply(next);
    });
    void call(bridge, 'app:get-snapshot', undefined).then((r) => {
      if (r.ok && !gotPush) apply(r.value);
    });
    return off;
  }, [bridge]);

  return { snapshot, announcement };
}
