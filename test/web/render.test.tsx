import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Principal, Role } from '../../src/access/principal.js';
import type { PageContext } from '../../src/web/context.js';
import { translator, type Lang } from '../../src/web/i18n.js';
import { navigationFor } from '../../src/web/navigation.js';
import { FacilitiesPage, FacilityPage } from '../../src/web/pages/facilities.js';
import { FacilityFormPage } from '../../src/web/pages/facility-form.js';
import { HomePage } from '../../src/web/pages/home.js';
import { LoginPage } from '../../src/web/pages/login.js';
import { PersonPage } from '../../src/web/pages/person.js';
import { PersonFormPage } from '../../src/web/pages/person-form.js';
import { localPath, paths, withLang } from '../../src/web/paths.js';

const XSS = '<script>alert(1)</script>';
/** @kitajs/html escapes `<` and `&` in text (enough: no tag can start) and `"` and `&` in attributes. */
const ESCAPED_TEXT = '&lt;script>alert(1)&lt;/script>';

/**
 * The markup of a page with every attribute value emptied. Attribute values are double-quoted
 * and a `"` inside one is escaped, so what is left is exactly what a browser parses as tags.
 */
const tagsOf = (html: string): string => html.replace(/="[^"]*"/g, '=""');

function official(role: Role, name = 'Aigerim Sadykova'): Principal {
  return { id: 'acc1', kind: 'user', username: 'officer', name, role, facilities: ['f1'], regions: [] };
}

function context(principal: Principal | null, lang: Lang = 'en', facilityNames: string[] = []): PageContext {
  return {
    tr: translator(lang),
    principal,
    facilityNames,
    csrfToken: principal ? 'csrf-token' : null,
    path: '/',
    navigation: navigationFor(principal),
    treeSize: 7,
  };
}

const render = async (page: JSX.Element): Promise<string> => '<!doctype html>' + (await page);

const facility = {
  id: 'fac1',
  name: XSS,
  kind: 'police-custody',
  population: 'men',
  region: XSS,
  registeredAt: '2025-11-27T10:00:00.000Z',
};

describe('escaping: every value from the register or the request is text, never markup', () => {
  test('a facility named <script>alert(1)</script> is escaped in the list, on its page and in the header', async () => {
    const ctx = context(official('admin', XSS), 'en', [XSS]);
    for (const html of [
      await render(
        <FacilitiesPage
          ctx={ctx}
          facilities={[facility]}
          filters={{ region: XSS, kind: XSS, registeredFrom: '', registeredTo: '' }}
          list={{
            total: 1,
            nextPage: `/facilities?cursor=${XSS}`,
            csv: `/facilities?format=csv&kind=${XSS}`,
            print: `/facilities?print=1&kind=${XSS}`,
            printing: false,
            truncated: false,
          }}
          canRegister={true}
        />,
      ),
      await render(<FacilityPage ctx={ctx} facility={facility} registered={true} />),
    ]) {
      expect(tagsOf(html)).not.toContain('<script>alert');
      expect(html).toContain(ESCAPED_TEXT);
    }
  });

  test('a person named <script>alert(1)</script> is escaped on the confirmation page, in their corrections and history', async () => {
    const html = await render(
      <PersonPage
        ctx={context(official('custody-officer'))}
        registered={true}
        corrected={false}
        person={{
          id: 'p1',
          familyName: XSS,
          givenNames: '"><img src=x onerror=alert(1)>',
          patronymic: null,
          birthDate: '1990-03-27',
          sex: 'male',
          citizenship: XSS,
          languages: [XSS],
          registeredAt: '2025-11-27T10:00:00.000Z',
          facilities: [{ facilityId: XSS, relation: 'registered' }],
          identityDocuments: [{ kind: 'other', number: XSS, issuedBy: XSS }],
          corrections: [
            {
              seq: 7,
              correctedAt: '2025-11-28T10:00:00.000Z',
              actor: XSS,
              actorName: XSS,
              reason: XSS,
              changes: [
                { field: 'familyName', from: XSS, to: XSS, correctsSeq: 3 },
                { field: 'languages', from: [], to: [XSS], correctsSeq: 3 },
              ],
            },
          ],
          history: {
            custody: [
              {
                id: 'c1',
                facilityId: 'f1',
                facilityName: XSS,
                apprehendedAt: '2025-11-27T10:00:00.000Z',
                endedAt: null,
                status: XSS,
              },
            ],
            stays: [],
          },
        }}
      />,
    );
    expect(tagsOf(html)).not.toContain('<script>alert');
    expect(tagsOf(html)).not.toContain('<img');
    expect(html).toContain(ESCAPED_TEXT);
    expect(html).toContain('&#34;>&lt;img src=x onerror=alert(1)>');
  });

  test('values typed into a form come back escaped in their value attributes', async () => {
    const html = await render(
      <FacilityFormPage
        ctx={context(official('admin'))}
        values={{ name: `"${XSS}`, region: XSS, kind: 'prison', population: 'women' }}
        errors={[{ field: 'name', message: 'facility.name.invalid' }]}
      />,
    );
    // The quote cannot end the attribute early, so the rest stays an attribute value.
    expect(html).toContain(`value="&#34;${XSS}"`);
    expect(tagsOf(html)).not.toContain('<script>alert');
    const login = await render(
      <LoginPage
        ctx={context(null)}
        loginToken="t"
        next={`/"${XSS}`}
        username={XSS}
        errors={[{ field: 'username', message: 'login.failed' }]}
        signedOut={false}
      />,
    );
    expect(login).toContain(`name="next" value="/&#34;${XSS}"`);
    expect(tagsOf(login)).not.toContain('<script>alert');
  });
});

