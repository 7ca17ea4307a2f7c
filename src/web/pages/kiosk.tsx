import type { PropsWithChildren } from '@kitajs/html';
import { CASE_STATUSES } from '../../domain/cases/status.js';
import { Icon, type IconName } from '../components/kiosk-icons.js';
import { LANGUAGES, translator, type Lang, type MessageKey, type Translator } from '../i18n.js';
import { paths } from '../paths.js';

/*
 * The complaint kiosk (issue 4 item 2, DESIGN.md "Pages"): one page, one question per screen,
 * shown one at a time by /static/kiosk.js (src/web/kiosk/browser.js). Every screen is rendered
 * here in the reader's language; the script only shows and hides them, keeps the answers in
 * memory, seals the complaint in the browser and posts the ciphertext.
 *
 * Without the script nothing can be sealed, so nothing may be sent: the page then shows only the
 * "this kiosk is not working" message (visible until the script hides it), and there is no <form>
 * and no named field anywhere on the page, so no browser can ever submit the text in clear.
 */

/** The complaint categories of issue 4, in the order the kiosk shows them. */
export const KIOSK_CATEGORIES = [
  'torture-or-ill-treatment',
  'conditions',
  'health',
  'discipline',
  'reprisal',
  'other',
] as const;
export type KioskCategory = (typeof KIOSK_CATEGORIES)[number];

/** Statuses of GET /api/v1/complaints/{reference}/status that the kiosk words plainly. */
export const KIOSK_STATUSES = [
  'received',
  'referred-to-procurator',
  'referred-to-investigating-judge',
  'under-investigation',
  'answered',
  'closed',
] as const;

/**
 * kz.allegation.conflict: the optional answer "my complaint is about a procurator or an
 * investigator" (none, or whose office). A routing fact outside the sealed text, like the category:
 * such a complaint goes to the investigating judge and is sealed to the complaints authority alone.
 */
export const KIOSK_CONCERNS = ['none', 'procurator', 'investigator'] as const;

/** Inactivity: the page clears itself after this long without a touch (a test may ask for less). */
export const KIOSK_IDLE_SECONDS = 120;
/** The longest complaint text the kiosk accepts (sealed, it stays well under the API's 1 MiB body). */
export const KIOSK_MAX_TEXT = 20_000;
/** The longest recording, in minutes: at the script's bit rates well under the API's 50 MiB. */
export const KIOSK_RECORD_MINUTES = 5;
/** What the "attach a file" control offers (issue 4 item 2): photographs, sound, video, PDF documents. */
export const KIOSK_ATTACH_ACCEPT = 'audio/*,video/*,image/*,application/pdf';
/** The kinds of file the kiosk words plainly, each with its picture. */
const ATTACH_KINDS = [
  ['image', 'photo'],
  ['audio', 'microphone'],
  ['video', 'video'],
  ['pdf', 'file'],
] as const satisfies readonly (readonly [string, IconName])[];

export interface KioskPageProps {
  tr: Translator;
  facilityId: string;
  facilityName: string;
  /** Where the script starts: the language choice, or (after one was made) the task choice. */
  start: 'language' | 'task';
  /** Seconds of inactivity before the page clears itself. */
  idleSeconds: number;
  /** Query text kept on the kiosk's own links (only `idle`, for tests), '' or '&idle=…'. */
  keep: string;
  /**
   * The largest recording or file the kiosk may send, in bytes before sealing: what seals to the
   * API's media limit (the route passes it in; the kiosk refuses more before sealing anything).
   */
  maxMediaBytes: number;
  /** The facility's offset from UTC (`+05:00`): the kiosk shows dates on the facility's clock. */
  offset: string;
}

