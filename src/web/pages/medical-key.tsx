import type { ClinicianKeyStatus } from '../../app/clinician-keys.js';
import { TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { paths } from '../paths.js';

/** What a redirect to the key page says was done. */
export const KEY_DONE = ['created', 'unlocked', 'locked', 'changed'] as const;
export type KeyDone = (typeof KEY_DONE)[number];

const DONE_TEXT: Record<KeyDone, MessageKey> = {
  created: 'medicalKey.done.created',
  unlocked: 'medicalKey.done.unlocked',
  locked: 'medicalKey.done.locked',
  changed: 'medicalKey.done.changed',
};

/** Passphrases are at most this long (POST /api/v1/medical/key). */
const PASSPHRASE_MAX = 1024;

export interface MedicalKeyPageProps {
  ctx: PageContext;
  status: ClinicianKeyStatus;
  errors: readonly FieldError[];
  done: KeyDone | null;
  /** Where to go once the key is created or unlocked (a local path), or '' for this page. */
  next: string;
  /** Minutes without use after which an unlocked key locks itself. */
  idleMinutes: number;
}

/**
 * The clinician's own signing key (issue 19 item 4): created once, at account set-up, under a
 * passphrase only they know — the administrator who made the account never sees it, and the
 * public half is registered in the log; then unlocked for a session to sign reports, locked again,
 * and its passphrase changed. Passphrases are never sent back to the browser.
 */
export function MedicalKeyPage(props: MedicalKeyPageProps): JSX.Element {
  const { ctx, status } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('medicalKey.title')} errors={props.errors}>
      {props.done !== null ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">{tr.t(DONE_TEXT[props.done])}</p>
        </div>
      ) : (
        ''
      )}
      <h1 class="heading-xl">{tr.t('medicalKey.title')}</h1>
      <p class="lead">{tr.t('medicalKey.lead')}</p>
      {status.hasKey ? <KeyHeld {...props} /> : <CreateKey {...props} />}
    </Layout>
  );
}

function Hidden(props: { ctx: PageContext; next: string }): JSX.Element {
  return (
    <>
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken ?? ''} />
      {props.next !== '' ? <input type="hidden" name="next" value={props.next} /> : ''}
    </>
  );
}

function CreateKey(props: MedicalKeyPageProps): JSX.Element {
  const { ctx, errors } = props;
  const { tr } = ctx;
  return (
    <section class="section" aria-labelledby="create-title">
      <h2 class="heading-l" id="create-title">
        {tr.t('medicalKey.create.title')}
      </h2>
      <ul>
        <li>{tr.t('medicalKey.create.onlyYou')}</li>
        <li>{tr.t('medicalKey.create.noAdministrator')}</li>
        <li>{tr.t('medicalKey.create.publicKey')}</li>
        <li>{tr.t('medicalKey.create.unlock', { minutes: props.idleMinutes })}</li>
      </ul>
      <form class="form" method="post" action={paths.medicalKey} novalidate>
        <Hidden ctx={ctx} next={props.next} />
        <NewPassphraseFields
          tr={tr}
          errors={errors}
          field="passphrase"
          label="medicalKey.passphrase"
          repeatLabel="medicalKey.passphraseRepeat"
        />
        <button class="button" type="submit">
          {tr.t('medicalKey.create.submit')}
        </button>
      </form>
    </section>
  );
}

