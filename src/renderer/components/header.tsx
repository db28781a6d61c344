// The top bar: app name, credit balance, new generation, pause/resume, check now and settings.
import type { JSX } from 'preact';
import type { AppSnapshot } from '../../shared/snapshot';
import { formatCredits } from '../../shared/format-credits';
import { Icon } from './icons';

export interface HeaderProps {
  snapshot: AppSnapshot;
  onPauseToggle: () => void;
  onCheckNow: () => void;
  onOpenSettings: () => void;
  onRefreshBalance: () => void;
  onNewGeneration: () => void;
}

export function Header({
  snapshot,
  onPauseToggle,
  onCheckNow,
  onOpenSettings,
  onRefreshBalance,
  onNewGeneration,
}: HeaderProps): JSX.Element {
  const userPaused = snapshot.polling.paused && snapshot.polling.pausedBy === 'user';
  return (
    <header class="header">
      <div class="brand">
        <span class="brand-mark" aria-hidden="true">
          <Icon name="cube" />
        </span>
        <h1 class="brand-name">Rodin</h1>
        {snapshot.demo && <span class="chip chip-demo">Demo</span>}
      </div>
      <div class="header-actions">
        {snapshot.balance && (
          <button
            type="button"
            class="chip chip-balance"
            title="Credit balance — click to refresh"
            onClick={onRefreshBalance}
          >
            <span class="visually-hidden">Balance: </span>
            <span class="tabular">{formatCredits(snapshot.balance.credits)}</span>
          </button>
        )}
        <button
          type="button"
          class="icon-button"
          aria-label="New generation"
          title="New generation"
          onClick={onNewGeneration}
        >
          <Icon name="plus" />
        </button>
        <button
          type="button"
          class={userPaused ? 'icon-button toggled' : 'icon-button'}
          aria-label={userPaused ? 'Resume checking' : 'Pause checking'}
          title={userPaused ? 'Resume checking' : 'Pause checking'}
          aria-pressed={userPaused}
          onClick={onPauseToggle}
        >
          <Icon name={userPaused ? 'play' : 'pause'} />
        </button>
        <button type="button" class="icon-button" aria-label="Check now" title="Check now" onClick={onCheckNow}>
          <Icon name="refresh" />
        </button>
        <button type="button" class="icon-button" aria-label="Settings" title="Settings" onClick={onOpenSettings}>
          <Icon name="gear" />
        </button>
      </div>
    </header>
  );
}
