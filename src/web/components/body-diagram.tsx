import { BACK_REGIONS, FRONT_REGIONS, type BodyView } from '../../domain/medical/body.js';
import type { FieldError } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { bodyViewName, regionName } from '../medical-labels.js';
import { FieldMessage } from './error-summary.js';

/*
 * The body diagram of an injury report (issue 19 items 3 and 7; src/domain/medical/body.ts): where
 * a finding is, as a region of the front or back view. It is a plain list first: without
 * JavaScript, a select grouped by view inside the report form, which posts `front:<region>` or
 * `back:<region>`. public/medical-body.js then replaces the select by a listbox of the same regions
 * (WAI-ARIA APG "Listbox" with grouped options, roving tabindex: Tab reaches it, the arrow keys,
 * Home, End and a first letter move, Enter or Space chooses) and lets a pointer choose on the
 * outline too; the select stays the value the form sends. The outline of the front and back is
 * drawn here, the chosen region hatched and outlined in bold and named in words beside it, so
 * that no colour alone says which it is. Left and right are the person's own: on the front view
 * the person's left is on the viewer's right.
 */

type Shape =
  | { ellipse: [cx: number, cy: number, rx: number, ry: number] }
  | { rect: [x: number, y: number, width: number, height: number, radius: number] }
  | { path: string };

/** Mirrors a shape about the figure's middle (x = 100). */
function mirrored(shape: Shape): Shape {
  if ('ellipse' in shape) {
    const [cx, cy, rx, ry] = shape.ellipse;
    return { ellipse: [200 - cx, cy, rx, ry] };
  }
  if ('rect' in shape) {
    const [x, y, width, height, radius] = shape.rect;
    return { rect: [200 - x - width, y, width, height, radius] };
  }
  return shape;
}

/** A limb's parts on the viewer's left; the other side is their mirror. */
const LIMB: Record<string, Shape> = {
  shoulder: { ellipse: [70, 86, 14, 10] },
  'upper-arm': { rect: [55, 95, 15, 52, 6] },
  elbow: { ellipse: [62, 152, 8.5, 7] },
  forearm: { rect: [54, 158, 14, 48, 6] },
  wrist: { rect: [53, 206, 15, 10, 3] },
  hand: { ellipse: [60, 233, 10, 17] },
  palm: { ellipse: [60, 233, 5.5, 9] },
  thigh: { rect: [80, 198, 19, 88, 8] },
  knee: { ellipse: [89.5, 294, 10, 9] },
  'lower-leg': { rect: [81.5, 303, 16, 82, 7] },
  ankle: { rect: [81.5, 385, 16, 10, 3] },
  foot: { ellipse: [88, 406, 12, 9] },
};

/** The parts of the trunk and head, by region, where they are the same on both views. */
const FRONT_SHAPES: Record<string, Shape> = {
  'head-front': { ellipse: [100, 38, 25, 29] },
  face: { ellipse: [100, 46, 17, 19] },
  'eye-right': { ellipse: [93, 41, 4, 2.6] },
  'eye-left': { ellipse: [107, 41, 4, 2.6] },
  'ear-right': { ellipse: [74, 43, 4, 8] },
  'ear-left': { ellipse: [126, 43, 4, 8] },
  mouth: { ellipse: [100, 56, 6, 2.6] },
  'neck-front': { rect: [90, 66, 20, 13, 3] },
  'chest-right': { rect: [78, 79, 22, 47, 4] },
  'chest-left': { rect: [100, 79, 22, 47, 4] },
  abdomen: { rect: [78, 126, 44, 44, 2] },
  groin: { path: 'M78 170 H122 L113 197 H87 Z' },
  genitals: { ellipse: [100, 192, 7, 8] },
};

const BACK_SHAPES: Record<string, Shape> = {
  'head-back': { ellipse: [100, 38, 25, 29] },
  'neck-back': { rect: [90, 66, 20, 13, 3] },
  'upper-back-left': { rect: [78, 79, 22, 45, 4] },
  'upper-back-right': { rect: [100, 79, 22, 45, 4] },
  'lower-back-left': { rect: [78, 124, 22, 40, 2] },
  'lower-back-right': { rect: [100, 124, 22, 40, 2] },
  'buttock-left': { rect: [78, 164, 22, 34, 10] },
  'buttock-right': { rect: [100, 164, 22, 34, 10] },
};