describe('page shell', () => {
  test('<html lang> is the reader’s language and the texts are in it', async () => {
    const expected: Record<Lang, string> = { kk: 'Кіру', ru: 'Вход', en: 'Sign in' };
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const html = await render(
        <LoginPage
          ctx={context(null, lang)}
          loginToken="t"
          next="/"
          username=""
          errors={[]}
          signedOut={false}
        />,
      );
      expect(html.startsWith('<!doctype html><html lang="' + lang + '">')).toBe(true);
      expect(html).toContain(`<h1 class="heading-xl">${expected[lang]}</h1>`);
    }
  });

  test('the shell has a skip link to main, the language switch, the footer with the tree size and no outside asset', async () => {
    const html = await render(<HomePage ctx={context(null)} />);
    expect(html).toContain('<a class="skip-link" href="#main">');
    expect(html).toContain('id="main"');
    for (const lang of ['kk', 'ru', 'en']) expect(html).toContain(`href="/?lang=${lang}"`);
    expect(html).toContain('Entries in the log: 7.');
    expect(html).toContain(`href="${paths.log}"`);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  test('the signed-in official is named with role and facilities; the public sees no official block', async () => {
    const html = await render(<HomePage ctx={context(official('custody-officer'), 'ru', ['ИВС Алматы'])} />);
    expect(html).toContain('Aigerim Sadykova');
    expect(html).toContain('Сотрудник ИВС');
    expect(html).toContain('ИВС Алматы');
    expect(html).toContain('name="_csrf" value="csrf-token"');
    expect(await render(<HomePage ctx={context(null)} />)).not.toContain('class="official"');
  });

  test('error summary: a link to each field at the top, the message beside the field, "Error:" in the title', async () => {
    const html = await render(
      <PersonFormPage
        ctx={context(official('custody-officer'))}
        values={{}}
        languages={[]}
        facilities={[{ id: 'f1', name: 'IVS' }]}
        errors={[
          { field: 'familyName', message: 'person.familyName.required' },
          { field: 'birthDate', message: 'person.birthDate.invalid' },
        ]}
      />,
    );
    expect(html).toContain('<title>Error: Register a person deprived of liberty — Habeas</title>');
    expect(html).toContain('<a href="#familyName">Enter the family name</a>');
    expect(html).toContain('<a href="#birthDate">');
    expect(html).toContain('id="familyName-error"');
    expect(html).toContain('aria-describedby="familyName-error"');
    expect(html).toContain('id="birthDate"');
    expect(html).toMatch(/<input[^>]*id="familyName"[^>]*aria-invalid="true"/);
  });
});

describe('role-aware navigation (src/access/policy.ts decides)', () => {
  const hrefs = (principal: Principal | null) => navigationFor(principal).map((link) => link.href);

  test('the public sees only the public log and the sign-in page', () => {
    expect(hrefs(null)).toEqual([paths.log, paths.login]);
  });

  test('a custody officer may register people, not facilities', () => {
    expect(hrefs(official('custody-officer'))).toContain(paths.newPerson);
    expect(hrefs(official('custody-officer'))).not.toContain(paths.newFacility);
    expect(hrefs(official('custody-officer'))).not.toContain(paths.login);
  });

  test('an administrator may register facilities, not people, nor search for them; a monitor searches, lists facilities, reads custody, places evidence holds, sees case statistics and who read a record', () => {
    expect(hrefs(official('admin'))).toEqual([
      paths.home,
      paths.integrity,
      paths.facilities,
      paths.newFacility,
      paths.kioskEnrol,
      paths.accounts,
      paths.log,
    ]);
    expect(hrefs(official('monitor'))).toEqual([
      paths.home,
      paths.peopleSearch,
      paths.custody,
      paths.custodyFindings,
      // Issue 20: counts over the case files, never a case itself.
      paths.caseStatistics,
      paths.footage,
      paths.evidenceHolds,
      paths.prison,
      paths.prisonSeparation,
      paths.prisonFindings,
      paths.reprisalFlags,
      paths.peopleReached,
      paths.audit,
      paths.integrity,
      paths.facilities,
      paths.log,
    ]);
  });
});

describe('localPath: `next` after sign-in stays on this site', () => {
  test('keeps local paths with their query', () => {
    expect(localPath('/facilities?registered=1')).toBe('/facilities?registered=1');
    expect(localPath('/people/new')).toBe('/people/new');
  });

  test('refuses other hosts, schemes and tricks', () => {
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/\t/evil.example',
      '',
      'facilities',
      42,
      undefined,
    ]) {
      expect(localPath(bad)).toBe('/');
    }
  });

  test('property: whatever comes in, the result is a path on this origin', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (input) => {
        const result = localPath(input);
        expect(result.startsWith('/')).toBe(true);
        expect(result.startsWith('//')).toBe(false);
        expect(new URL(result, 'http://habeas.test').origin).toBe('http://habeas.test');
      }),
    );
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        expect(localPath(url)).toBe('/');
      }),
    );
  });

  test('withLang keeps the page and its query, and sets lang', () => {
    expect(withLang('/facilities?registered=1&lang=en', 'kk')).toBe('/facilities?registered=1&lang=kk');
    expect(withLang('//evil.example', 'ru')).toBe('/?lang=ru');
  });
});
