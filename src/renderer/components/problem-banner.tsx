// The app-wide problem, said plainly, with the fix one click away.
import type { JSX } from 'preact';
import type { AppSnapshot, Problem } from '../../shared/snapshot';
import { formatClockTime } from '../../shared/format-duration';
import { Icon } from './icons';

export interface BannerProps {
  problem: Problem | undefined;
  polling: AppSnapshot['polling'];
  onSetKey: () => void;
  onCheckNow: () => void;
  onResume: () => void;
}

interface BannerContent {
  title: string;
  detail?: string;
  tone: 'warning' | 'error' | 'info';
  action?: { label: string; run: () => void };
}

function contentFor(props: BannerProps): BannerContent | undefined {
  const { problem, polling } = props;
  if (problem) {
    switch (problem.kind) {
      case 'no-key':
        return {
          title: 'No API key yet',
          detail: 'Tasks are checked once a key is set.',
          tone: 'warning',
          action: { label: 'Set API key', run: props.onSetKey },
        };
      case 'key-origin':
        return {
          title: 'API host changed',
          // The sentence names the host and what to do; the question itself is a native dialog, not this window.
          detail: problem.message,
          tone: 'warning',
          action: { label: 'Set API key', run: props.onSetKey },
        };
      case 'key-rejected':
        return {
          title: 'Your API key was rejected',
          detail: 'Checking is stopped until you replace it.',
          tone: 'error',
          action: { label: 'Replace key', run: props.onSetKey },
        };
      case 'offline':
        return {
          title: 'Offline',
          detail: problem.message || 'Checking resumes when the network is back.',
          tone: 'warning',
          action: { label: 'Try now', run: props.onCheckNow },
        };
      case 'throttled':
        return {
          title: problem.until
            ? `Rodin asked us to slow down — next check at ${formatClockTime(problem.until)}`
            : 'Rodin asked us to slow down',
          detail: problem.message,
          tone: 'warning',
        };
      case 'unreachable':
        return {
          title: 'Rodin is not reachable',
          detail: problem.message,
          tone: 'error',
          action: { label: 'Check now', run: props.onCheckNow },
        };
      case 'keychain':
        return {
          title: 'Keychain problem',
          detail: problem.message,
          tone: 'error',
          action: { label: 'Set API key', run: props.onSetKey },
        };
    }
  }
  if (polling.paused && polling.pausedBy === 'user') {
    return { title: 'Checking is paused', tone: 'info', action: { label: 'Resume', run: props.onResume } };
  }
  return undefined;
}

export function ProblemBanner(props: BannerProps): JSX.Element | null {
  const content = contentFor(props);
  if (!content) return null;
  const icon = props.problem?.kind === 'offline' ? 'offline' : content.tone === 'info' ? 'pause' : 'alert';
  return (
    <div
      class={`banner banner-${content.tone}`}
      role={content.tone === 'error' ? 'alert' : 'status'}
      data-problem={props.problem?.kind ?? 'paused'}
    >
      <Icon name={icon} class="banner-icon" />
      <div class="banner-text">
        <strong>{content.title}</strong>
        {content.detail && content.detail !== content.title && <span>{content.detail}</span>}
      </div>
      {content.action && (
        <button type="button" class="button button-small" onClick={content.action.run}>
          {content.action.label}
        </button>
      )}
    </div>
  );
}
