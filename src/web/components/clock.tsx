import type { ClockView } from '../../app/custody-views.js';
import { ruleName } from '../custody-labels.js';
import { formatCountdown, formatMoment } from '../custody-time.js';
import type { MessageKey, Translator } from '../i18n.js';

/*
 * A clock of a custody episode (src/clocks): its state, the time left or overdue, and its due
 * time. kz.custody.limit warns at 75% and 90% of the allowed time and is breached at 100%.
 * A level is shown three ways at once, never by colour alone: a word, an icon and a colour.
 * Without JavaScript the time is as of rendering; public/custody.js ticks it every second from
 * `data-started-at`/`data-due-at` and changes the level when a threshold passes (keep the class
 * names, texts and icons here and there in step).
 */

export type ClockLevel = 'running' | 'warning-75' | 'warning-90' | 'overdue' | 'breached' | 'met' | 'stopped';

/**
 * A passed deadline is a breach for the national limits (kz.custody.limit, kz.custody.deposition:
 * kind `breach`), and overdue, flagged, for the other safeguards (kind `flag`, RULES.md).
 */
export function clockLevel(clock: Pick<ClockView, 'state' | 'warning' | 'kind'>): ClockLevel {
  switch (clock.state) {
    case 'breached':
      return clock.kind === 'breach' ? 'breached' : 'overdue';
    case 'met':
      return 'met';
    case 'stopped':
      return 'stopped';
    case 'running':
      return clock.warning === 90 ? 'warning-90' : clock.warning === 75 ? 'warning-75' : 'running';
  }
}

export const LEVEL_TEXT: Record<ClockLevel, MessageKey> = {
  running: 'clock.level.running',
  'warning-75': 'clock.level.warning-75',
  'warning-90': 'clock.level.warning-90',
  overdue: 'clock.level.overdue',
  breached: 'clock.level.breached',
  met: 'clock.level.met',
  stopped: 'clock.level.stopped',
};

/** 24×24 icons drawn with fill-rule evenodd: a clock, an exclamation mark, a warning sign, a tick, a stop. */
export const LEVEL_ICON: Record<ClockLevel, string> = {
  running:
    'M12 2a10 10 0 1 0 0 20a10 10 0 0 0 0-20zm0 2a8 8 0 1 1 0 16a8 8 0 0 1 0-16zM11 7h2v5.4l3.5 2-1 1.7L11 13.6z',
  'warning-75': 'M12 2a10 10 0 1 0 0 20a10 10 0 0 0 0-20zm-1 5h2v7h-2zm0 9h2v2h-2z',
  'warning-90': 'M12 2a10 10 0 1 0 0 20a10 10 0 0 0 0-20zm-1 5h2v7h-2zm0 9h2v2h-2z',
  overdue: 'M12 1.5 0.5 21.5h23zM11 8.5h2v7h-2zm0 9h2v2h-2z',
  breached: 'M12 1.5 0.5 21.5h23zM11 8.5h2v7h-2zm0 9h2v2h-2z',
  met: 'M12 2a10 10 0 1 0 0 20a10 10 0 0 0 0-20zm-1.5 14.5L6 12l1.4-1.4 3.1 3.1 6.6-6.6L18.5 8.5z',
  stopped: 'M12 2a10 10 0 1 0 0 20a10 10 0 0 0 0-20zM8 8h8v8H8z',
};

export function LevelIcon(props: { level: ClockLevel }): JSX.Element {
  return (
    <svg class="clock__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path fill="currentColor" fill-rule="evenodd" d={LEVEL_ICON[props.level]} />
    </svg>
  );
}

/**
 * The texts public/custody.js needs and the server's time at rendering (so that a browser whose
 * clock is wrong still counts from the server's), once per page that shows clocks.
 */
export function ClockTexts(props: { tr: Translator; now: string }): JSX.Element {
  const { tr } = props;
  return (
    <div
      id="clock-texts"
      hidden
      data-now={props.now}
      data-running={tr.attr(LEVEL_TEXT.running)}
      data-warning-75={tr.attr(LEVEL_TEXT['warning-75'])}
      data-warning-90={tr.attr(LEVEL_TEXT['warning-90'])}
      data-overdue-level={tr.attr(LEVEL_TEXT.overdue)}
      data-breached={tr.attr(LEVEL_TEXT.breached)}
      data-left={tr.attr('clock.left')}
      data-overdue={tr.attr('clock.overdue')}
    ></div>
  );
}

