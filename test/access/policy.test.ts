import { describe, expect, test } from 'vitest';
import { ACTIONS, authorize, POLICY, type Action } from '../../src/access/policy.js';
import { ROLES, type Principal, type Role } from '../../src/access/principal.js';
import fc from 'fast-check';
import { ACCEPTED_REGION_CODES, regionSpellings } from '../../src/domain/registry/regions.js';

const principal = (role: Role, scope: Partial<Principal> = {}): Principal => ({
  id: `id-${role}`,
  kind: 'user',
  name: role,
  role,
  facilities: [],
  regions: [],
  ...scope,
});

describe('access policy', () => {
  test('deny by default: a role not listed for an action is refused with 403', () => {
    for (const action of ACTIONS) {
      const policy = POLICY[action] as { public?: true; grants: Partial<Record<Role, string>> };
      if (policy.public) continue;
      for (const role of ROLES) {
        const decision = authorize(principal(role), action);
        expect(decision.allowed, `${role} ${action}`).toBe(role in policy.grants);
        if (!decision.allowed) expect(decision.status).toBe(403);
      }
    }
  });

  test('the public may only verify the log and check health; everything else asks for a login (401)', () => {
    for (const action of ACTIONS) {
      const decision = authorize(null, action);
      if (action === 'log.read' || action === 'health.read') expect(decision.allowed).toBe(true);
      else expect(decision).toMatchObject({ allowed: false, status: 401 });
    }
  });

  test('the administrator has no access to case content', () => {
    for (const action of ['person.read', 'audit.read', 'medical.read', 'cctv.view'] as Action[])
      expect(authorize(principal('admin'), action).allowed, action).toBe(false);
  });

  test('the statistician never reads personal data', () => {
    for (const action of [
      'person.read',
      'audit.read',
      'medical.read',
      'cctv.view',
      'person.create',
    ] as Action[])
      expect(authorize(principal('statistician'), action).allowed, action).toBe(false);
  });

  test('kz.medical.system: only health officials read medical documentation', () => {
    for (const role of ROLES) {
      const decision = authorize(principal(role, { facilities: ['f1'] }), 'medical.read', {
        facilities: ['f1'],
      });
      expect(decision.allowed, role).toBe(role === 'medical');
      if (!decision.allowed) expect(decision).toMatchObject({ rule: 'kz.medical.system' });
    }
  });

  test('facility scope: staff act only at their own facilities', () => {
    const officer = principal('custody-officer', { facilities: ['f1'] });
    expect(authorize(officer, 'person.read', { facilities: ['f1'], regions: ['A'] }).allowed).toBe(true);
    expect(authorize(officer, 'person.read', { facilities: ['f2'], regions: ['A'] })).toMatchObject({
      allowed: false,
      status: 403,
    });
    expect(authorize(officer, 'person.read', { facilities: [], regions: [] }).allowed).toBe(false);
  });

  test('region scope: a regional procurator reads in their region; a national one everywhere', () => {
    const regional = principal('procurator', { regions: ['KZ-AST'] });
    const national = principal('procurator');
    expect(authorize(regional, 'person.read', { facilities: ['f1'], regions: ['KZ-AST'] }).allowed).toBe(
      true,
    );
    expect(authorize(regional, 'person.read', { facilities: ['f2'], regions: ['KZ-ALA'] }).allowed).toBe(
      false,
    );
    expect(authorize(national, 'person.read', { facilities: ['f2'], regions: ['KZ-ALA'] }).allowed).toBe(
      true,
    );
  });

  test('kz.cctv.women: in a women’s facility only female officials view footage', () => {
    const women = { facilities: ['f1'], regions: ['A'], populations: ['women'] };
    const men = { facilities: ['f1'], regions: ['A'], populations: ['men'] };
    const female = principal('prison-officer', { facilities: ['f1'], sex: 'female' });
    const male = principal('prison-officer', { facilities: ['f1'], sex: 'male' });
    const unstated = principal('prison-officer', { facilities: ['f1'] });
    expect(authorize(female, 'cctv.view', women).allowed).toBe(true);
    expect(authorize(male, 'cctv.view', women)).toMatchObject({
      allowed: false,
      status: 403,
      rule: 'kz.cctv.women',
    });
    expect(authorize(unstated, 'cctv.view', women)).toMatchObject({ allowed: false, rule: 'kz.cctv.women' });
    expect(authorize(male, 'cctv.view', men).allowed).toBe(true);
    expect(authorize(principal('monitor', { sex: 'male' }), 'cctv.view', women).allowed).toBe(false);
  });

  test('kz.allegation.conflict: only the investigating judge of the region reads and orders on complaints about procurators and investigators — never a procurator', () => {
    for (const action of ['allegation.judge-read', 'allegation.judge-order'] as Action[]) {
      for (const role of ROLES) {
        const decision = authorize(principal(role), action);
        expect(decision.allowed, `${role} ${action}`).toBe(role === 'judge');
        if (!decision.allowed) expect(decision).toMatchObject({ rule: 'kz.allegation.conflict' });
      }
      const astana = { facilities: ['f1'], regions: ['KZ-71'] };
      expect(authorize(principal('judge', { regions: ['KZ-AST'] }), action, astana).allowed).toBe(true);
      expect(authorize(principal('judge', { regions: ['KZ-75'] }), action, astana)).toMatchObject({
        allowed: false,
        status: 403,
        rule: 'kz.allegation.conflict',
      });
    }
  });

  test('who may read a person’s record: facility staff, medical, oversight, courts, complaints; never admin or statistician', () => {
    const readers = ROLES.filter((role) => authorize(principal(role), 'person.read').allowed);
    expect(readers.sort()).toEqual(
      [
        'complaints-officer',
        'custody-officer',
        'governor',
        'judge',
        'medical',
        'monitor',
        'prison-officer',
        'procurator',
      ].sort(),
    );
  });

  test('property: a decision is the same whichever spelling of a region (current or legacy) principal and resource use', () => {
    // Each code, and another spelling of the same region picked by the generator.
    const spelled = fc
      .constantFrom(...ACCEPTED_REGION_CODES)
      .chain((code) => fc.tuple(fc.constant(code), fc.constantFrom(...regionSpellings([code]))));
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(...ROLES),
        fc.array(spelled, { maxLength: 3 }),
        fc.array(spelled, { maxLength: 3 }),
        (action, role, scope, where) => {
          const decide = (pick: 0 | 1) =>
            authorize(
              principal(role, { facilities: ['f1'], regions: scope.map((pair) => pair[pick]) }),
              action,
              { facilities: ['f2'], regions: where.map((pair) => pair[pick]), populations: ['men'] },
            );
          expect(decide(1)).toEqual(decide(0));
        },
      ),
    );
  });

  test('region scope: an account scoped to KZ-75 reads a facility registered as KZ-ALA, and one scoped to KZ-ALA one registered as KZ-75', () => {
    const current = principal('procurator', { regions: ['KZ-75'] });
    const legacy = principal('procurator', { regions: ['KZ-ALA'] });
    for (const reader of [current, legacy])
      for (const region of ['KZ-75', 'KZ-ALA']) {
        expect(authorize(reader, 'person.read', { facilities: ['f2'], regions: [region] }).allowed).toBe(
          true,
        );
        // Almaty region (KZ-19, legacy KZ-ALM) is another region than the city.
        expect(authorize(reader, 'person.read', { facilities: ['f2'], regions: ['KZ-ALM'] }).allowed).toBe(
          false,
        );
      }
  });
});