/** Texts the script writes at run time (placeholders in `{name}` form), in the page's language. */
function scriptTexts(tr: Translator): Record<string, string> {
  const texts: Record<string, string> = {
    progress: tr.attr('kiosk.progress', { step: '{step}', total: '{total}' }),
    anonymous: tr.attr('kiosk.review.anonymous'),
    number: tr.attr('kiosk.review.number', { number: '{number}' }),
    named: tr.attr('kiosk.review.name', { name: '{name}' }),
    rollLoading: tr.attr('kiosk.roll.loading'),
    rollShown: tr.attr('kiosk.roll.shown', { count: '{count}' }),
    rollEmpty: tr.attr('kiosk.roll.empty'),
    rollFailed: tr.attr('kiosk.roll.failed'),
    rollTypeMore: tr.attr('kiosk.roll.typeMore'),
    yes: tr.attr('kiosk.yes'),
    no: tr.attr('kiosk.no'),
    messageRequired: tr.attr('kiosk.message.required'),
    messageTooLong: tr.attr('kiosk.message.tooLong', { max: KIOSK_MAX_TEXT }),
    numberInvalid: tr.attr('kiosk.number.invalid'),
    pinInvalid: tr.attr('kiosk.pin.invalid'),
    pinMismatch: tr.attr('kiosk.pin.mismatch'),
    referenceInvalid: tr.attr('kiosk.status.reference.invalid'),
    errorNetwork: tr.attr('kiosk.error.network'),
    errorKey: tr.attr('kiosk.error.key'),
    errorNumber: tr.attr('kiosk.error.number'),
    errorRefused: tr.attr('kiosk.error.refused'),
    errorEnrolment: tr.attr('kiosk.error.enrolment'),
    errorBusy: tr.attr('kiosk.error.busy'),
    statusNotFound: tr.attr('kiosk.status.notFound'),
    statusLocked: tr.attr('kiosk.status.locked'),
    statusUpdated: tr.attr('kiosk.status.updated', { date: '{date}' }),
    statusOther: tr.attr('kiosk.status.other', { status: '{status}' }),
    caseLine: tr.attr('kiosk.status.case', { number: '{number}', status: '{status}', date: '{date}' }),
    idleBody: tr.attr('kiosk.idle.body', { seconds: '{seconds}' }),
    seq: tr.attr('kiosk.receipt.seq', { seq: '{seq}' }),
    qrLabel: tr.attr('kiosk.receipt.qrLabel', { reference: '{reference}' }),
    qrFull: tr.attr('kiosk.receipt.qr'),
    qrShort: tr.attr('kiosk.receipt.qrShort'),
    requestAnonymous: tr.attr('kiosk.request.anonymous'),
    requestNamed: tr.attr('kiosk.request.named'),
    requestName: tr.attr('kiosk.request.name'),
    sealedAuthority: tr.attr('kiosk.review.sealed'),
    sealedProcurator: tr.attr('kiosk.review.sealed.procurator'),
    answerDate: tr.attr('kiosk.status.answer.date', { date: '{date}' }),
    recording: tr.attr('kiosk.record.recording', { time: '{time}', max: '{max}' }),
    recorded: tr.attr('kiosk.record.done', { time: '{time}' }),
    recordFailed: tr.attr('kiosk.record.failed'),
    reviewAudio: tr.attr('kiosk.review.recording.audio', { time: '{time}' }),
    reviewVideo: tr.attr('kiosk.review.recording.video', { time: '{time}' }),
    mediaSent: tr.attr('kiosk.receipt.media'),
    mediaFailed: tr.attr('kiosk.receipt.mediaFailed'),
    fileSent: tr.attr('kiosk.receipt.file'),
    fileFailed: tr.attr('kiosk.receipt.fileFailed'),
    fileReview: tr.attr('kiosk.review.file', { name: '{name}', about: '{about}' }),
    fileTooLarge: tr.attr('kiosk.attach.tooLarge', { size: '{size}', max: '{max}' }),
    fileWrongType: tr.attr('kiosk.attach.wrongType'),
    fileEmpty: tr.attr('kiosk.attach.empty'),
    errorFile: tr.attr('kiosk.error.file'),
    sizeKB: tr.attr('kiosk.attach.size.kb', { size: '{size}' }),
    sizeMB: tr.attr('kiosk.attach.size.mb', { size: '{size}' }),
  };
  for (const [kind] of ATTACH_KINDS) texts[`fileKind:${kind}`] = tr.attr(`kiosk.attach.kind.${kind}`);
  for (const category of KIOSK_CATEGORIES)
    texts[`category:${category}`] = tr.attr(`kiosk.category.${category}`);
  for (const status of KIOSK_STATUSES) texts[`status:${status}`] = tr.attr(`kiosk.status.${status}`);
  // Issue 20 item 7: where the criminal case the allegation is in stands, in plain words.
  for (const status of CASE_STATUSES) texts[`case:${status}`] = tr.attr(`kiosk.case.${status}`);
  for (const concerns of KIOSK_CONCERNS)
    texts[`concerns:${concerns}`] = tr.attr(`kiosk.concerns.review.${concerns}`);
  return texts;
}

/** The kiosk's own shell: no staff header, menu or footer, no link that leads away from the kiosk. */
function KioskShell(
  props: PropsWithChildren<{ tr: Translator; title: string; script: boolean }>,
): JSX.Element {
  const { tr } = props;
  return (
    <html lang={tr.lang} class="kiosk-html">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title safe>{`${props.title} — ${tr.attr('service.name')}`}</title>
        <link rel="stylesheet" href={paths.style} />
        <link rel="stylesheet" href={paths.kioskStyle} />
        <link rel="icon" href={paths.icon} type="image/svg+xml" />
        {props.script ? <script type="module" src={paths.kioskScript}></script> : ''}
      </head>
      <body class="kiosk-body">{props.children}</body>
    </html>
  );
}

/** A big button with its picture, its words and (optionally) a line under them. */
function Choice(props: {
  icon: IconName;
  label: string;
  hint?: string;
  action: string;
  value?: string;
  variant?: 'primary' | 'secondary' | 'warning';
  id?: string;
}): JSX.Element {
  return (
    <button
      type="button"
      class={['choice', props.variant && `choice--${props.variant}`]}
      data-action={props.action}
      data-value={props.value}
      id={props.id}
    >
      <Icon name={props.icon} class="choice__icon" />
      <span class="choice__text">
        <span class="choice__label">{props.label}</span>
        {props.hint ? <span class="choice__hint">{props.hint}</span> : ''}
      </span>
    </button>
  );
}

