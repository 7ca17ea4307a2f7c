import { describe, expect, test } from 'vitest';
import { ROLES, type Role } from '../../src/access/principal.js';
import { ROLE_SCOPE, scopeProblem } from '../../src/access/scopes.js';
import { UserInput } from '../../src/domain/accounts/inputs.js';
import { serviceAccountDecider, type IssueToken } from '../../src/domain/accounts/service-account.js';
import { userDecider, type CreateUser } from '../../src/domain/accounts/user-account.js';

const at = '2026-03-10T09:00:00.000Z';
const createUser: CreateUser = {
  type: 'create-user',
  accountId: 'a1',
  username: 'aigerim',
  name: 'Айгерим',
  role: 'custody-officer',
  facilities: ['f1'],
  regions: [],
  sex: 'female',
  at,
  actor: 'cli:root',
};

describe('user accounts', () => {
  test('creating a user records role and scope, and no secret', () => {
    const events = userDecider.decide(createUser, userDecider.initialState);
    expect(events).toEqual([
      {
        type: 'user-created',
        payload: {
          accountId: 'a1',
          username: 'aigerim',
          name: 'Айгерим',
          role: 'custody-officer',
          facilities: ['f1'],
          regions: [],
          sex: 'female',
          createdAt: at,
        },
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/password|hash/i);
  });

  test('role changes and disabling are events; a disabled account cannot be changed', () => {
    const created = userDecider.decide(createUser, userDecider.initialState) as never[];
    const active = created.reduce(userDecider.evolve, userDecider.initialState);
    const change = userDecider.decide(
      {
        type: 'change-user-access',
        accountId: 'a1',
        role: 'governor',
        facilities: ['f1'],
        regions: [],
        at,
        actor: 'admin',
      },
      active,
    );
    expect(change).toMatchObject([{ type: 'user-access-changed', payload: { role: 'governor' } }]);
    const disabled = userDecider.decide(
      { type: 'disable-user', accountId: 'a1', reason: 'left', at, actor: 'admin' },
      active,
    );
    expect(disabled).toMatchObject([{ type: 'user-disabled', payload: { reason: 'left' } }]);
    const after = (disabled as never[]).reduce(userDecider.evolve, active);
    expect(
      userDecider.decide(
        {
          type: 'change-user-access',
          accountId: 'a1',
          role: 'admin',
          facilities: [],
          regions: [],
          at,
          actor: 'x',
        },
        after,
      ),
    ).toMatchObject({ refused: true });
  });

  test('enabling a disabled account is a new event with its reason; the disabling stays', () => {
    const created = userDecider.decide(createUser, userDecider.initialState) as never[];
    const active = created.reduce(userDecider.evolve, userDecider.initialState);
    const disabled = (
      userDecider.decide(
        { type: 'disable-user', accountId: 'a1', reason: 'left', at, actor: 'admin' },
        active,
      ) as never[]
    ).reduce(userDecider.evolve, active);
    const enable = {
      type: 'enable-user',
      accountId: 'a1',
      reason: 'back from leave',
      at,
      actor: 'admin',
    } as const;
    const enabled = userDecider.decide(enable, disabled);
    expect(enabled).toEqual([
      { type: 'user-enabled', payload: { accountId: 'a1', reason: 'back from leave', enabledAt: at } },
    ]);
    expect((enabled as never[]).reduce(userDecider.evolve, disabled)).toEqual({ status: 'active' });
    // Enabling an active account changes nothing; there is nothing to enable before it exists.
    expect(userDecider.decide(enable, active)).toEqual([]);
    expect(userDecider.decide(enable, userDecider.initialState)).toMatchObject({ refused: true });
  });

  test('a password reset is an event with its reason and no secret, allowed on a disabled account', () => {
    const created = userDecider.decide(createUser, userDecider.initialState) as never[];
    const active = created.reduce(userDecider.evolve, userDecider.initialState);
    const reset = {
      type: 'reset-password',
      accountId: 'a1',
      reason: 'forgotten',
      at,
      actor: 'admin',
    } as const;
    const events = userDecider.decide(reset, active);
    expect(events).toEqual([
      { type: 'user-password-reset', payload: { accountId: 'a1', reason: 'forgotten', resetAt: at } },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/hash/i);
    expect(userDecider.decide(reset, { status: 'disabled' })).toMatchObject([
      { type: 'user-password-reset' },
    ]);
    expect(userDecider.decide(reset, userDecider.initialState)).toMatchObject({ refused: true });
  });

  test('a facility role without a facility is refused, naming the field', () => {
    expect(userDecider.decide({ ...createUser, facilities: [] }, userDecider.initialState)).toMatchObject({
      refused: true,
      field: 'facilities',
    });
  });

  test('login names are case-insensitive and passwords have at least 12 characters', () => {
    const base = { username: ' Aigerim ', password: 'correct horse battery', name: 'A', role: 'admin' };
    expect(UserInput.parse(base).username).toBe('aigerim');
    expect(UserInput.safeParse({ ...base, password: 'short' }).success).toBe(false);
    expect(UserInput.safeParse({ ...base, username: 'a b' }).success).toBe(false);
  });
});

describe('service accounts', () => {
  const issue: IssueToken = {
    type: 'issue-token',
    accountId: 's1',
    name: 'Kiosk block A',
    role: 'kiosk',
    facilities: ['f1'],
    regions: [],
    at,
    actor: 'cli:root',
  };

  test('issuing and revoking a token are events', () => {
    const issued = serviceAccountDecider.decide(issue, serviceAccountDecider.initialState) as never[];
    expect(issued).toMatchObject([
      { type: 'token-issued', payload: { role: 'kiosk', facilities: ['f1'], sex: null } },
    ]);
    const state = issued.reduce(serviceAccountDecider.evolve, serviceAccountDecider.initialState);
    expect(
      serviceAccountDecider.decide(
        { type: 'revoke-token', accountId: 's1', reason: 'lost', at, actor: 'admin' },
        state,
      ),
    ).toMatchObject([{ type: 'token-revoked' }]);
  });

  test('a kiosk belongs to exactly one facility', () => {
    expect(
      serviceAccountDecider.decide(
        { ...issue, facilities: ['f1', 'f2'] },
        serviceAccountDecider.initialState,
      ),
    ).toMatchObject({ refused: true, field: 'facilities' });
  });
});

describe('role scopes', () => {
  const scopeFor = (role: Role) =>
    ROLE_SCOPE[role] === 'facility' ? { facilities: ['f1'], regions: [] } : { facilities: [], regions: [] };

  test.each(ROLES)('%s: the scope shape of its kind is accepted', (role) => {
    const { facilities, regions } = scopeFor(role);
    expect(scopeProblem(role, facilities, regions)).toBeNull();
  });

  test('national roles take neither facilities nor regions; regional roles no facilities', () => {
    expect(scopeProblem('statistician', [], ['KZ-AST'])).toMatchObject({ field: 'regions' });
    expect(scopeProblem('admin', ['f1'], [])).toMatchObject({ field: 'facilities' });
    expect(scopeProblem('procurator', ['f1'], [])).toMatchObject({ field: 'facilities' });
    expect(scopeProblem('procurator', [], ['KZ-AST'])).toBeNull();
  });
});
