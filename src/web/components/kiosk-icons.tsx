/*
 * The kiosk's pictures (issue 4: readable by people with little literacy): one simple line drawing
 * for every choice and action, always beside its words, never instead of them. Inline SVG from
 * this file only (no asset from another host); decorative to assistive technology (aria-hidden),
 * since the words say the same. Drawn on a 24×24 grid with round 2-unit strokes in currentColor,
 * so they take the colour of their button and show in forced-colours mode.
 */

const ICONS = {
  language: [
    'M12 2a10 10 0 1 0 0 20a10 10 0 0 0 0-20z',
    'M2 12h20',
    'M12 2c3 3 4.5 6.5 4.5 10S15 19 12 22c-3-3-4.5-6.5-4.5-10S9 5 12 2z',
  ],
  complain: ['M4 20h4L19.5 8.5a2.1 2.1 0 0 0-3-3L5 17z', 'M14.5 7.5l3 3', 'M13 20h7'],
  status: ['M10.5 3a7.5 7.5 0 1 0 0 15a7.5 7.5 0 0 0 0-15z', 'M16 16l5 5'],
  person: ['M12 3a4 4 0 1 0 0 8a4 4 0 0 0 0-8z', 'M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7'],
  anonymous: [
    'M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z',
    'M12 9a3 3 0 1 0 0 6a3 3 0 0 0 0-6z',
    'M3 3l18 18',
  ],
  'torture-or-ill-treatment': [
    'M7 12V5.5a1.5 1.5 0 0 1 3 0V11',
    'M10 11V4a1.5 1.5 0 0 1 3 0v7',
    'M13 11V5a1.5 1.5 0 0 1 3 0v6',
    'M16 11V7.5a1.5 1.5 0 0 1 3 0V14a8 8 0 0 1-8 8h-.5a6 6 0 0 1-5-2.7L3 15.5a1.6 1.6 0 0 1 2.6-1.9L7 15.5',
  ],
  conditions: [
    'M3 19V6',
    'M3 14h18v5',
    'M21 14v-1.5a3 3 0 0 0-3-3h-7V14',
    'M7 9.5a1.8 1.8 0 1 0 0 3.6a1.8 1.8 0 0 0 0-3.6z',
  ],
  health: ['M9 3h6v6h6v6h-6v6H9v-6H3V9h6z'],
  discipline: ['M4 3h16v18H4z', 'M8 3v18', 'M12 3v18', 'M16 3v18'],
  reprisal: ['M12 3 2 20.5h20z', 'M12 9.5v5', 'M12 17.5v.5'],
  other: [
    'M5 10.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 0 0 0-3z',
    'M12 10.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 0 0 0-3z',
    'M19 10.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 0 0 0-3z',
  ],
  protection: ['M12 2 4 5.5V11c0 5 3.4 9.3 8 11c4.6-1.7 8-6 8-11V5.5z', 'M8.5 12l2.5 2.5 4.5-5'],
  transfer: ['M4 8h15', 'M15 4l4 4-4 4', 'M20 16H5', 'M9 12l-4 4 4 4'],
  pin: ['M5 11h14v10H5z', 'M8 11V7a4 4 0 0 1 8 0v4', 'M12 15v2'],
  review: ['M9 6h12', 'M9 12h12', 'M9 18h12', 'M4 5.5l1 1 2-2', 'M4 11.5l1 1 2-2', 'M4 17.5l1 1 2-2'],
  send: ['M22 2 11 13', 'M22 2 15 22l-4-9-9-4z'],
  print: [
    'M6 9V3h12v6',
    'M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2',
    'M6 14h12v7H6z',
  ],
  yes: ['M4 12.5l5 5L20 6.5'],
  no: ['M6 6l12 12', 'M18 6 6 18'],
  back: ['M20 12H5', 'M11 5l-7 7 7 7'],
  next: ['M4 12h15', 'M13 5l7 7-7 7'],
  restart: ['M3.5 12a8.5 8.5 0 1 0 2.6-6.1L3 9', 'M3 3.5V9h5.5'],
  finish: ['M12 2a10 10 0 1 0 0 20a10 10 0 0 0 0-20z', 'M7.5 12.5l3 3 6-6.5'],
  received: ['M4 4h16v16H4z', 'M4 13h4.5l1.5 3h4l1.5-3H20'],
  procurator: [
    'M12 3v18',
    'M5 21h14',
    'M4 7h16',
    'M4 7l-2.5 7a3 3 0 0 0 5 0z',
    'M20 7l-2.5 7a3 3 0 0 0 5 0z',
  ],
  time: ['M12 2a10 10 0 1 0 0 20a10 10 0 0 0 0-20z', 'M12 6.5V12l3.5 2'],
  erase: ['M21 5H9l-6 7 6 7h12z', 'M11.5 9l6 6', 'M17.5 9l-6 6'],
  warning: ['M12 3 2 20.5h20z', 'M12 9.5v5', 'M12 17.5v.5'],
  microphone: ['M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3z', 'M5 11a7 7 0 0 0 14 0', 'M12 18v3.5'],
  video: ['M3 7h12v10H3z', 'M15 10.5 21 7v10l-6-3.5z'],
  stop: ['M6 6h12v12H6z'],
  attach: [
    'M21 11.5 12.2 20.3a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6l7.8-7.8',
  ],
  file: ['M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z', 'M14 2v6h6', 'M8 13h8', 'M8 17h8'],
  photo: [
    'M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z',
    'M8.5 7a1.5 1.5 0 1 0 0 3a1.5 1.5 0 0 0 0-3z',
    'M21 15l-5-5L5 21',
  ],
} as const;

export type IconName = keyof typeof ICONS;

/** One of the kiosk's pictures, sized by the stylesheet (1.5em unless a class says otherwise). */
export function Icon(props: { name: IconName; class?: string }): JSX.Element {
  return (
    <svg
      class={['icon', props.class]}
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      {ICONS[props.name].map((d) => (
        <path d={d} />
      ))}
    </svg>
  );
}
