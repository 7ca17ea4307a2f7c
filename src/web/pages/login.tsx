import { Layout } from '../components/layout.js';
import { TextField } from '../components/fields.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError } from '../forms.js';
import { paths } from '../paths.js';

export interface LoginPageProps {
  ctx: PageContext;
  /** The pre-login CSRF token (double-submit cookie, see routes/auth.ts). */
  loginToken: string;
  /** Where to go after signing in: already checked to be a local path. */
  next: string;
  username: string;
  errors: readonly FieldError[];
  /** Shown after signing out. */
  signedOut: boolean;
}

/**
 * Sign in. A wrong username or password gives one message in the summary and none beside either
 * field, so the page never tells whether an account exists.
 */
export function LoginPage(props: LoginPageProps): JSX.Element {
  const { ctx, errors } = props;
  const { tr } = ctx;
  // Only "enter your …" problems belong beside a field; the generic failure stays in the summary.
  const fieldErrors = errors.filter(
    (error) => error.message !== 'login.failed' && error.message !== 'login.expired',
  );
  return (
    <Layout ctx={ctx} title={tr.attr('login.title')} errors={errors}>
      {props.signedOut ? (
        <div class="notice" role="status">
          <p class="notice__text">{tr.t('login.signedOut')}</p>
        </div>
      ) : (
        ''
      )}
      <h1 class="heading-xl">{tr.t('login.title')}</h1>
      <p>{tr.t('login.intro')}</p>
      <form class="form" method="post" action={paths.login} novalidate>
        <input type="hidden" name="_csrf" value={props.loginToken} />
        <input type="hidden" name="next" value={props.next} />
        <TextField
          tr={tr}
          id="username"
          label="login.username"
          value={props.username}
          error={errorFor(fieldErrors, 'username')}
          autocomplete="username"
          spellcheck={false}
          width="medium"
          maxlength={200}
        />
        <TextField
          tr={tr}
          id="password"
          label="login.password"
          type="password"
          value=""
          error={errorFor(fieldErrors, 'password')}
          autocomplete="current-password"
          width="medium"
          maxlength={1000}
        />
        <button class="button" type="submit">
          {tr.t('login.submit')}
        </button>
      </form>
    </Layout>
  );
}
