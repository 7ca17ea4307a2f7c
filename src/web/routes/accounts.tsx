import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAccess } from '../../app/access.js';
import { ROLES } from '../../access/principal.js';
import {
  countAccounts,
  enableUser,
  getAccount,
  pageAccounts,
  resetPassword,
  type AccountKind,
  type AccountQuery,
} from '../../app/account-admin.js';
import { disableUser, revokeToken } from '../../app/accounts.js';
import { NotFoundError, RefusedError } from '../../app/errors.js';
import { AccountReason, Password } from '../../domain/accounts/inputs.js';
import { passwordWeaknessKind } from '../../domain/accounts/password-strength.js';
import type { Store } from '../../store/types.js';
import { formValues, type FieldError, type FormValues } from '../forms.js';
import { dateRange, dayBounds, listState, readList, sendCsv } from '../list-export.js';
import { pageContext, requireAction, sendPage, sendProblemPage } from '../page.js';
import {
  ACCOUNT_KINDS,
  ACCOUNT_STATES,
  accountColumns,
  AccountsPage,
  type AccountFilters,
  DISABLE_FIELDS,
  DONE,
  ENABLE_FIELDS,
  PASSWORD_FIELDS,
  REVOKE_FIELDS,
  ServiceAccountPage,
  UserAccountPage,
  type Done,
} from '../pages/accounts.js';
import { paths } from '../paths.js';

/*
 * Account administration pages (issue 18 item 4): the same application services and policy
 * (`account.manage`, the administrator alone) as the API (src/http/routes/accounts.ts). A form
 * that comes back says, beside each field, what to do; a change that succeeds redirects to the
 * account with a confirmation (POST-redirect-GET), so a reload never repeats it.
 */

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function idParam(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown> | undefined)?.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new NotFoundError('no such account');
  return id;
}

function doneFlag(request: FastifyRequest): Done | null {
  const done = (request.query as Record<string, unknown> | undefined)?.done;
  return (DONE as readonly unknown[]).includes(done) ? (done as Done) : null;
}

/** The reason a form gave, or the error to show beside its field. */
function reasonOf(values: FormValues, field: string): { reason: string } | { error: FieldError } {
  const parsed = AccountReason.safeParse(values[field] ?? '');
  if (parsed.success) return { reason: parsed.data };
  const empty = (values[field] ?? '').trim() === '';
  return { error: { field, message: empty ? 'account.reason.required' : 'account.reason.invalid' } };
}

/** The new password of the form, or the errors to show: empty, different twice, or too easy to guess. */
function passwordErrors(values: FormValues): FieldError[] {
  const password = values.password ?? '';
  if (password === '') return [{ field: 'password', message: 'account.password.required' }];
  const weakness = passwordWeaknessKind(password);
  if (weakness !== null) return [{ field: 'password', message: `account.password.weak.${weakness}` }];
  if (!Password.safeParse(password).success)
    return [{ field: 'password', message: 'account.password.invalid' }];
  if (password !== (values.passwordRepeat ?? ''))
    return [{ field: 'passwordRepeat', message: 'account.password.mismatch' }];
  return [];
}

