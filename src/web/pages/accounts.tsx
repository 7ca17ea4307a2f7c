import { ROLES, type Role } from '../../access/principal.js';
import type { AccountKind, AccountState, AccountView } from '../../app/account-admin.js';
import { TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { paths } from '../paths.js';
import { regionLabel } from '../region-labels.js';

/*
 * Account administration pages (issue 18 item 4), for the administrator: the list of people's and
 * service accounts, and one account with the changes the administrator may make to it. Plain
 * forms (POST, CSRF token, POST-redirect-GET), so everything works without JavaScript; every form
 * asks for the reason the log records.
 */

/** The fields of each form; ids are unique on the page, so the error summary can link to each. */
export const DISABLE_FIELDS = ['disableReason'] as const;
export const ENABLE_FIELDS = ['enableReason'] as const;
export const PASSWORD_FIELDS = ['password', 'passwordRepeat', 'passwordReason'] as const;
export const REVOKE_FIELDS = ['revokeReason'] as const;

/** What was just done, shown once after the redirect (`?done=`). */
export const DONE = ['disabled', 'enabled', 'password', 'revoked'] as const;
export type Done = (typeof DONE)[number];

export function roleLabel(tr: Translator, role: string): string {
  return (ROLES as readonly string[]).includes(role) ? tr.attr(`role.${role as Role}`) : role;
}

function scopeText(tr: Translator, account: AccountView): string {
  const parts = [
    ...account.facilities.map((facility) => facility.name),
    ...account.regions.map((region) => regionLabel(tr, region)),
  ];
  return parts.length === 0 ? tr.attr('accounts.scope.national') : parts.join(', ');
}

const STATE_LABEL: Record<AccountState, MessageKey> = {
  active: 'accounts.state.active',
  disabled: 'accounts.state.disabled',
  revoked: 'accounts.state.revoked',
};

function StateTag(props: { tr: Translator; state: AccountState }): JSX.Element {
  return (
    <strong class={['tag', props.state === 'active' ? 'tag--active' : 'tag--inactive']}>
      {props.tr.t(STATE_LABEL[props.state])}
    </strong>
  );
}

function CreatedAt(props: { tr: Translator; at: string }): JSX.Element {
  return (
    <time datetime={props.at} safe>
      {formatMoment(props.tr.lang, props.at)}
    </time>
  );
}

/** The filters of the accounts list, as the query gives them ('' for any). */
export interface AccountFilters {
  kind: AccountKind | '';
  role: Role | '';
  state: AccountState | '';
  createdFrom: string;
  createdTo: string;
}

export const ACCOUNT_KINDS: readonly AccountKind[] = ['user', 'service'];
export const ACCOUNT_STATES: readonly AccountState[] = ['active', 'disabled', 'revoked'];

const accountHref = (account: AccountView): string =>
  account.kind === 'user' ? paths.accountUser(account.id) : paths.accountToken(account.id);

/** The columns of the accounts list: the page's cells, and the CSV's text in the page's language. */
export function accountColumns(tr: Translator): ListColumn<AccountView>[] {
  const stateText = (account: AccountView) => tr.attr(STATE_LABEL[account.state]);
  return [
    {
      key: 'account',
      header: tr.attr('accounts.column.account'),
      rowHeader: true,
      cell: (account) => (
        <a href={accountHref(account)} safe>
          {account.username ?? account.name}
        </a>
      ),
      csv: (account) => account.username ?? account.name,
    },
    {
      key: 'name',
      header: tr.attr('accounts.column.name'),
      cell: (account) => <span safe>{account.name}</span>,
      csv: (account) => account.name,
    },
    {
      key: 'kind',
      header: tr.attr('accounts.column.kind'),
      cell: (account) => tr.t(`accounts.kind.${account.kind}`),
      csv: (account) => tr.attr(`accounts.kind.${account.kind}`),
    },
    {
      key: 'role',
      header: tr.attr('accounts.column.role'),
      cell: (account) => <span safe>{roleLabel(tr, account.role)}</span>,
      csv: (account) => roleLabel(tr, account.role),
    },
    {
      key: 'scope',
      header: tr.attr('accounts.column.scope'),
      cell: (account) => <span safe>{scopeText(tr, account)}</span>,
      csv: (account) => scopeText(tr, account),
    },
    {
      key: 'state',
      header: tr.attr('accounts.column.state'),
      cell: (account) => <StateTag tr={tr} state={account.state} />,
      csv: stateText,
    },
    {
      key: 'created',
      header: tr.attr('accounts.column.created'),
      cell: (account) => <CreatedAt tr={tr} at={account.createdAt} />,
      csv: (account) => formatMoment(tr.lang, account.createdAt),
    },
  ];
}

/** Every account, people first, then service accounts (kiosks and integrations): a register list. */
export function AccountsPage(props: {
  ctx: PageContext;
  accounts: readonly AccountView[];
  filters: AccountFilters;
  list: ListState;
}): JSX.Element {
  const { ctx, filters, list } = props;
  const { tr } = ctx;
  const any = (label: MessageKey) => ({ value: '', label: tr.attr(label) });
  return (
    <Layout ctx={ctx} title={tr.attr('accounts.title')}>
      <h1 class="heading-xl">{tr.t('accounts.title')}</h1>
      <p class="lead">{tr.t('accounts.lead')}</p>
      {list.printing ? '' : <p>{tr.t('accounts.create.hint')}</p>}
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="accounts"
          action={paths.accounts}
          caption={tr.attr('accounts.caption')}
          empty={tr.attr('accounts.empty')}
          columns={accountColumns(tr)}
          rows={props.accounts}
          {...list}
          filters={[
            {
              kind: 'select',
              name: 'kind',
              label: tr.attr('accounts.column.kind'),
              value: filters.kind,
              options: [
                any('accounts.kind.any'),
                ...ACCOUNT_KINDS.map((kind) => ({ value: kind, label: tr.attr(`accounts.kind.${kind}`) })),
              ],
            },
            {
              kind: 'select',
              name: 'role',
              label: tr.attr('accounts.column.role'),
              value: filters.role,
              options: [
                any('accounts.role.any'),
                ...ROLES.map((role) => ({ value: role, label: roleLabel(tr, role) })),
              ],
            },
            {
              kind: 'select',
              name: 'state',
              label: tr.attr('accounts.column.state'),
              value: filters.state,
              options: [
                any('accounts.state.any'),
                ...ACCOUNT_STATES.map((state) => ({ value: state, label: tr.attr(STATE_LABEL[state]) })),
              ],
            },
            {
              kind: 'date-range',
              name: 'created',
              label: tr.attr('accounts.column.created'),
              from: filters.createdFrom,
              to: filters.createdTo,
            },
          ]}
        />
      </div>
    </Layout>
  );
}

/** Role, scope and state of one account, as a summary list. */
function AccountSummary(props: { tr: Translator; account: AccountView }): JSX.Element {
  const { tr, account } = props;
  const row = (label: MessageKey, value: JSX.Element) => (
    <div class="summary__row">
      <dt class="summary__key">{tr.t(label)}</dt>
      <dd class="summary__value">{value}</dd>
    </div>
  );
  return (
    <dl class="summary">
      {account.username === null ? '' : row('accounts.column.username', <span safe>{account.username}</span>)}
      {row('accounts.column.name', <span safe>{account.name}</span>)}
      {row('accounts.column.role', <span safe>{roleLabel(tr, account.role)}</span>)}
      {row('accounts.column.scope', <span safe>{scopeText(tr, account)}</span>)}
      {account.sex === 'female' || account.sex === 'male'
        ? row('person.sex', <span>{tr.t(`person.sex.${account.sex}`)}</span>)
        : ''}
      {row('accounts.column.state', <StateTag tr={tr} state={account.state} />)}
      {row('accounts.column.created', <CreatedAt tr={tr} at={account.createdAt} />)}
      {row('account.field.updated', <CreatedAt tr={tr} at={account.updatedAt} />)}
      {row('account.field.id', <code safe>{account.id}</code>)}
    </dl>
  );
}

function DoneNotice(props: { tr: Translator; done: Done | null }): JSX.Element {
  if (props.done === null) return '';
  return (
    <div class="notice notice--success" role="status">
      <p class="notice__text">{props.tr.t(`account.done.${props.done}`)}</p>
    </div>
  );
}

/** The reason field every change asks for (the log records it with the administrator's name). */
function ReasonField(props: {
  tr: Translator;
  id: string;
  values: FormValues;
  errors: readonly FieldError[];
}): JSX.Element {
  return (
    <TextField
      tr={props.tr}
      id={props.id}
      label="account.reason"
      hint="account.reason.hint"
      value={props.values[props.id] ?? ''}
      error={errorFor(props.errors, props.id)}
      maxlength={500}
    />
  );
}

export interface AccountPageProps {
  ctx: PageContext;
  account: AccountView;
  /** The values and problems of the form that was just sent, if it came back. */
  values: FormValues;
  errors: readonly FieldError[];
  done: Done | null;
}

/** A person's account: disable or enable it, or set a temporary password. */
export function UserAccountPage(props: AccountPageProps): JSX.Element {
  const { ctx, account, values, errors } = props;
  const { tr } = ctx;
  const title = tr.attr('account.user.title', { username: account.username ?? account.id });
  const csrf = <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />;
  return (
    <Layout ctx={ctx} title={title} errors={errors}>
      <DoneNotice tr={tr} done={props.done} />
      <h1 class="heading-xl" safe>
        {title}
      </h1>
      <AccountSummary tr={tr} account={account} />
      {account.state === 'active' ? (
        <section class="section" aria-labelledby="disable-title">
          <h2 class="heading-l" id="disable-title">
            {tr.t('account.disable.title')}
          </h2>
          <p>{tr.t('account.disable.lead')}</p>
          <form class="form" method="post" action={paths.accountUserDisable(account.id)} novalidate>
            {csrf}
            <ReasonField tr={tr} id="disableReason" values={values} errors={errors} />
            <button class="button button--warning" type="submit">
              {tr.t('account.disable.submit')}
            </button>
          </form>
        </section>
      ) : (
        <section class="section" aria-labelledby="enable-title">
          <h2 class="heading-l" id="enable-title">
            {tr.t('account.enable.title')}
          </h2>
          <p>{tr.t('account.enable.lead')}</p>
          <form class="form" method="post" action={paths.accountUserEnable(account.id)} novalidate>
            {csrf}
            <ReasonField tr={tr} id="enableReason" values={values} errors={errors} />
            <button class="button" type="submit">
              {tr.t('account.enable.submit')}
            </button>
          </form>
        </section>
      )}
      <section class="section" aria-labelledby="password-title">
        <h2 class="heading-l" id="password-title">
          {tr.t('account.password.title')}
        </h2>
        <p>{tr.t('account.password.lead')}</p>
        <form class="form" method="post" action={paths.accountUserPassword(account.id)} novalidate>
          {csrf}
          <TextField
            tr={tr}
            id="password"
            label="account.password.new"
            hint="account.password.new.hint"
            type="password"
            value=""
            error={errorFor(errors, 'password')}
            autocomplete="new-password"
            spellcheck={false}
            maxlength={1024}
          />
          <TextField
            tr={tr}
            id="passwordRepeat"
            label="account.password.repeat"
            type="password"
            value=""
            error={errorFor(errors, 'passwordRepeat')}
            autocomplete="new-password"
            spellcheck={false}
            maxlength={1024}
          />
          <ReasonField tr={tr} id="passwordReason" values={values} errors={errors} />
          <button class="button" type="submit">
            {tr.t('account.password.submit')}
          </button>
        </form>
      </section>
      <p>
        <a href={paths.accounts}>{tr.t('account.back')}</a>
      </p>
    </Layout>
  );
}

/** A service account (kiosk, integration): revoke its token. */
export function ServiceAccountPage(props: AccountPageProps): JSX.Element {
  const { ctx, account, values, errors } = props;
  const { tr } = ctx;
  const title = tr.attr('account.service.title', { name: account.name });
  return (
    <Layout ctx={ctx} title={title} errors={errors}>
      <DoneNotice tr={tr} done={props.done} />
      <h1 class="heading-xl" safe>
        {title}
      </h1>
      <AccountSummary tr={tr} account={account} />
      {account.state === 'active' ? (
        <section class="section" aria-labelledby="revoke-title">
          <h2 class="heading-l" id="revoke-title">
            {tr.t('account.revoke.title')}
          </h2>
          <p>{tr.t('account.revoke.lead')}</p>
          <form class="form" method="post" action={paths.accountTokenRevoke(account.id)} novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
            <ReasonField tr={tr} id="revokeReason" values={values} errors={errors} />
            <button class="button button--warning" type="submit">
              {tr.t('account.revoke.submit')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      <p>
        <a href={paths.accounts}>{tr.t('account.back')}</a>
      </p>
    </Layout>
  );
}