/** An ordinary action button (back, next, send…), touch-sized. */
function Action(props: {
  icon: IconName;
  label: string;
  action: string;
  variant?: 'primary' | 'secondary';
  value?: string;
  id?: string;
}): JSX.Element {
  return (
    <button
      type="button"
      class={['kiosk-button', `kiosk-button--${props.variant ?? 'secondary'}`]}
      data-action={props.action}
      data-value={props.value}
      id={props.id}
    >
      <Icon name={props.icon} class="kiosk-button__icon" />
      <span>{props.label}</span>
    </button>
  );
}

/** One screen: one question, its heading focused when it appears. */
function Screen(
  props: PropsWithChildren<{ name: string; title: string; icon?: IconName; lead?: string }>,
): JSX.Element {
  return (
    <section class="screen" data-screen={props.name} aria-labelledby={`${props.name}-title`} hidden>
      <h1 class="screen__title" id={`${props.name}-title`} tabindex="-1">
        {props.icon ? <Icon name={props.icon} class="screen__icon" /> : ''}
        <span>{props.title}</span>
      </h1>
      {props.lead ? <p class="screen__lead">{props.lead}</p> : ''}
      {props.children}
    </section>
  );
}

function BackNext(props: { tr: Translator; next?: boolean }): JSX.Element {
  const { tr } = props;
  return (
    <div class="screen__actions">
      <Action icon="back" label={tr.t('kiosk.back')} action="back" />
      {props.next === false ? (
        ''
      ) : (
        <Action icon="next" label={tr.t('kiosk.next')} action="next" variant="primary" />
      )}
    </div>
  );
}

/** Digits for the PIN fields, so that no physical or system keyboard is needed. */
function Keypad(props: { tr: Translator; target: string }): JSX.Element {
  const { tr } = props;
  const digit = (key: string) => (
    <button type="button" class="keypad__key" data-action="key" data-key={key} data-target={props.target}>
      {key}
    </button>
  );
  return (
    <div class="keypad" role="group" aria-label={tr.attr('kiosk.keypad.label')}>
      {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digit)}
      <button
        type="button"
        class="keypad__key keypad__key--word"
        data-action="key"
        data-key="clear"
        data-target={props.target}
      >
        {tr.t('kiosk.keypad.clear')}
      </button>
      {digit('0')}
      <button
        type="button"
        class="keypad__key"
        data-action="key"
        data-key="erase"
        data-target={props.target}
        aria-label={tr.attr('kiosk.keypad.erase')}
      >
        <Icon name="erase" class="keypad__icon" />
      </button>
    </div>
  );
}

/** An on-screen keyboard's "Enter" key says "search" on the roll's filter (not typed by @kitajs/html). */
const ENTER_SEARCH = { enterkeyhint: 'search' } as const;

/**
 * The roll of names (issue 4 item 2): the people of this facility by family name and initials,
 * fetched from /kiosk/roll only when the person chooses "find my name", narrowed by the first
 * letters of the family name typed into the filter, and chosen with a touch. The script fills the
 * list; nothing of it is in the page as served.
 */
function Roll(props: { tr: Translator }): JSX.Element {
  const { tr } = props;
  return (
    <>
      <div class="kiosk-field">
        <label class="kiosk-field__label" for="kiosk-roll-filter">
          {tr.t('kiosk.roll.filter')}
        </label>
        <p class="kiosk-field__hint" id="kiosk-roll-filter-hint">
          {tr.t('kiosk.roll.filter.hint')}
        </p>
        <input
          class="kiosk-input"
          id="kiosk-roll-filter"
          type="search"
          autocomplete="off"
          autocapitalize="words"
          spellcheck="false"
          maxlength={40}
          aria-describedby="kiosk-roll-filter-hint"
          aria-controls="kiosk-roll-list"
          {...ENTER_SEARCH}
        />
      </div>
      <p class="roll__status" id="kiosk-roll-status" role="status"></p>
      <ul class="roll" id="kiosk-roll-list" aria-label={tr.attr('kiosk.roll.list')}></ul>
      <p class="roll__more" id="kiosk-roll-more" hidden>
        {tr.t('kiosk.roll.more')}
      </p>
    </>
  );
}

/** `playsinline` (the camera's picture stays in the page on phones), which @kitajs/html does not type. */
const PLAYS_INLINE = { playsinline: true } as const;

/**
 * Recording a voice or video message (issue 4: "record an audio or video message in the browser"),
 * shown by the script only where the browser can record (MediaRecorder, a microphone or camera).
 * The recording is sealed like the text and sent after it (POST /api/v1/complaints/{ref}/media).
 */