/** The shape of a region on its view (the front shows the person's right on the viewer's left). */
function shapeOf(view: BodyView, region: string): Shape | undefined {
  const own = (view === 'front' ? FRONT_SHAPES : BACK_SHAPES)[region];
  if (own) return own;
  const match = /^(?:back-of-)?(.+)-(left|right)$/.exec(region);
  if (!match) return undefined;
  const [, part = '', side] = match;
  const limb = LIMB[part === 'sole' ? 'foot' : part];
  if (!limb) return undefined;
  const viewersLeft = view === 'front' ? side === 'right' : side === 'left';
  return viewersLeft ? limb : mirrored(limb);
}

function ShapeElement(props: { shape: Shape; attributes: Record<string, string> }): JSX.Element {
  const { shape, attributes } = props;
  if ('ellipse' in shape) {
    const [cx, cy, rx, ry] = shape.ellipse;
    return <ellipse cx={String(cx)} cy={String(cy)} rx={String(rx)} ry={String(ry)} {...attributes} />;
  }
  if ('rect' in shape) {
    const [x, y, width, height, radius] = shape.rect;
    return (
      <rect
        x={String(x)}
        y={String(y)}
        width={String(width)}
        height={String(height)}
        rx={String(radius)}
        {...attributes}
      />
    );
  }
  return <path d={shape.path} {...attributes} />;
}

const REGIONS_OF: Record<BodyView, readonly string[]> = { front: FRONT_REGIONS, back: BACK_REGIONS };

/** A region with its view, as a person reads it: "Left forearm (front)". */
export const placeName = (tr: Translator, view: BodyView, region: string): string =>
  `${regionName(tr, region)} (${bodyViewName(tr, view)})`;

/** One view's outline: every region a shape with its name, the chosen one hatched and in bold. */
function Outline(props: {
  tr: Translator;
  id: string;
  view: BodyView;
  chosen: string;
  describedBy: string;
}): JSX.Element {
  const { tr, id, view, chosen } = props;
  const caption = `${id}-${view}-caption`;
  return (
    <figure class="body-map__figure">
      <svg
        class="body-map__svg"
        viewBox="0 0 200 424"
        role="img"
        aria-labelledby={`${caption} ${props.describedBy}`}
        focusable="false"
      >
        {REGIONS_OF[view].map((region) => {
          const shape = shapeOf(view, region);
          if (!shape) return '';
          const value = `${view}:${region}`;
          const isChosen = value === chosen;
          return (
            <ShapeElement
              shape={shape}
              attributes={{
                class: isChosen ? 'body-map__region body-map__region--chosen' : 'body-map__region',
                'data-region': value,
              }}
            />
          );
        })}
      </svg>
      <figcaption class="body-map__caption" id={caption}>
        {tr.t(view === 'front' ? 'reportForm.diagram.front' : 'reportForm.diagram.back')}
      </figcaption>
    </figure>
  );
}

/** The hatching of the chosen region, once on a page that has body diagrams (their CSS refers to it). */
export function BodyDiagramPatterns(): JSX.Element {
  return (
    <svg class="body-map__patterns" aria-hidden="true" focusable="false" width="0" height="0">
      <defs>
        <pattern
          id="body-map-hatch"
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" class="body-map__hatch-ground" />
          <line x1="0" y1="0" x2="0" y2="6" class="body-map__hatch-line" />
        </pattern>
      </defs>
    </svg>
  );
}

const KEYS = { tab: 'Tab', home: 'Home', end: 'End', enter: 'Enter' } as const;

/** How the list is used from the keyboard, each key's name as a key (`<kbd>`), the sentence in the reader's language. */
function KeysHint(props: { tr: Translator }): JSX.Element {
  const marker = (name: string) => `\u0000${name}\u0000`;
  const sentence = props.tr.attr(
    'reportForm.diagram.keys',
    Object.fromEntries(Object.keys(KEYS).map((name) => [name, marker(name)])),
  );
  return (
    <>
      {sentence
        .split('\u0000')
        .map((part, index) =>
          index % 2 === 1 && part in KEYS ? (
            <kbd safe>{KEYS[part as keyof typeof KEYS]}</kbd>
          ) : (
            <span safe>{part}</span>
          ),
        )}
    </>
  );
}

