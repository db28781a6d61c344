// The "New" view: prompt, images (picker, paste, drop; reorder, remove), the generation's choices, its cost against
// the balance, and a confirmation before any credit is spent. One submission at a time; never resent by itself.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { checkGenerationParams } from '../../shared/check-generation';
import {
  GEOMETRY_FORMATS,
  IMAGE_TYPES,
  MATERIALS,
  MAX_IMAGES,
  MAX_SEED,
  MESH_MODES,
  QUALITIES,
  TIERS,
  estimateGenerationCost,
  type GenerationParams,
} from '../../shared/generation';
import type { RodinBridge } from '../../shared/ipc';
import type { Settings } from '../../shared/settings';
import type { AppSnapshot, TaskView } from '../../shared/snapshot';
import { call } from '../state/bridge';
import { formatCredits } from '../../shared/format-credits';
import { addImageFiles, moveImage, newAttemptId, toFormImages, type FormImage } from '../state/form-images';
import { useWindowDrop } from '../hooks/use-window-drop';
import { Icon } from './icons';
import { ViewHeader } from './view-header';

export interface NewGenerationViewProps {
  snapshot: AppSnapshot;
  bridge: RodinBridge;
  /** Grows each time main asks the form to take a draft (the tray's "New generation from clipboard"). */
  draftRequest: number;
  onClose: () => void;
  onSubmitted: (task: Pick<TaskView, 'id' | 'label'>, cost: number) => void;
}

type Stage = 'edit' | 'confirm' | 'submitting';
type Note = { tone: 'error' | 'warning' | 'info'; lines: string[] };

function imageFilesOf(list: DataTransferItemList | FileList | null | undefined): File[] {
  if (!list) return [];
  if (list instanceof FileList) return Array.from(list);
  return Array.from(list)
    .filter((item) => item.kind === 'file')
    .map((item) => item.getAsFile())
    .filter((file): file is File => file !== null);
}

function Choice<T extends string>(props: {
  id: string;
  label: string;
  value: T | '';
  options: readonly T[];
  /** Shown as the empty choice: the service decides. */
  unset?: string;
  onChange: (value: T | '') => void;
}): JSX.Element {
  return (
    <label class="gen-choice" for={props.id}>
      <span>{props.label}</span>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as T | '')}>
        {props.unset !== undefined && <option value="">{props.unset}</option>}
        {props.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}