function Recorder(props: { tr: Translator }): JSX.Element {
  const { tr } = props;
  return (
    <section class="record" id="kiosk-record" aria-labelledby="kiosk-record-title" hidden>
      <h2 class="record__title" id="kiosk-record-title">
        {tr.t('kiosk.record.title')}
      </h2>
      <p class="kiosk-field__hint">{tr.t('kiosk.record.hint', { minutes: KIOSK_RECORD_MINUTES })}</p>
      <div class="record__row" id="kiosk-record-start">
        <Action icon="microphone" label={tr.t('kiosk.record.audio')} action="record" value="audio" />
        <Action icon="video" label={tr.t('kiosk.record.video')} action="record" value="video" />
      </div>
      <div class="record__row" id="kiosk-record-live" hidden>
        <video class="record__camera" id="kiosk-record-camera" muted hidden {...PLAYS_INLINE}></video>
        <p class="record__time" id="kiosk-record-time"></p>
        <Action icon="stop" label={tr.t('kiosk.record.stop')} action="record-stop" variant="primary" />
      </div>
      <div class="record__row" id="kiosk-record-done" hidden>
        <p class="record__time" id="kiosk-record-summary"></p>
        <div class="record__player" id="kiosk-record-player"></div>
        <Action icon="no" label={tr.t('kiosk.record.delete')} action="record-delete" />
      </div>
      <p class="kiosk-error kiosk-error--block" id="kiosk-record-error" role="alert" hidden></p>
    </section>
  );
}

