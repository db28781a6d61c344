// The header of every view that sits over the task list (settings, new generation, task detail): Back, then a title.
import type { JSX, Ref } from 'preact';
import { Icon } from './icons';

export function ViewHeader(props: {
  /** The view's region is labelled by this heading. */
  titleId: string;
  title: string;
  titleClass?: string;
  onBack: () => void;
  /** For views that move focus to Back when they open. */
  backRef?: Ref<HTMLButtonElement>;
}): JSX.Element {
  return (
    <div class="settings-header">
      <button
        ref={props.backRef}
        type="button"
        class="icon-button"
        aria-label="Back to tasks"
        title="Back (Esc)"
        onClick={props.onBack}
      >
        <Icon name="back" />
      </button>
      <h2 id={props.titleId} class={props.titleClass}>
        {props.title}
      </h2>
    </div>
  );
}