export interface ClockProps {
  tr: Translator;
  clock: ClockView;
  /** The server's time at rendering, ISO 8601. */
  now: string;
  /**
   * `compact`: one line, for the desk's secondary clocks. Its status then says whose it is ("Judicial
   * decisions within the limit: BREACHED"), so that beside another clock's "Met" nobody reads it as that one's.
   */
  compact?: boolean;
  /** The rule's name as a heading of this level (the episode page), or as plain text. */
  headingLevel?: 3 | 4;
}

/** One clock with its countdown (running or breached), or when it was met or ended. */
export function Clock(props: ClockProps): JSX.Element {
  const { tr, clock } = props;
  const level = clockLevel(clock);
  // A clock that ended after its due time is breached but no longer ticking: it says when it ended.
  const ticking =
    (clock.state === 'running' || clock.state === 'breached') &&
    (clock.endedAt === null || Date.parse(clock.endedAt) > Date.parse(props.now));
  const remaining = Date.parse(clock.dueAt) - Date.parse(props.now);
  const overdue = clock.state === 'breached' || (ticking && remaining <= 0);
  const name = ruleName(tr, clock.rule);
  // A met clock says "Met" once, with when: "Met 4 May 2026, 10:00", not "Met … Met 4 May".
  const met = clock.state === 'met' && clock.endedAt !== null;
  const title = props.compact ? (
    ''
  ) : props.headingLevel === 3 ? (
    <h3 class="clock__rule" safe>
      {name}
    </h3>
  ) : props.headingLevel === 4 ? (
    <h4 class="clock__rule" safe>
      {name}
    </h4>
  ) : (
    <span class="clock__rule" safe>
      {name}
    </span>
  );
  return (
    <div
      class={['clock', `clock--${level}`, props.compact && 'clock--compact']}
      data-clock={ticking ? clock.state : undefined}
      data-started-at={clock.startedAt}
      data-due-at={clock.dueAt}
      data-kind={clock.kind}
      data-rule={clock.rule}
      data-day-unit={ticking ? tr.attr('clock.dayUnit') : undefined}
    >
      {title}
      <p class="clock__status">
        <LevelIcon level={level} />
        {/* One run of text beside the icon: a long rule name wraps, never hides the state. */}
        <span class="clock__says">
          {props.compact ? (
            <>
              <span class="clock__rule clock__rule--inline" safe>
                {tr.attr('clock.whose', { rule: name })}
              </span>{' '}
            </>
          ) : (
            ''
          )}
          <strong class="clock__level" aria-live={ticking ? 'polite' : undefined}>
            {tr.t(LEVEL_TEXT[level])}
          </strong>
          {met ? (
            <>
              {' '}
              <time class="clock__ended" datetime={clock.endedAt ?? ''} safe>
                {formatMoment(tr.lang, clock.endedAt ?? '')}
              </time>
            </>
          ) : (
            ''
          )}
        </span>
      </p>
      {ticking ? (
        <p class="clock__remaining">
          <span class="clock__label">{tr.t(overdue ? 'clock.overdue' : 'clock.left')}</span>{' '}
          <span class="clock__time" role="timer" safe>
            {formatCountdown(remaining, tr.attr('clock.dayUnit'))}
          </span>
        </p>
      ) : (
        ''
      )}
      {(props.compact && ticking) || met ? (
        ''
      ) : (
        <p class="clock__due">
          {clock.endedAt !== null && !ticking ? (
            <>
              {tr.t('clock.stoppedAt')}{' '}
              <time datetime={clock.endedAt} safe>
                {formatMoment(tr.lang, clock.endedAt)}
              </time>
            </>
          ) : (
            <>
              {tr.t('clock.dueAt')}{' '}
              <time datetime={clock.dueAt} safe>
                {formatMoment(tr.lang, clock.dueAt)}
              </time>
            </>
          )}
        </p>
      )}
    </div>
  );
}
