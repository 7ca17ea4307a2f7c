import type { Role, Sex } from '../../access/principal.js';
import { scopeProblem } from '../../access/scopes.js';
import { refuse, type Refusal } from '../decision.js';

/*
 * A service account (integration, kiosk) and its bearer token. The log records that a token was
 * issued, for which role and scope, by whom, and when it was revoked; the token's hash lives in
 * the tokens table and the token itself only with its holder.
 */

export type IssueToken = {
  type: 'issue-token';
  accountId: string;
  name: string;
  role: Role;
  facilities: string[];
  regions: string[];
  sex?: Sex | undefined;
  at: string;
  actor: string;
};
export type RevokeToken = {
  type: 'revoke-token';
  accountId: string;
  reason: string;
  at: string;
  actor: string;
};
export type ServiceAccountCommand = IssueToken | RevokeToken;

export type TokenIssued = {
  type: 'token-issued';
  payload: {
    accountId: string;
    name: string;
    role: Role;
    facilities: string[];
    regions: string[];
    sex: Sex | null;
    issuedAt: string;
  };
};
export type TokenRevoked = {
  type: 'token-revoked';
  payload: { accountId: string; reason: string; revokedAt: string };
};
export type ServiceAccountEvent = TokenIssued | TokenRevoked;

export type ServiceAccount = { status: 'none' | 'active' | 'revoked' };

export const serviceAccountStream = (accountId: string): string => `service-account/${accountId}`;

function issueToken(command: IssueToken, state: ServiceAccount): ServiceAccountEvent[] | Refusal {
  if (state.status !== 'none') return refuse(`service account ${command.accountId} already exists`);
  const problem = scopeProblem(command.role, command.facilities, command.regions);
  if (problem) return refuse(problem.detail, { field: problem.field });
  const { accountId, name, role, facilities, regions } = command;
  return [
    {
      type: 'token-issued',
      payload: { accountId, name, role, facilities, regions, sex: command.sex ?? null, issuedAt: command.at },
    },
  ];
}

function revokeToken(command: RevokeToken, state: ServiceAccount): ServiceAccountEvent[] | Refusal {
  if (state.status === 'none') return refuse(`there is no service account ${command.accountId}`);
  if (state.status === 'revoked') return [];
  return [
    {
      type: 'token-revoked',
      payload: { accountId: command.accountId, reason: command.reason, revokedAt: command.at },
    },
  ];
}

export const serviceAccountDecider = {
  initialState: { status: 'none' } as ServiceAccount,
  evolve(state: ServiceAccount, event: ServiceAccountEvent): ServiceAccount {
    switch (event.type) {
      case 'token-issued':
        return { status: 'active' };
      case 'token-revoked':
        return { status: 'revoked' };
      default:
        return state;
    }
  },
  decide(command: ServiceAccountCommand, state: ServiceAccount): ServiceAccountEvent[] | Refusal {
    switch (command.type) {
      case 'issue-token':
        return issueToken(command, state);
      case 'revoke-token':
        return revokeToken(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`unknown command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};
