import { TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError } from '../forms.js';
import { paths } from '../paths.js';

export interface UnlockPageProps {
  ctx: PageContext;
  /** Where to go once unlocked: already checked to be a local path. */
  next: string;
  errors: readonly FieldError[];
  /** The key is unlocked in this session already. */
  unlocked: boolean;
  /** The authority has no key on this server yet (habeas sealing init). */
  noKey: boolean;
}

/**
 * Unlock the complaints authority's key for this session (src/app/sealing-session.ts): the
 * passphrase is sent once, never shown again, never stored; the key stays in the server's memory
 * for this session only and locks itself after 30 minutes without use.
 */
export function UnlockPage(props: UnlockPageProps): JSX.Element {
  const { ctx, errors } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('unlock.title')} errors={errors}>
      <h1 class="heading-xl">{tr.t('unlock.title')}</h1>
      <p class="lead">{tr.t('unlock.lead')}</p>
      {props.noKey ? (
        <div class="notice notice--warning" role="alert">
          <p class="notice__text">{tr.t('unlock.noKey')}</p>
        </div>
      ) : props.unlocked ? (
        <>
          <div class="notice notice--success" role="status">
            <p class="notice__text">{tr.t('unlock.already')}</p>
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
              label="unlock.passphrase"
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
