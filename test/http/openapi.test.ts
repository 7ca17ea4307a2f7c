import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from './harness.js';

/* OpenAPI 3.1 at /api/openapi.json, documentation at /api/docs served from this server under the strict CSP. */

for (const engine of ENGINES.slice(0, 1)) {
  describe(`OpenAPI and security headers (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    test('a facility’s region is documented as one of the ISO 3166-2:KZ codes (legacy alpha codes accepted)', async () => {
      const doc = (await h.app.inject({ url: '/api/openapi.json' })).json() as {
        paths: Record<
          string,
          Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
        >;
      };
      const body = doc.paths['/api/v1/facilities']?.post?.requestBody?.content['application/json']
        ?.schema as {
        properties: { region: { enum: string[]; description: string } };
      };
      const { region } = body.properties;
      expect(region.enum).toEqual(expect.arrayContaining(['KZ-10', 'KZ-33', 'KZ-62', 'KZ-75', 'KZ-ALA']));
      expect(region.enum).toHaveLength(37);
      expect(region.description).toContain('ISO 3166-2:KZ');
    });

    test('the document is OpenAPI 3.1 and lists every endpoint of DESIGN.md this server has', async () => {
      const response = await h.app.inject({ url: '/api/openapi.json' });
      expect(response.statusCode).toBe(200);
      const doc = response.json() as {
        openapi: string;
        paths: Record<string, Record<string, { requestBody?: unknown }>>;
      };
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths).sort()).toEqual(
        [
          '/healthz',
          '/readyz',
          '/api/v1/integrity',
          '/api/v1/integrity/check',
          '/api/v1/facilities',
          '/api/v1/facilities/{id}',
          '/api/v1/people',
          '/api/v1/people/{id}',
          '/api/v1/people/lookup',
          '/api/v1/people/search',
          '/api/v1/people/{id}/corrections',
          '/api/v1/people-reached',
          '/api/v1/audit',
          '/api/v1/custody',
          '/api/v1/custody/{id}',
          '/api/v1/custody/{id}/events',
          '/api/v1/custody/{id}/interviews',
          '/api/v1/custody/{id}/corrections',
          '/api/v1/custody-findings',
          '/api/v1/custody-referrals',
          '/api/v1/log/checkpoint',
          '/api/v1/log/proof/inclusion',
          '/api/v1/medical/episodes/{context}/{id}/examinations',
          '/api/v1/medical/key',
          '/api/v1/medical/key/lock',
          '/api/v1/medical/key/passphrase',
          '/api/v1/medical/key/unlock',
          '/api/v1/medical/people/{personId}',
          '/api/v1/medical/people/{personId}/examinations',
          '/api/v1/medical/people/{personId}/photos',
          '/api/v1/medical/people/{personId}/photos/{sha256}',
          '/api/v1/medical/people/{personId}/reports',
          '/api/v1/medical/people/{personId}/reports/{reportId}/amendments',
          '/api/v1/medical/people/{personId}/reports/{reportId}/disclosures',
          '/api/v1/medical/people/{personId}/reports/{reportId}/signed',
          '/api/v1/medical/referrals/{reference}',
          '/api/v1/log/proof/consistency',
          '/api/v1/log/entries',
          '/api/v1/sealing/key',
          '/api/v1/sealing/procurator-key',
          '/api/v1/sealing/unlock',
          '/api/v1/sealing/lock',
          '/api/v1/sealing/session',
          '/api/v1/complaints',
          '/api/v1/complaints/received',
          '/api/v1/complaints/{reference}',
          '/api/v1/complaints/{reference}/status',
          '/api/v1/complaints/{reference}/answers',
          '/api/v1/complaints/{reference}/answer',
          '/api/v1/complaints/{reference}/close',
          '/api/v1/complaints/{reference}/route',
          '/api/v1/complaints/{reference}/media',
          '/api/v1/complaints/{reference}/media/{sha256}',
          '/api/v1/allegations',
          '/api/v1/allegations/{reference}/decisions',
          '/api/v1/allegations/{reference}/outcomes',
          '/api/v1/judge/allegations',
          '/api/v1/judge/allegations/{reference}',
          '/api/v1/judge/allegations/{reference}/order',
          '/api/v1/officials',
          '/api/v1/officials/{officialId}',
          '/api/v1/officials/{officialId}/changes',
          '/api/v1/cases',
          '/api/v1/cases/statistics',
          '/api/v1/cases/{caseId}',
          '/api/v1/cases/{caseId}/allegations',
          '/api/v1/cases/{caseId}/suspects',
          '/api/v1/cases/{caseId}/update',
          '/api/v1/cases/{caseId}/victims',
          '/api/v1/cases/{caseId}/documents',
          '/api/v1/cases/{caseId}/redress',
          '/api/v1/cases/{caseId}/rehabilitation',
          '/api/v1/cases/{caseId}/evidence-exclusions',
          '/api/v1/cases/{caseId}/nullities',
          '/api/v1/cases/{caseId}/discontinuations',
          '/api/v1/cases/{caseId}/resumptions',
          '/api/v1/cases/{caseId}/court-referrals',
          '/api/v1/cases/{caseId}/redress/{redressId}/payments',
          '/api/v1/cases/{caseId}/defendants/{officialId}/suspension',
          '/api/v1/cases/{caseId}/defendants/{officialId}/charges',
          '/api/v1/cases/{caseId}/defendants/{officialId}/verdicts',
          '/api/v1/cases/{caseId}/defendants/{officialId}/appeals',
          '/api/v1/cases/{caseId}/defendants/{officialId}/appeal-decisions',
          '/api/v1/protection-requests',
          '/api/v1/protection-requests/{id}/decision',
          '/api/v1/prison/admissions',
          '/api/v1/prison/stays',
          '/api/v1/prison/stays/{id}',
          '/api/v1/prison/stays/{id}/events',
          '/api/v1/prison/stays/{id}/discipline-check',
          '/api/v1/prison-findings',
          '/api/v1/prison-referrals',
          '/api/v1/reprisal-flags',
          '/api/v1/footage',
          '/api/v1/footage/{id}',
          '/api/v1/footage/{id}/deletion',
          '/api/v1/evidence-holds',
          '/api/v1/evidence-holds/{id}/release',
          '/api/v1/users',
          '/api/v1/users/{id}',
          '/api/v1/users/{id}/disable',
          '/api/v1/users/{id}/enable',
          '/api/v1/users/{id}/password',
          '/api/v1/tokens',
          '/api/v1/tokens/{id}/revoke',
        ].sort(),
      );
      expect(doc.paths['/api/v1/people']?.post?.requestBody).toBeDefined();
      expect(JSON.stringify(doc.paths['/api/v1/facilities'])).toContain('police-custody');
      // The custody event body documents every safeguard type of DESIGN.md.
      const events = JSON.stringify(doc.paths['/api/v1/custody/{id}/events']?.post?.requestBody);
      for (const type of ['rights-explained', 'family-notified', 'court-decision', 'transferred'])
        expect(events).toContain(type);
    });

    test('the docs page and its assets come from this server, with no inline script', async () => {
      const page = await h.app.inject({ url: '/api/docs/' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
      expect(sources.length).toBeGreaterThan(3);
      for (const source of sources) {
        expect(source, source).not.toMatch(/^(https?:)?\/\//);
        const asset = await h.app.inject({ url: new URL(source, 'http://habeas.test/api/docs/').pathname });
        expect(asset.statusCode, source).toBe(200);
      }
      expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(page.body).not.toMatch(/\sstyle="/);
    });

    test('a strict CSP and the other security headers on every answer', async () => {
      for (const url of ['/api/docs/', '/api/v1/log/checkpoint', '/nothing']) {
        const response = await h.app.inject({ url });
        const csp = String(response.headers['content-security-policy']);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("style-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['referrer-policy']).toBe('no-referrer');
      }
    });
  });
}