/** Megabytes in the reader's language ("50 МБ"), as the script words the sizes of files. */
function megabytes(tr: Translator, bytes: number): string {
  const size = new Intl.NumberFormat(tr.lang, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
  return tr.t('kiosk.attach.size.mb', { size });
}

/**
 * Attaching a file (issue 4: "… or attach a file"): a photograph, a sound or video recording or a
 * PDF document, sealed in the browser like a recording and sent after the complaint to the same
 * media route. The picker is the file input itself, stretched invisibly over a big button with a
 * picture and words in the page's language (the browser's own "Choose file" speaks the terminal's
 * language, not the reader's); it has no `name`, like every field of the kiosk. The script shows
 * the chosen file's name, kind and size, and refuses one over `maxMediaBytes` before sealing.
 */
function Attachment(props: { tr: Translator; maxMediaBytes: number }): JSX.Element {
  const { tr } = props;
  return (
    <section class="record attach" id="kiosk-attach" aria-labelledby="kiosk-attach-title">
      <h2 class="record__title" id="kiosk-attach-title">
        {tr.t('kiosk.attach.title')}
      </h2>
      <p class="kiosk-field__hint" id="kiosk-file-hint">
        {tr.t('kiosk.attach.hint', { max: megabytes(tr, props.maxMediaBytes) })}
      </p>
      <p class="kiosk-error kiosk-error--block" id="kiosk-file-error" role="alert" hidden></p>
      <div class="record__row" id="kiosk-attach-start">
        <label class="kiosk-button kiosk-button--secondary attach__pick">
          <Icon name="attach" class="kiosk-button__icon" />
          <span>{tr.t('kiosk.attach.choose')}</span>
          <input
            class="attach__input"
            id="kiosk-file"
            type="file"
            accept={KIOSK_ATTACH_ACCEPT}
            aria-describedby="kiosk-file-hint kiosk-file-error"
          />
        </label>
      </div>
      <div class="record__row" id="kiosk-attach-done" hidden>
        <p class="attach__chosen">
          {ATTACH_KINDS.map(([kind, icon]) => (
            <span class="attach__kind-icon" data-file-icon={kind} hidden>
              <Icon name={icon} class="attach__icon" />
            </span>
          ))}
          <span class="attach__text">
            <span class="attach__name" id="kiosk-file-name"></span>
            <span class="attach__about" id="kiosk-file-about"></span>
            <span class="attach__note">{tr.t('kiosk.attach.chosen')}</span>
          </span>
        </p>
        <Action icon="no" label={tr.t('kiosk.attach.remove')} action="attach-remove" />
      </div>
    </section>
  );
}

/** A field's error line, filled by the script; announced when it changes. */
function FieldError(props: { id: string }): JSX.Element {
  return <p class="kiosk-error" id={`${props.id}-error`} role="alert" hidden></p>;
}

function PinField(props: PropsWithChildren<{ tr: Translator; id: string; label: MessageKey }>): JSX.Element {
  const { tr, id } = props;
  return (
    <div class="kiosk-field">
      <label class="kiosk-field__label" for={id}>
        {tr.t(props.label)}
      </label>
      <FieldError id={id} />
      {/*
        Masked by the stylesheet, not type="password": a browser's password manager must never
        offer to keep a PIN (with the reference typed before it) on a terminal everyone uses.
      */}
      <input
        class="kiosk-input kiosk-input--pin"
        id={id}
        type="text"
        inputmode="numeric"
        pattern="[0-9]*"
        maxlength={8}
        autocomplete="off"
        aria-describedby={`${id}-error`}
      />
      {props.children}
      <Keypad tr={tr} target={id} />
    </div>
  );
}

function KioskBar(props: { tr: Translator; facilityName: string }): JSX.Element {
  const { tr } = props;
  return (
    <header class="kiosk__bar">
      <p class="kiosk__place">{tr.t('kiosk.facility', { facility: props.facilityName })}</p>
      <p class="kiosk__progress" id="kiosk-progress" hidden>
        <span class="kiosk__progress-text" id="kiosk-progress-text"></span>
        <span class="kiosk__dots" id="kiosk-dots" aria-hidden="true"></span>
      </p>
      <button
        type="button"
        class="kiosk-button kiosk-button--bar"
        data-action="cancel"
        id="kiosk-restart"
        hidden
      >
        <Icon name="restart" class="kiosk-button__icon" />
        <span>{tr.t('kiosk.restart')}</span>
      </button>
    </header>
  );
}

/** The message shown until the script starts, and instead of everything if it never does. */
function Broken(props: { tr: Translator }): JSX.Element {
  const { tr } = props;
  return (
    <div class="kiosk__broken" id="kiosk-broken" role="alert">
      <h1 class="screen__title">
        <Icon name="warning" class="screen__icon" />
        <span>{tr.t('kiosk.title')}</span>
      </h1>
      <p class="screen__lead">{tr.t('kiosk.broken')}</p>
      <p class="kiosk__admin">{tr.t('kiosk.broken.detail')}</p>
    </div>
  );
}

export function KioskPage(props: KioskPageProps): JSX.Element {
  const { tr } = props;
  const home = `${paths.kiosk}${props.keep === '' ? '' : `?${props.keep.slice(1)}`}`;
  const languageLink = (lang: Lang) => `${paths.kiosk}?lang=${lang}${props.keep}`;
  return (
    <KioskShell tr={tr} title={tr.attr('kiosk.title')} script={true}>
      <div
        class="kiosk"
        id="kiosk"
        data-kiosk=""
        data-lang={tr.lang}
        data-facility-id={props.facilityId}
        data-start={props.start}
        data-idle={String(props.idleSeconds)}
        data-max-text={String(KIOSK_MAX_TEXT)}
        data-record-seconds={String(KIOSK_RECORD_MINUTES * 60)}
        data-max-media={String(props.maxMediaBytes)}
        data-home={home}
        data-key-url={paths.api.sealingKey}
        data-procurator-key-url={paths.api.procuratorSealingKey}
        data-offset={props.offset}
        data-submit-url={paths.kioskComplaints}
        data-status-url={paths.kioskStatus}
        data-roll-url={paths.kioskRoll}
        data-texts={JSON.stringify(scriptTexts(tr))}
      >
        <KioskBar tr={tr} facilityName={props.facilityName} />
        <main class="kiosk__main" id="main">
          <Broken tr={tr} />

          {/* 1. The language, first and big; each name and heading in its own language. */}
          <section class="screen" data-screen="language" aria-labelledby="language-title" hidden>
            <h1 class="screen__title screen__title--languages" id="language-title" tabindex="-1">
              <Icon name="language" class="screen__icon" />
              <span>
                {LANGUAGES.map((lang) => (
                  <span class="screen__title-line" lang={lang}>
                    {translator(lang).t('kiosk.language.title')}
                  </span>
                ))}
              </span>
            </h1>
            <div class="choices choices--languages">
              {LANGUAGES.map((lang) => (
                <a
                  class={['choice', 'choice--language', lang === tr.lang && 'choice--current']}
                  href={languageLink(lang)}
                  lang={lang}
                  hreflang={lang}
                  data-action="language"
                >
                  <span class="choice__badge" aria-hidden="true">
                    {lang.toUpperCase()}
                  </span>
                  <span class="choice__text">
                    <span class="choice__label">{tr.t(`lang.${lang}`)}</span>
                  </span>
                </a>
              ))}
            </div>
          </section>

          <Screen name="task" title={tr.t('kiosk.task.title')}>
            <div class="choices">
              <Choice
                icon="complain"
                label={tr.t('kiosk.task.complain')}
                hint={tr.t('kiosk.task.complain.hint')}
                action="task"
                value="complain"
                variant="primary"
              />
              <Choice
                icon="status"
                label={tr.t('kiosk.task.status')}
                hint={tr.t('kiosk.task.status.hint')}
                action="task"
                value="status"
              />
            </div>
            <div class="screen__actions">
              <Action icon="language" label={tr.t('kiosk.task.language')} action="go" value="language" />
            </div>
          </Screen>

          <Screen name="who" title={tr.t('kiosk.who.title')} icon="person" lead={tr.t('kiosk.who.private')}>
            <div class="choices">
              <Choice
                icon="review"
                label={tr.t('kiosk.who.name')}
                hint={tr.t('kiosk.who.name.hint')}
                action="who"
                value="name"
              />
              <Choice
                icon="person"
                label={tr.t('kiosk.who.number')}
                hint={tr.t('kiosk.who.number.hint')}
                action="who"
                value="number"
              />
              <Choice
                icon="anonymous"
                label={tr.t('kiosk.who.anonymous')}
                hint={tr.t('kiosk.who.anonymous.hint')}
                action="who"
                value="anonymous"
              />
            </div>
            <BackNext tr={tr} next={false} />
          </Screen>

          <Screen name="roll" title={tr.t('kiosk.roll.title')} icon="person">
            <Roll tr={tr} />
            <BackNext tr={tr} next={false} />
          </Screen>

          <Screen name="number" title={tr.t('kiosk.number.title')} icon="person">
            <div class="kiosk-field">
              <label class="kiosk-field__label" for="kiosk-number">
                {tr.t('kiosk.number.label')}
              </label>
              <p class="kiosk-field__hint" id="kiosk-number-hint">
                {tr.t('kiosk.number.hint')}
              </p>
              <FieldError id="kiosk-number" />
              <input
                class="kiosk-input kiosk-input--code"
                id="kiosk-number"
                type="text"
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
                maxlength={64}
                aria-describedby="kiosk-number-hint kiosk-number-error"
              />
            </div>
            <BackNext tr={tr} />
          </Screen>

          <Screen name="category" title={tr.t('kiosk.category.title')}>
            <div class="choices choices--grid">
              {KIOSK_CATEGORIES.map((category) => (
                <Choice
                  icon={category}
                  label={tr.t(`kiosk.category.${category}`)}
                  hint={
                    category === 'torture-or-ill-treatment'
                      ? tr.t('kiosk.category.torture-or-ill-treatment.hint')
                      : undefined
                  }
                  action="category"
                  value={category}
                  variant={category === 'torture-or-ill-treatment' ? 'warning' : undefined}
                />
              ))}
            </div>
            <BackNext tr={tr} next={false} />
          </Screen>

          {/* kz.allegation.conflict: a complaint about a procurator or an investigator goes to the investigating judge. */}
          <Screen name="concerns" title={tr.t('kiosk.concerns.title')} icon="procurator">
            <p class="screen__lead">{tr.t('kiosk.concerns.hint')}</p>
            <div class="choices">
              <Choice icon="no" label={tr.t('kiosk.concerns.none')} action="concerns" value="none" />
              <Choice
                icon="procurator"
                label={tr.t('kiosk.concerns.procurator')}
                hint={tr.t('kiosk.concerns.judge')}
                action="concerns"
                value="procurator"
              />
              <Choice
                icon="status"
                label={tr.t('kiosk.concerns.investigator')}
                hint={tr.t('kiosk.concerns.judge')}
                action="concerns"
                value="investigator"
              />
            </div>
            <BackNext tr={tr} next={false} />
          </Screen>

          <Screen name="message" title={tr.t('kiosk.message.title')} icon="complain">
            <div class="kiosk-field">
              <label class="kiosk-field__label" for="kiosk-text">
                {tr.t('kiosk.message.label')}
              </label>
              <p class="kiosk-field__hint" id="kiosk-text-hint">
                {tr.t('kiosk.message.hint')}
              </p>
              <FieldError id="kiosk-text" />
              <textarea
                class="kiosk-input kiosk-textarea"
                id="kiosk-text"
                rows="6"
                spellcheck="false"
                maxlength={KIOSK_MAX_TEXT}
                aria-describedby="kiosk-text-hint kiosk-text-error"
              ></textarea>
              <p class="kiosk-field__note" id="kiosk-text-only" hidden>
                {tr.t('kiosk.message.textOnly')}
              </p>
            </div>
            <div class="media">
              <Recorder tr={tr} />
              <Attachment tr={tr} maxMediaBytes={props.maxMediaBytes} />
            </div>
            <BackNext tr={tr} />
          </Screen>

          <Screen name="protection" title={tr.t('kiosk.protection.title')} icon="protection">
            <p class="screen__lead">{tr.t('kiosk.protection.hint')}</p>
            <p class="screen__note" data-request-note=""></p>
            <div class="choices choices--pair">
              <Choice icon="yes" label={tr.t('kiosk.yes')} action="protection" value="yes" />
              <Choice icon="no" label={tr.t('kiosk.no')} action="protection" value="no" />
            </div>
            <BackNext tr={tr} next={false} />
          </Screen>

          <Screen name="transfer" title={tr.t('kiosk.transfer.title')} icon="transfer">
            <p class="screen__lead">{tr.t('kiosk.transfer.hint')}</p>
            <p class="screen__note" data-request-note=""></p>
            <div class="choices choices--pair">
              <Choice icon="yes" label={tr.t('kiosk.yes')} action="transfer" value="yes" />
              <Choice icon="no" label={tr.t('kiosk.no')} action="transfer" value="no" />
            </div>
            <BackNext tr={tr} next={false} />
          </Screen>

          <Screen name="pin" title={tr.t('kiosk.pin.title')} icon="pin" lead={tr.t('kiosk.pin.hint')}>
            <PinField tr={tr} id="kiosk-pin" label="kiosk.pin.label" />
            <BackNext tr={tr} />
          </Screen>

          <Screen name="pin2" title={tr.t('kiosk.pin.again.title')} icon="pin">
            <PinField tr={tr} id="kiosk-pin2" label="kiosk.pin.again.label" />
            <BackNext tr={tr} />
          </Screen>

          <Screen name="review" title={tr.t('kiosk.review.title')} icon="review">
            <dl class="review">
              {(
                [
                  ['who', 'kiosk.review.who', 'who'],
                  ['category', 'kiosk.review.category', 'category'],
                  ['concerns', 'kiosk.review.concerns', 'concerns'],
                  ['protection', 'kiosk.review.protection', 'protection'],
                  ['transfer', 'kiosk.review.transfer', 'transfer'],
                ] as const
              ).map(([field, label, screen]) => (
                <div class="review__row">
                  <dt class="review__key">{tr.t(label)}</dt>
                  <dd class="review__value" data-review={field}></dd>
                  <dd class="review__change">
                    <button type="button" class="kiosk-link" data-action="change" data-value={screen}>
                      {tr.t('kiosk.review.change')}
                      <span class="visually-hidden">: {tr.t(label)}</span>
                    </button>
                  </dd>
                </div>
              ))}
              <div class="review__row review__row--text">
                <dt class="review__key">{tr.t('kiosk.review.message')}</dt>
                <dd class="review__value">
                  <div class="review__text" data-review="text" tabindex="0"></div>
                  <p class="review__recording" data-review="recording" hidden></p>
                  <p class="review__recording" data-review="file" hidden></p>
                </dd>
                <dd class="review__change">
                  <button type="button" class="kiosk-link" data-action="change" data-value="message">
                    {tr.t('kiosk.review.change')}
                    <span class="visually-hidden">: {tr.t('kiosk.review.message')}</span>
                  </button>
                </dd>
              </div>
            </dl>
            <p class="screen__note screen__note--sealed" id="kiosk-review-sealed">
              {tr.t('kiosk.review.sealed')}
            </p>
            <div class="screen__actions">
              <Action icon="back" label={tr.t('kiosk.back')} action="back" />
              <Action
                icon="send"
                label={tr.t('kiosk.send')}
                action="send"
                variant="primary"
                id="kiosk-send"
              />
            </div>
          </Screen>

          <Screen name="sending" title={tr.t('kiosk.sending')} icon="send">
            <div class="spinner" role="status">
              <span class="visually-hidden">{tr.t('kiosk.sending')}</span>
            </div>
          </Screen>

          <Screen name="failed" title={tr.t('kiosk.error.title')} icon="warning">
            <p class="screen__lead kiosk-error kiosk-error--block" id="kiosk-failed-reason"></p>
            <div class="screen__actions">
              <Action icon="back" label={tr.t('kiosk.back')} action="go" value="review" />
              <Action icon="restart" label={tr.t('kiosk.error.retry')} action="send" variant="primary" />
            </div>
          </Screen>

          <Screen name="receipt" title={tr.t('kiosk.receipt.title')} icon="finish">
            <div class="receipt" id="kiosk-receipt">
              <p class="receipt__label">{tr.t('kiosk.receipt.reference')}</p>
              <p class="receipt__reference" id="kiosk-reference"></p>
              <p class="receipt__seq" id="kiosk-seq"></p>
              <p class="receipt__procurator" id="kiosk-procurator" hidden>
                {tr.t('kiosk.receipt.procurator')}
              </p>
              <p class="receipt__procurator" id="kiosk-judge" hidden>
                {tr.t('kiosk.receipt.judge')}
              </p>
              <p class="receipt__media" id="kiosk-media" hidden></p>
              <div class="receipt__qr" id="kiosk-qr"></div>
              <p class="receipt__qr-text" id="kiosk-qr-text"></p>
              <p class="receipt__keep">{tr.t('kiosk.receipt.keep')}</p>
            </div>
            <p class="screen__note">{tr.t('kiosk.receipt.finish.hint')}</p>
            <div class="screen__actions">
              <Action icon="print" label={tr.t('kiosk.receipt.print')} action="print" />
              <Action icon="finish" label={tr.t('kiosk.receipt.finish')} action="finish" variant="primary" />
            </div>
          </Screen>

          <Screen name="status" title={tr.t('kiosk.status.title')} icon="status">
            <div class="kiosk-field">
              <label class="kiosk-field__label" for="kiosk-reference-input">
                {tr.t('kiosk.status.reference')}
              </label>
              <p class="kiosk-field__hint" id="kiosk-reference-input-hint">
                {tr.t('kiosk.status.reference.hint')}
              </p>
              <FieldError id="kiosk-reference-input" />
              <input
                class="kiosk-input kiosk-input--code"
                id="kiosk-reference-input"
                type="text"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                maxlength={20}
                aria-describedby="kiosk-reference-input-hint kiosk-reference-input-error"
              />
            </div>
            <PinField tr={tr} id="kiosk-status-pin" label="kiosk.status.pin">
              {/* One answer for a wrong PIN and an unknown reference; or the lockout. */}
              <p class="kiosk-error kiosk-error--block" id="kiosk-status-error" role="alert" hidden></p>
            </PinField>
            <div class="screen__actions">
              <Action icon="back" label={tr.t('kiosk.back')} action="go" value="task" />
              <Action
                icon="status"
                label={tr.t('kiosk.status.check')}
                action="check"
                variant="primary"
                id="kiosk-check"
              />
            </div>
          </Screen>

          <Screen name="result" title={tr.t('kiosk.status.result')} icon="status">
            <div class="result" role="status">
              <p class="result__reference" id="kiosk-result-reference"></p>
              <p class="result__status">
                <Icon name="received" class="result__icon" />
                <span id="kiosk-result-status"></span>
              </p>
              <p class="result__date">
                <Icon name="time" class="result__icon" />
                <span id="kiosk-result-date"></span>
              </p>
              {/* Issue 20 item 7: the criminal case the allegation is in — its number and status, nothing more. */}
              <p class="result__date" id="kiosk-result-case" hidden></p>
            </div>
            {/* The authority's answers, opened on the server with the key that reference and PIN derive (issue 18 item 6). */}
            <section class="answers-read" id="kiosk-answers" aria-labelledby="kiosk-answers-title" hidden>
              <h2 class="answers-read__title" id="kiosk-answers-title">
                {tr.t('kiosk.status.answers.title')}
              </h2>
              <ol class="answers-read__list" id="kiosk-result-answers"></ol>
              <p class="screen__note">{tr.t('kiosk.status.answers.private')}</p>
            </section>
            <p class="screen__note" id="kiosk-answers-unreadable" hidden>
              {tr.t('kiosk.status.answers.unreadable')}
            </p>
            <p class="screen__note">{tr.t('kiosk.status.never')}</p>
            <div class="screen__actions">
              <Action icon="finish" label={tr.t('kiosk.receipt.finish')} action="finish" variant="primary" />
            </div>
          </Screen>

          <Screen
            name="cancel"
            title={tr.t('kiosk.cancel.title')}
            icon="restart"
            lead={tr.t('kiosk.cancel.body')}
          >
            <div class="choices choices--pair">
              <Choice icon="no" label={tr.t('kiosk.cancel.no')} action="cancel-no" />
              <Choice icon="restart" label={tr.t('kiosk.cancel.yes')} action="finish" variant="warning" />
            </div>
          </Screen>
        </main>

        <div
          class="idle"
          id="kiosk-idle"
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="kiosk-idle-title"
          aria-describedby="kiosk-idle-body"
          hidden
        >
          <div class="idle__box">
            <h2 class="idle__title" id="kiosk-idle-title">
              <Icon name="time" class="screen__icon" />
              <span>{tr.t('kiosk.idle.title')}</span>
            </h2>
            <p class="idle__body" id="kiosk-idle-body"></p>
            <Action
              icon="yes"
              label={tr.t('kiosk.idle.stay')}
              action="stay"
              variant="primary"
              id="kiosk-stay"
            />
          </div>
        </div>
      </div>
    </KioskShell>
  );
}

/** Why the kiosk cannot run here: the terminal is not enrolled, or a staff member is signed in. */
export function KioskNoticePage(props: {
  tr: Translator;
  notice: 'not-enrolled' | 'staff-session';
  /** The sign-out form's CSRF token, for a staff session. */
  csrfToken?: string | null;
  /** Shown to an administrator: the enrolment page. */
  canEnrol: boolean;
}): JSX.Element {
  const { tr } = props;
  const title =
    props.notice === 'staff-session' ? tr.t('kiosk.staff.title') : tr.t('kiosk.notEnrolled.title');
  return (
    <KioskShell tr={tr} title={title} script={false}>
      <div class="kiosk" data-kiosk-notice={props.notice}>
        <main class="kiosk__main" id="main">
          <section class="screen screen--notice" aria-labelledby="notice-title">
            <h1 class="screen__title" id="notice-title">
              <Icon name="warning" class="screen__icon" />
              <span>{title}</span>
            </h1>
            {props.notice === 'staff-session' ? (
              <>
                <p class="screen__lead">{tr.t('kiosk.staff.body')}</p>
                <form method="post" action={paths.logout}>
                  <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
                  <button type="submit" class="kiosk-button kiosk-button--primary">
                    <Icon name="back" class="kiosk-button__icon" />
                    <span>{tr.t('nav.logout')}</span>
                  </button>
                </form>
              </>
            ) : (
              <>
                <p class="screen__lead">{tr.t('kiosk.notEnrolled.body')}</p>
                <p class="kiosk__admin">
                  {tr.t('kiosk.notEnrolled.admin')}{' '}
                  <a
                    href={
                      props.canEnrol
                        ? paths.kioskEnrol
                        : `${paths.login}?next=${encodeURIComponent(paths.kioskEnrol)}`
                    }
                  >
                    {tr.t('nav.kiosk.enrol')}
                  </a>
                </p>
              </>
            )}
          </section>
        </main>
      </div>
    </KioskShell>
  );
}
