import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAccess } from '../../app/access.js';
import { enableUser, getAccount, listAccounts, resetPassword } from '../../app/account-admin.js';
import { disableUser, revokeToken } from '../../app/accounts.js';
import { AccountChangeInput, PasswordResetInput } from '../../domain/accounts/inputs.js';
import { problemResponses } from '../problem.js';
import { AUTHENTICATED, IdParams, Time } from './schemas.js';

/*
 * Account administration (issue 18 item 4), for the administrator only (`account.manage`): people's
 * accounts and service accounts with their role, scope and state, and the changes an administrator
 * makes — each an entry in the log with the administrator as actor and the reason given.
 */

const AccountView = z.object({
  id: z.string(),
  kind: z.enum(['user', 'service']),
  username: z.string().nullable().describe('A person’s login name; null for a service account'),
  name: z.string(),
  role: z.string(),
  facilities: z.array(z.object({ id: z.string(), name: z.string() })),
  regions: z.array(z.string()),
  sex: z.string().nullable(),
  state: z
    .enum(['active', 'disabled', 'revoked'])
    .describe('A person’s account: active or disabled; a service account’s token: active or revoked'),
  createdAt: Time,
  updatedAt: Time,
});

const AccountList = z.object({ items: z.array(AccountView) });

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, clock } = app.habeas;

  app.get(
    '/users',
    {
      schema: {
        tags: ['accounts'],
        summary: 'People’s accounts: role, scope and state (admin)',
        security: AUTHENTICATED,
        response: { 200: AccountList, ...problemResponses },
      },
    },
    async (request) => {
      requireAccess(request.principal, 'account.manage');
      return { items: await listAccounts(store, 'user') };
    },
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'One person’s account (admin)',
        security: AUTHENTICATED,
        params: IdParams,
        response: { 200: AccountView, ...problemResponses },
      },
    },
    async (request) => {
      requireAccess(request.principal, 'account.manage');
      return getAccount(store, 'user', request.params.id);
    },
  );

  app.post(
    '/users/:id/disable',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Disable a person’s account and end their sessions (admin)',
        security: AUTHENTICATED,
        params: IdParams,
        body: AccountChangeInput,
        response: { 200: AccountView, ...problemResponses },
      },
    },
    async (request) => {
      const admin = requireAccess(request.principal, 'account.manage');
      await disableUser(store, request.params.id, request.body.reason, admin.id, clock());
      return getAccount(store, 'user', request.params.id);
    },
  );

  app.post(
    '/users/:id/enable',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Enable a disabled person’s account again (admin)',
        security: AUTHENTICATED,
        params: IdParams,
        body: AccountChangeInput,
        response: { 200: AccountView, ...problemResponses },
      },
    },
    async (request) => {
      const admin = requireAccess(request.principal, 'account.manage');
      await enableUser(store, request.params.id, request.body.reason, admin.id, clock());
      return getAccount(store, 'user', request.params.id);
    },
  );

  app.post(
    '/users/:id/password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Set a temporary password for a person; their sessions end (admin)',
        security: AUTHENTICATED,
        params: IdParams,
        body: PasswordResetInput,
        response: {
          204: z.null().describe('Reset; the person signs in with the new password'),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const admin = requireAccess(request.principal, 'account.manage');
      await resetPassword(store, request.params.id, request.body, admin.id, clock());
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Service accounts (kiosks, integrations): role, scope and state, never the token (admin)',
        security: AUTHENTICATED,
        response: { 200: AccountList, ...problemResponses },
      },
    },
    async (request) => {
      requireAccess(request.principal, 'account.manage');
      return { items: await listAccounts(store, 'service') };
    },
  );

  app.post(
    '/tokens/:id/revoke',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Revoke a service account’s token; it stops working at once (admin)',
        security: AUTHENTICATED,
        params: IdParams,
        body: AccountChangeInput,
        response: { 200: AccountView, ...problemResponses },
      },
    },
    async (request) => {
      const admin = requireAccess(request.principal, 'account.manage');
      await revokeToken(store, request.params.id, request.body.reason, admin.id, clock());
      return getAccount(store, 'service', request.params.id);
    },
  );
};