export interface BodyDiagramProps {
  tr: Translator;
  /** The select's id and name (`finding-0-site`); the listbox and outline take ids from it. */
  id: string;
  label: MessageKey;
  /** `front:<region>`, `back:<region>` or empty. */
  value: string;
  error: FieldError | undefined;
}

/** The region list (a select without JavaScript, a listbox with it) and the front and back outline. */
export function BodyDiagram(props: BodyDiagramProps): JSX.Element {
  const { tr, id, value, error } = props;
  const [chosenView, chosenRegion = ''] = value.split(':');
  const chosenKnown =
    (chosenView === 'front' || chosenView === 'back') && REGIONS_OF[chosenView].includes(chosenRegion);
  const chosenText = chosenKnown
    ? tr.attr('reportForm.diagram.chosen', { place: placeName(tr, chosenView, chosenRegion) })
    : tr.attr('reportForm.diagram.none');
  const errorId = error ? `${id}-error` : '';
  return (
    <div class={['field', 'body-map', error && 'field--error']} data-body-diagram>
      <div class="body-map__controls">
        <label class="field__label" for={id} id={`${id}-label`}>
          {tr.t(props.label)}
        </label>
        <p class="field__hint" id={`${id}-hint`}>
          {tr.t('reportForm.diagram.hint')}
        </p>
        <FieldMessage tr={tr} id={id} error={error} />
        <div data-body-select>
          <select
            class={['select', error && 'input--error']}
            id={id}
            name={id}
            aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(' ')}
            aria-invalid={error ? 'true' : undefined}
          >
            <option value="" selected={!chosenKnown}>
              {tr.t('reportForm.diagram.choose')}
            </option>
            {(['front', 'back'] as const).map((view) => (
              <optgroup
                label={tr.attr(view === 'front' ? 'reportForm.diagram.front' : 'reportForm.diagram.back')}
              >
                {REGIONS_OF[view].map((region) => (
                  <option value={`${view}:${region}`} selected={`${view}:${region}` === value} safe>
                    {placeName(tr, view, region)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div class="body-map__picker" data-body-picker hidden>
          <p class="field__hint" id={`${id}-keys`}>
            <KeysHint tr={tr} />
          </p>
          <div
            class={['body-map__list', error && 'input--error']}
            role="listbox"
            id={`${id}-listbox`}
            aria-labelledby={`${id}-label`}
            aria-describedby={[`${id}-hint`, `${id}-keys`, errorId].filter(Boolean).join(' ')}
            aria-invalid={error ? 'true' : undefined}
            data-body-listbox
          >
            {(['front', 'back'] as const).map((view) => (
              <ul class="body-map__group" role="group" aria-labelledby={`${id}-group-${view}`}>
                <li class="body-map__group-name" role="presentation" id={`${id}-group-${view}`}>
                  {tr.t(view === 'front' ? 'reportForm.diagram.front' : 'reportForm.diagram.back')}
                </li>
                {REGIONS_OF[view].map((region) => {
                  const option = `${view}:${region}`;
                  return (
                    <li
                      class="body-map__option"
                      role="option"
                      id={`${id}-option-${view}-${region}`}
                      aria-selected={option === value ? 'true' : 'false'}
                      tabindex="-1"
                      data-value={option}
                      data-place={placeName(tr, view, region)}
                      safe
                    >
                      {regionName(tr, region)}
                    </li>
                  );
                })}
              </ul>
            ))}
          </div>
        </div>
        <p
          class="body-map__chosen"
          id={`${id}-chosen`}
          aria-live="polite"
          data-body-chosen
          data-template={tr.attr('reportForm.diagram.chosen', { place: '{{place}}' })}
          safe
        >
          {chosenText}
        </p>
      </div>
      <div class="body-map__figures">
        <Outline tr={tr} id={id} view="front" chosen={value} describedBy={`${id}-chosen`} />
        <Outline tr={tr} id={id} view="back" chosen={value} describedBy={`${id}-chosen`} />
      </div>
    </div>
  );
}