export function NewGenerationView({
  snapshot,
  bridge,
  draftRequest,
  onClose,
  onSubmitted,
}: NewGenerationViewProps): JSX.Element {
  const remembered = snapshot.settings;
  const [prompt, setPrompt] = useState('');
  const [images, setImages] = useState<FormImage[]>([]);
  const [tier, setTier] = useState<Settings['generationTier'] | ''>(remembered.generationTier);
  const [format, setFormat] = useState<Settings['generationFormat'] | ''>(remembered.generationFormat);
  const [material, setMaterial] = useState<Settings['generationMaterial'] | ''>(remembered.generationMaterial);
  const [quality, setQuality] = useState<(typeof QUALITIES)[number] | ''>('');
  const [meshMode, setMeshMode] = useState<(typeof MESH_MODES)[number] | ''>('');
  const [seed, setSeed] = useState('');
  const [highPack, setHighPack] = useState(false);
  const [stage, setStage] = useState<Stage>('edit');
  const [note, setNote] = useState<Note>();
  const [showProblems, setShowProblems] = useState(false);
  // A ref, not state: two clicks in one frame both see the first one's mark.
  const inFlight = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const promptInput = useRef<HTMLTextAreaElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  const params: GenerationParams = {
    prompt,
    images: images.map(({ name, type, data }) => ({ name, type, data })),
    ...(tier ? { tier } : {}),
    ...(format ? { geometryFileFormat: format } : {}),
    ...(material ? { material } : {}),
    ...(quality ? { quality } : {}),
    ...(meshMode ? { meshMode } : {}),
    ...(seed.trim() ? { seed: Number(seed) } : {}),
    ...(highPack ? { addons: ['HighPack'] } : {}),
  };
  const problems = checkGenerationParams(params);
  const cost = estimateGenerationCost(params);
  const balance = snapshot.balance?.credits;
  const tooPoor = balance !== undefined && balance < cost;

  /** Any change after "Generate" goes back to editing: what is confirmed is exactly what is sent. */
  const edit = <A extends unknown[]>(apply: (...args: A) => void) => {
    return (...args: A): void => {
      if (stage === 'submitting') return;
      apply(...args);
      setStage('edit');
    };
  };

  const addFiles = async (files: File[]): Promise<void> => {
    if (files.length === 0 || stage === 'submitting') return;
    const result = await addImageFiles(images, files);
    setImages(result.images);
    setStage('edit');
    setNote(result.problems.length ? { tone: 'error', lines: result.problems } : undefined);
  };

  useEffect(() => {
    promptInput.current?.focus();
  }, []);

  // The tray put the clipboard's text or image into a draft: take it (once) into the form.
  useEffect(() => {
    if (draftRequest === 0) return;
    void call(bridge, 'generation:take-draft', undefined).then(async (r) => {
      if (!r.ok || !r.value) return;
      const draft = r.value;
      if (draft.prompt) setPrompt(draft.prompt);
      if (draft.images.length) setImages(await toFormImages(draft.images));
      setStage('edit');
      setNote(draft.note ? { tone: 'info', lines: [draft.note] } : undefined);
    });
  }, [bridge, draftRequest]);

  // Paste: an image anywhere in the view becomes an image of the form; text in the prompt field stays text.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent): void => {
      const files = imageFilesOf(e.clipboardData?.items).filter((f) => f.type.startsWith('image/'));
      if (files.length === 0) return;
      e.preventDefault();
      void addFiles(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  });

  // Drop: image files anywhere on the window.
  const dropping = useWindowDrop((e) => void addFiles(imageFilesOf(e.dataTransfer?.files)));

  useEffect(() => {
    if (stage === 'confirm') confirmButton.current?.focus();
  }, [stage]);

  const review = (e: Event): void => {
    e.preventDefault();
    if (stage !== 'edit') return;
    if (problems.length > 0) {
      setShowProblems(true);
      return;
    }
    if (tooPoor) return;
    setNote(undefined);
    setStage('confirm');
  };

  const submit = async (): Promise<void> => {
    if (inFlight.current || stage !== 'confirm') return;
    inFlight.current = true;
    setStage('submitting');
    const result = await call(bridge, 'generation:submit', { attemptId: newAttemptId(), params });
    inFlight.current = false;
    if (result.ok) {
      onSubmitted(result.value, cost);
      return;
    }
    setStage('edit');
    // No answer is not a failure: the task may exist. Say so, and make a resubmission a deliberate choice.
    const unknown = result.error.code === 'SUBMITTED_UNKNOWN';
    setNote({ tone: unknown ? 'warning' : 'error', lines: [result.error.message] });
  };

  const busy = stage === 'submitting';
  return (
    <div class={dropping ? 'settings gen dropping' : 'settings gen'} role="region" aria-labelledby="gen-title">
      <ViewHeader titleId="gen-title" title="New generation" onBack={onClose} />
      <form class="settings-body" onSubmit={review} aria-describedby="gen-cost">
        <section class="settings-section">
          <label class="gen-label" for="gen-prompt">
            Prompt
          </label>
          <textarea
            id="gen-prompt"
            ref={promptInput}
            class="gen-prompt"
            rows={3}
            placeholder="What should Rodin make? (optional with images)"
            value={prompt}
            disabled={busy}
            onInput={(e) => edit(setPrompt)(e.currentTarget.value)}
          />
          <div class="gen-label-row">
            <span class="gen-label" id="gen-images-label">
              Images{' '}
              <span class="muted">
                ({images.length}/{MAX_IMAGES})
              </span>
            </span>
            <button
              type="button"
              class="button button-small"
              disabled={busy || images.length >= MAX_IMAGES}
              onClick={() => fileInput.current?.click()}
            >
              <Icon name="plus" />
              <span>Add images…</span>
            </button>
            <input
              ref={fileInput}
              class="visually-hidden"
              type="file"
              accept={IMAGE_TYPES.join(',')}
              multiple
              tabIndex={-1}
              aria-label="Choose images"
              onChange={(e) => {
                void addFiles(Array.from(e.currentTarget.files ?? []));
                e.currentTarget.value = '';
              }}
            />
          </div>
          {images.length === 0 ? (
            <p class="hint gen-drop-hint">Paste, drop or add up to {MAX_IMAGES} PNG, JPEG or WebP images.</p>
          ) : (
            <ol class="gen-images" aria-labelledby="gen-images-label">
              {images.map((image, index) => (
                <li class="gen-image" key={image.key} data-image-name={image.name}>
                  <img src={image.url} alt="" class="gen-thumb" />
                  <span class="gen-image-name" title={image.name}>
                    {index === 0 ? <strong>{image.name}</strong> : image.name}
                  </span>
                  <span class="gen-image-actions">
                    <button
                      type="button"
                      class="icon-button icon-button-small"
                      aria-label={`Move ${image.name} earlier`}
                      disabled={busy || index === 0}
                      onClick={() => edit(setImages)(moveImage(images, index, -1))}
                    >
                      <Icon name="back" />
                    </button>
                    <button
                      type="button"
                      class="icon-button icon-button-small gen-later"
                      aria-label={`Move ${image.name} later`}
                      disabled={busy || index === images.length - 1}
                      onClick={() => edit(setImages)(moveImage(images, index, 1))}
                    >
                      <Icon name="back" />
                    </button>
                    <button
                      type="button"
                      class="icon-button icon-button-small"
                      aria-label={`Remove ${image.name}`}
                      disabled={busy}
                      onClick={() => edit(setImages)(images.filter((i) => i.key !== image.key))}
                    >
                      <Icon name="close" />
                    </button>
                  </span>
                </li>
              ))}
            </ol>
          )}
          {images.length > 1 && <p class="hint">The first image drives the materials.</p>}
        </section>

        <section class="settings-section gen-choices">
          <Choice id="gen-tier" label="Tier" value={tier} options={TIERS} onChange={edit(setTier)} />
          <Choice id="gen-format" label="Format" value={format} options={GEOMETRY_FORMATS} onChange={edit(setFormat)} />
          <Choice
            id="gen-material"
            label="Material"
            value={material}
            options={MATERIALS}
            onChange={edit(setMaterial)}
          />
          <Choice
            id="gen-quality"
            label="Quality"
            value={quality}
            options={QUALITIES}
            unset="Default"
            onChange={edit(setQuality)}
          />
          <Choice
            id="gen-mesh"
            label="Mesh"
            value={meshMode}
            options={MESH_MODES}
            unset="Default"
            onChange={edit(setMeshMode)}
          />
          <label class="gen-choice" for="gen-seed">
            <span>Seed</span>
            <input
              id="gen-seed"
              type="number"
              min={0}
              max={MAX_SEED}
              step={1}
              placeholder="Random"
              value={seed}
              onInput={(e) => edit(setSeed)(e.currentTarget.value)}
            />
          </label>
          <label class="gen-check" for="gen-highpack">
            <input
              id="gen-highpack"
              type="checkbox"
              checked={highPack}
              onChange={(e) => edit(setHighPack)(e.currentTarget.checked)}
            />
            <span>
              HighPack <span class="muted">(4K textures, more faces; +1 credit)</span>
            </span>
          </label>
        </section>

        <div class="gen-messages" role="status" aria-live="polite">
          {showProblems && problems.length > 0 && (
            <ul class="note tone-error gen-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {note && (
            <ul class={`note gen-note tone-${note.tone}`}>
              {note.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>

        <div class="gen-footer">
          <p id="gen-cost" class="gen-cost">
            Cost <strong class="tabular">{formatCredits(cost)}</strong>
            {balance !== undefined && (
              <span class={tooPoor ? 'tone-error' : 'muted'}>
                {' '}
                · balance <span class="tabular">{formatCredits(balance)}</span>
                {tooPoor && ' — not enough'}
              </span>
            )}
          </p>
          {stage === 'edit' ? (
            <button type="submit" class="button button-primary" disabled={tooPoor}>
              Generate…
            </button>
          ) : (
            <div class="gen-confirm" role="group" aria-label="Confirm the generation">
              <span>Spend {formatCredits(cost)}?</span>
              <button type="button" class="button" disabled={busy} onClick={() => setStage('edit')}>
                Cancel
              </button>
              <button
                ref={confirmButton}
                type="button"
                class="button button-primary"
                disabled={busy}
                onClick={() => void submit()}
              >
                {busy ? 'Submitting…' : 'Submit'}
              </button>
            </div>
          )}
        </div>
      </form>
      {dropping && (
        <div class="drop-hint" aria-hidden="true">
          Drop images to add them
        </div>
      )}
    </div>
  );
}
