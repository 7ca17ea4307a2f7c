import { TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError } from '../forms.js';
import type { MessageKey } from '../i18n.js';
import { paths } from '../paths.js';

export interface UnlockPageProps {
  ctx: PageContext;
  /** Where to go once unlocked: already checked to be a local path. */
  next: string;
  errors: readonly FieldError[];
  /** The key is unlocked in this session already. */
  unlocked: boolean;
  /** The institution has no key on this server yet (habeas sealing init [--for procurator]). */
  noKey: boolean;
  /**
   * Whose key: the complaints authority's for a complaints officer, the procurator's office's own
   * for a procurator (issue 18 item 5), each with its own passphrase.
   */
  institution?: 'complaints-authority' | 'procurator';
}

/** The words of the page for each institution's key. */
const TEXTS = {
  'complaints-authority': {
    title: 'unlock.title',
    lead: 'unlock.lead',
    noKey: 'unlock.noKey',
    already: 'unlock.already',
    passphrase: 'unlock.passphrase',
  },
  procurator: {
    title: 'unlock.procurator.title',
    lead: 'unlock.procurator.lead',
    noKey: 'unlock.procurator.noKey',
    already: 'unlock.procurator.already',
    passphrase: 'unlock.procurator.passphrase',
  },
} as const satisfies Record<string, Record<string, MessageKey>>;

/**
 * Unlock the reader's institution's key for this session (src/app/sealing-session.ts): the
 * complaints authority's, or the procurator's office's own. The passphrase is sent once, never
 * shown again, never stored; the key stays in the server's memory for this session only and locks
 * itself after 30 minutes without use.
 */
export function UnlockPage(props: UnlockPageProps): JSX.Element {
  const { ctx, errors } = props;
  const { tr } = ctx;
  const texts = TEXTS[props.institution ?? 'complaints-authority'];
  return (
    <Layout ctx={ctx} title={tr.attr(texts.title)} errors={errors}>
      <h1 class="heading-xl">{tr.t(texts.title)}</h1>
      <p class="lead">{tr.t(texts.lead)}</p>
      {props.noKey ? (
        <div class="notice notice--warning" role="alert">
          <p class="notice__text">{tr.t(texts.noKey)}</p>
        </div>
      ) : props.unlocked ? (
        <>
          <div class="notice notice--success" role="status">
            <p class="notice__text">{tr.t(texts.already)}</p>
          </div>
          <p>
            <a class="button" href={props.next}>
              {tr.t('unlock.continue')}
            </a>
          </p>
        </>
      ) : (
        <>
          <p>{tr.t('unlock.expiry')}</p>
          <form class="form" method="post" action={paths.complaintsUnlock} novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
            <input type="hidden" name="next" value={props.next} />
            <TextField
              tr={tr}
              id="passphrase"
              label={texts.passphrase}
              type="password"
              value=""
              error={errorFor(errors, 'passphrase')}
              autocomplete="off"
              spellcheck={false}
              width="medium"
              maxlength={1024}
            />
            <button class="button" type="submit">
              {tr.t('unlock.submit')}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