export function accountRoutes(app: FastifyInstance, store: Store): void {
  const { clock } = app.habeas;
  const guard = { preHandler: requireAction(store, 'account.manage') };

  async function showAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: AccountKind,
    id: string,
    form: { values: FormValues; errors: FieldError[] } = { values: {}, errors: [] },
  ) {
    const account = await getAccount(store, kind, id);
    const ctx = await pageContext(store, request);
    const props = { ctx, account, values: form.values, errors: form.errors, done: doneFlag(request) };
    const page = kind === 'user' ? <UserAccountPage {...props} /> : <ServiceAccountPage {...props} />;
    return sendPage(reply, page, form.errors.length > 0 ? 422 : 200);
  }

  // Issue 18: the accounts as a register list — its filters (kind, role, state, days created), its
  // total, keyset paging, the CSV and the print view, for the administrator alone.
  app.get(paths.accounts, guard, async (request, reply) => {
    const admin = requireAccess(request.principal, 'account.manage');
    const q = (request.query ?? {}) as Record<string, unknown>;
    const choice = <T extends string>(name: string, allowed: readonly T[]): T | '' =>
      (allowed as readonly unknown[]).includes(q[name]) ? (q[name] as T) : '';
    const created = dateRange(request.query, 'created');
    const filters: AccountFilters = {
      kind: choice('kind', ACCOUNT_KINDS),
      role: choice('role', ROLES),
      state: choice('state', ACCOUNT_STATES),
      createdFrom: created.from,
      createdTo: created.to,
    };
    const query: AccountQuery = {
      kind: filters.kind || undefined,
      role: filters.role || undefined,
      state: filters.state || undefined,
      created: dayBounds(created),
    };
    const list = await readList(request.query, (cursor, whole) =>
      pageAccounts(store, admin, { ...query, cursor, ...(whole ? { limit: whole.limit } : {}) }),
    );
    if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
    const { mode } = list;
    const ctx = await pageContext(store, request);
    if (mode.csv) return sendCsv(reply, 'accounts.csv', accountColumns(ctx.tr), list.rows);
    const total = await countAccounts(store, admin, query);
    return sendPage(
      reply,
      <AccountsPage
        ctx={ctx}
        accounts={list.rows}
        filters={filters}
        list={listState(paths.accounts, { ...filters }, list, total, mode)}
      />,
    );
  });

  app.get('/accounts/users/:id', guard, async (request, reply) =>
    showAccount(request, reply, 'user', idParam(request)),
  );

  app.get('/accounts/tokens/:id', guard, async (request, reply) =>
    showAccount(request, reply, 'service', idParam(request)),
  );

  app.post('/accounts/users/:id/disable', guard, async (request, reply) => {
    const admin = requireAccess(request.principal, 'account.manage');
    const id = idParam(request);
    const values = formValues(request.body, DISABLE_FIELDS);
    const given = reasonOf(values, 'disableReason');
    if ('error' in given) return showAccount(request, reply, 'user', id, { values, errors: [given.error] });
    try {
      await disableUser(store, id, given.reason, admin.id, clock());
    } catch (error) {
      if (!(error instanceof RefusedError)) throw error;
      const errors: FieldError[] = [{ field: 'disableReason', message: 'account.disable.self' }];
      return showAccount(request, reply, 'user', id, { values, errors });
    }
    return reply.redirect(`${paths.accountUser(id)}?done=disabled`, 303);
  });

  app.post('/accounts/users/:id/enable', guard, async (request, reply) => {
    const admin = requireAccess(request.principal, 'account.manage');
    const id = idParam(request);
    const values = formValues(request.body, ENABLE_FIELDS);
    const given = reasonOf(values, 'enableReason');
    if ('error' in given) return showAccount(request, reply, 'user', id, { values, errors: [given.error] });
    await enableUser(store, id, given.reason, admin.id, clock());
    return reply.redirect(`${paths.accountUser(id)}?done=enabled`, 303);
  });

  app.post('/accounts/users/:id/password', guard, async (request, reply) => {
    const admin = requireAccess(request.principal, 'account.manage');
    const id = idParam(request);
    const values = formValues(request.body, PASSWORD_FIELDS);
    const given = reasonOf(values, 'passwordReason');
    const errors = [...passwordErrors(values), ...('error' in given ? [given.error] : [])];
    // A password is never sent back to the browser, not even in a form that came back.
    const shown = { passwordReason: values.passwordReason ?? '' };
    if (errors.length > 0 || 'error' in given)
      return showAccount(request, reply, 'user', id, { values: shown, errors });
    await resetPassword(
      store,
      id,
      { password: values.password ?? '', reason: given.reason },
      admin.id,
      clock(),
    );
    return reply.redirect(`${paths.accountUser(id)}?done=password`, 303);
  });

  app.post('/accounts/tokens/:id/revoke', guard, async (request, reply) => {
    const admin = requireAccess(request.principal, 'account.manage');
    const id = idParam(request);
    const values = formValues(request.body, REVOKE_FIELDS);
    const given = reasonOf(values, 'revokeReason');
    if ('error' in given)
      return showAccount(request, reply, 'service', id, { values, errors: [given.error] });
    await revokeToken(store, id, given.reason, admin.id, clock());
    return reply.redirect(`${paths.accountToken(id)}?done=revoked`, 303);
  });
}
