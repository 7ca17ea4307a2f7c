import type { Role, Sex } from '../../access/principal.js';
import { scopeProblem } from '../../access/scopes.js';
import { refuse, type Refusal } from '../decision.js';

/*
 * A person's account. Every change an administrator makes is an event in the log (who gave whom
 * which role and scope, when); the password hash is not: it lives in the credentials table.
 */

type Scope = { role: Role; facilities: string[]; regions: string[] };

export type CreateUser = Scope & {
  type: 'create-user';
  accountId: string;
  username: string;
  name: string;
  sex?: Sex | undefined;
  at: string;
  actor: string;
};
export type ChangeUserAccess = Scope & {
  type: 'change-user-access';
  accountId: string;
  at: string;
  actor: string;
};
export type DisableUser = {
  type: 'disable-user';
  accountId: string;
  reason: string;
  at: string;
  actor: string;
};
/** An administrator gives a disabled account back its access (issue 18 item 4), saying why. */
export type EnableUser = {
  type: 'enable-user';
  accountId: string;
  reason: string;
  at: string;
  actor: string;
};
/**
 * An administrator sets a new password for a person (forgotten, or suspected known to another).
 * The log records that it happened, who did it and why; the hash goes to the credentials table only.
 */
export type ResetPassword = {
  type: 'reset-password';
  accountId: string;
  reason: string;
  at: string;
  actor: string;
};
export type UserCommand = CreateUser | ChangeUserAccess | DisableUser | EnableUser | ResetPassword;

export type UserCreated = {
  type: 'user-created';
  payload: Scope & {
    accountId: string;
    username: string;
    name: string;
    sex: Sex | null;
    createdAt: string;
  };
};
export type UserAccessChanged = {
  type: 'user-access-changed';
  payload: Scope & { accountId: string; changedAt: string };
};
export type UserDisabled = {
  type: 'user-disabled';
  payload: { accountId: string; reason: string; disabledAt: string };
};
export type UserEnabled = {
  type: 'user-enabled';
  payload: { accountId: string; reason: string; enabledAt: string };
};
export type UserPasswordReset = {
  type: 'user-password-reset';
  payload: { accountId: string; reason: string; resetAt: string };
};
export type UserEvent = UserCreated | UserAccessChanged | UserDisabled | UserEnabled | UserPasswordReset;

export type UserAccount = { status: 'none' | 'active' | 'disabled' };

export const userStream = (accountId: string): string => `account/${accountId}`;

function checkScope(command: Scope): Refusal | null {
  const problem = scopeProblem(command.role, command.facilities, command.regions);
  return problem ? refuse(problem.detail, { field: problem.field }) : null;
}

function createUser(command: CreateUser, state: UserAccount): UserEvent[] | Refusal {
  if (state.status !== 'none') return refuse(`account ${command.accountId} already exists`);
  const scopeRefusal = checkScope(command);
  if (scopeRefusal) return scopeRefusal;
  const { accountId, username, name, role, facilities, regions } = command;
  return [
    {
      type: 'user-created',
      payload: {
        accountId,
        username,
        name,
        role,
        facilities,
        regions,
        sex: command.sex ?? null,
        createdAt: command.at,
      },
    },
  ];
}

function changeUserAccess(command: ChangeUserAccess, state: UserAccount): UserEvent[] | Refusal {
  if (state.status === 'none') return refuse(`there is no account ${command.accountId}`);
  if (state.status === 'disabled') return refuse(`account ${command.accountId} is disabled`);
  const scopeRefusal = checkScope(command);
  if (scopeRefusal) return scopeRefusal;
  const { accountId, role, facilities, regions } = command;
  return [
    { type: 'user-access-changed', payload: { accountId, role, facilities, regions, changedAt: command.at } },
  ];
}

function disableUser(command: DisableUser, state: UserAccount): UserEvent[] | Refusal {
  if (state.status === 'none') return refuse(`there is no account ${command.accountId}`);
  if (state.status === 'disabled') return [];
  return [
    {
      type: 'user-disabled',
      payload: { accountId: command.accountId, reason: command.reason, disabledAt: command.at },
    },
  ];
}

function enableUser(command: EnableUser, state: UserAccount): UserEvent[] | Refusal {
  if (state.status === 'none') return refuse(`there is no account ${command.accountId}`);
  if (state.status === 'active') return [];
  return [
    {
      type: 'user-enabled',
      payload: { accountId: command.accountId, reason: command.reason, enabledAt: command.at },
    },
  ];
}

function resetPassword(command: ResetPassword, state: UserAccount): UserEvent[] | Refusal {
  if (state.status === 'none') return refuse(`there is no account ${command.accountId}`);
  // A disabled account's password may be reset too, before it is enabled again.
  return [
    {
      type: 'user-password-reset',
      payload: { accountId: command.accountId, reason: command.reason, resetAt: command.at },
    },
  ];
}

export const userDecider = {
  initialState: { status: 'none' } as UserAccount,
  evolve(state: UserAccount, event: UserEvent): UserAccount {
    switch (event.type) {
      case 'user-created':
        return { status: 'active' };
      case 'user-access-changed':
        return state;
      case 'user-disabled':
        return { status: 'disabled' };
      case 'user-enabled':
        return { status: 'active' };
      case 'user-password-reset':
        return state;
      default:
        return state;
    }
  },
  decide(command: UserCommand, state: UserAccount): UserEvent[] | Refusal {
    switch (command.type) {
      case 'create-user':
        return createUser(command, state);
      case 'change-user-access':
        return changeUserAccess(command, state);
      case 'disable-user':
        return disableUser(command, state);
      case 'enable-user':
        return enableUser(command, state);
      case 'reset-password':
        return resetPassword(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`unknown command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};