function KeyHeld(props: MedicalKeyPageProps): JSX.Element {
  const { ctx, status, errors } = props;
  const { tr } = ctx;
  return (
    <>
      <section class="section" aria-labelledby="key-title">
        <h2 class="heading-l" id="key-title">
          {tr.t('medicalKey.yours')}
        </h2>
        <dl class="summary">
          <div class="summary__row">
            <dt class="summary__key">{tr.t('medicalKey.keyId')}</dt>
            <dd class="summary__value">
              <code safe>{status.keyId ?? ''}</code>
            </dd>
          </div>
          <div class="summary__row">
            <dt class="summary__key">{tr.t('medicalKey.publicKey')}</dt>
            <dd class="summary__value">
              <code class="code--break" safe>
                {status.publicKey ?? ''}
              </code>
            </dd>
          </div>
          {status.registeredAt !== null ? (
            <div class="summary__row">
              <dt class="summary__key">{tr.t('medicalKey.registeredAt')}</dt>
              <dd class="summary__value">
                <time datetime={status.registeredAt} safe>
                  {formatMoment(tr.lang, status.registeredAt)}
                </time>
              </dd>
            </div>
          ) : (
            ''
          )}
          <div class="summary__row">
            <dt class="summary__key">{tr.t('medicalKey.state')}</dt>
            <dd class="summary__value">
              {status.unlocked ? (
                <strong class="tag tag--active">{tr.t('medicalKey.state.unlocked')}</strong>
              ) : (
                <strong class="tag tag--inactive">{tr.t('medicalKey.state.locked')}</strong>
              )}
            </dd>
          </div>
        </dl>
        <p>{tr.t('medicalKey.publicKey.hint')}</p>
      </section>

      {status.unlocked ? (
        <section class="section" aria-labelledby="lock-title">
          <h2 class="heading-l" id="lock-title">
            {tr.t('medicalKey.lock.title')}
          </h2>
          <p>{tr.t('medicalKey.lock.lead', { minutes: props.idleMinutes })}</p>
          <form class="form" method="post" action={paths.medicalKeyLock}>
            <Hidden ctx={ctx} next="" />
            <button class="button button--secondary" type="submit">
              {tr.t('medicalKey.lock.submit')}
            </button>
          </form>
        </section>
      ) : (
        <section class="section" aria-labelledby="unlock-title">
          <h2 class="heading-l" id="unlock-title">
            {tr.t('medicalKey.unlock.title')}
          </h2>
          <p>{tr.t('medicalKey.unlock.lead', { minutes: props.idleMinutes })}</p>
          <form class="form" method="post" action={paths.medicalKeyUnlock} novalidate>
            <Hidden ctx={ctx} next={props.next} />
            <TextField
              tr={tr}
              id="unlockPassphrase"
              label="medicalKey.passphrase"
              type="password"
              value=""
              error={errorFor(errors, 'unlockPassphrase')}
              autocomplete="current-password"
              spellcheck={false}
              width="medium"
              maxlength={PASSPHRASE_MAX}
            />
            <button class="button" type="submit">
              {tr.t('medicalKey.unlock.submit')}
            </button>
          </form>
        </section>
      )}

      <section class="section" aria-labelledby="change-title">
        <h2 class="heading-l" id="change-title">
          {tr.t('medicalKey.change.title')}
        </h2>
        <p>{tr.t('medicalKey.change.lead')}</p>
        <form class="form" method="post" action={paths.medicalKeyPassphrase} novalidate>
          <Hidden ctx={ctx} next="" />
          <TextField
            tr={tr}
            id="currentPassphrase"
            label="medicalKey.change.current"
            type="password"
            value=""
            error={errorFor(errors, 'currentPassphrase')}
            autocomplete="current-password"
            spellcheck={false}
            width="medium"
            maxlength={PASSPHRASE_MAX}
          />
          <NewPassphraseFields
            tr={tr}
            errors={errors}
            field="newPassphrase"
            label="medicalKey.change.new"
            repeatLabel="medicalKey.change.newRepeat"
          />
          <button class="button button--secondary" type="submit">
            {tr.t('medicalKey.change.submit')}
          </button>
        </form>
      </section>
    </>
  );
}

/**
 * On the doctor's home and worklist (issue 19: the key is "created at account set-up"): a medical
 * user without a key is sent to create it; one whose key is locked, to unlock it before signing.
 */
export function KeyBanner(props: { ctx: PageContext; status: ClinicianKeyStatus | null }): JSX.Element {
  const { ctx, status } = props;
  const { tr } = ctx;
  if (status === null || status.unlocked) return '';
  return (
    <div class={['notice', !status.hasKey && 'notice--warning']} role={status.hasKey ? undefined : 'alert'}>
      <p class="notice__text">
        {tr.t(status.hasKey ? 'medicalKey.banner.locked' : 'medicalKey.banner.none')}{' '}
        <a href={paths.medicalKey}>
          {tr.t(status.hasKey ? 'medicalKey.banner.unlockLink' : 'medicalKey.banner.createLink')}
        </a>
      </p>
    </div>
  );
}

/** A new passphrase and its repetition: typed twice, never shown, never filled in again. */
function NewPassphraseFields(props: {
  tr: Translator;
  errors: readonly FieldError[];
  field: 'passphrase' | 'newPassphrase';
  label: MessageKey;
  repeatLabel: MessageKey;
}): JSX.Element {
  const { tr, errors, field } = props;
  const repeat = `${field}Repeat`;
  return (
    <>
      <TextField
        tr={tr}
        id={field}
        label={props.label}
        hint="medicalKey.passphrase.hint"
        type="password"
        value=""
        error={errorFor(errors, field)}
        autocomplete="new-password"
        spellcheck={false}
        width="medium"
        maxlength={PASSPHRASE_MAX}
      />
      <TextField
        tr={tr}
        id={repeat}
        label={props.repeatLabel}
        type="password"
        value=""
        error={errorFor(errors, repeat)}
        autocomplete="new-password"
        spellcheck={false}
        width="medium"
        maxlength={PASSPHRASE_MAX}
      />
    </>
  );
}
