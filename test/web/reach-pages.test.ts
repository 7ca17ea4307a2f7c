import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditStream } from '../../src/access/read-audit.js';
import { createFacility } from '../../src/app/registry.js';
import { startHarness, type Harness } from '../http/harness.js';
import { form } from './jar.js';

/*
 * Issue 17 item 5 on the pages, through the real app (auth hook, CSRF, policy, the services) on a
 * real SQLite store: identity documents on the person form; the look-up by document and the
 * document held on the arrest and admission forms, with the number never in an address; the
 * refusals that say what to do and nothing about anyone else; the monitor's list of people
 * reached from elsewhere, in three languages.
 */

const HOUR = 3_600_000;
const START = Date.parse('2026-06-01T04:00:00.000Z'); // 09:00 in Kazakhstan
/** Valid IINs: a man born 17 April 1988; a woman born 2 November 1995. */
const IIN = '880417300128';
const IIN_WOMAN = '951102400113';
/** Another valid IIN, for the person form's own test. */
const IIN_OTHER = '841205300557';

type Session = { cookie: string; csrfToken: string };
let h: Harness;
const now = START;
/** The Astana custody unit's officer (the harness's unit), another unit's in Almaty, and a remand centre's. */
let astanaOfficer: Session;
let almatyOfficer: Session;
let remandOfficer: Session;
let monitor: Session;
let almatyUnit: string;
let remand: string;

const local = (ms: number) => new Date(ms + 5 * HOUR).toISOString().slice(0, 16);
const errorSummary = (html: string): string =>
  /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
/** The value the form sends for `name`: a hidden input once the person is chosen (issue 18 item 10). */
const hiddenValue = (html: string, name: string): string | undefined =>
  new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1];

function post(session: Session, url: string, fields: Record<string, string | string[]>) {
  return h.app.inject({
    method: 'POST',
    url,
    ...form({ _csrf: session.csrfToken, ...fields }),
    headers: { ...form({}).headers, cookie: session.cookie },
  });
}

const get = (session: Session, url: string) =>
  h.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

const ARREST = {
  'apprehendedAt-offset': '+05:00',
  place: 'г. Алматы, пр. Абая, 150',
  grounds: 'подозрение в краже (ст. 188 УК РК)',
  arrestingOfficer: 'лейтенант полиции А. Нуров',
};

/** Registers a person at Astana through the person form, with the documents of its rows. */
async function registeredAtAstana(familyName: string, documents: Record<string, string>, sex = 'male') {
  const response = await post(astanaOfficer, '/people/new?lang=en', {
    familyName,
    givenNames: 'Ерлан',
    'birthDate-day': sex === 'male' ? '17' : '2',
    'birthDate-month': sex === 'male' ? '4' : '11',
    'birthDate-year': sex === 'male' ? '1988' : '1995',
    sex,
    ...documents,
  });
  expect(response.statusCode, errorSummary(response.body)).toBe(303);
  return /\/people\/([A-Za-z0-9_-]+)\?registered=1/.exec(String(response.headers.location))?.[1] ?? '';
}

beforeAll(async () => {
  h = await startHarness('sqlite', { clock: () => new Date(now) });
  almatyUnit = (
    await createFacility(
      h.store,
      { name: 'ИВС ДП г. Алматы', kind: 'police-custody', population: 'mixed', region: 'KZ-ALA' },
      'test',
    )
  ).id;
  remand = (
    await createFacility(
      h.store,
      { name: 'СИЗО г. Алматы', kind: 'remand-centre', population: 'mixed', region: 'KZ-ALA' },
      'test',
    )
  ).id;
  astanaOfficer = await h.session('custody-officer');
  almatyOfficer = await h.session('custody-officer', { facilities: [almatyUnit] });
  remandOfficer = await h.session('prison-officer', { facilities: [remand] });
  monitor = await h.session('monitor');
});
afterAll(async () => h?.close());

describe('the person form (issue 17)', () => {
  test('identity documents are registered with the person, normalised, and shown on their record', async () => {
    const personId = await registeredAtAstana('Документов', {
      document1Kind: 'iin',
      document1Number: '841 205 300 557',
      document2Kind: 'passport',
      document2Number: 'n 1234-5678',
      document2IssuedBy: 'МВД РК',
    });
    const page = await get(astanaOfficer, `/people/${personId}?lang=en`);
    expect(page.body).toContain(`IIN (individual identification number) ${IIN_OTHER}`);
    expect(page.body).toContain('Passport N12345678 МВД РК');
  });

  test('an IIN with a wrong check digit and a row without its kind are named beside their inputs', async () => {
    const response = await post(astanaOfficer, '/people/new?lang=en', {
      familyName: 'Ошибкин',
      givenNames: 'Ерлан',
      'birthDate-day': '17',
      'birthDate-month': '4',
      'birthDate-year': '1988',
      sex: 'male',
      document1Kind: 'iin',
      document1Number: '880417300129',
      document2Number: 'N1',
    });
    expect(response.statusCode).toBe(422);
    const summary = errorSummary(response.body);
    expect(summary).toContain('href="#document1Number"');
    expect(summary).toContain('an IIN has 12 digits, the last one its check digit');
    expect(summary).toContain('<a href="#document2Kind">Choose the kind of the document</a>');
    // In Russian and Kazakh too.
    const kk = await get(astanaOfficer, '/people/new?lang=kk');
    expect(kk.body).toContain('Жеке басты куәландыратын құжаттар');
  });
});

describe('the arrest form (issue 17)', () => {
  test('a person registered elsewhere is found by document, chosen, and arrested on it; the number never sits in an address', async () => {
    const personId = await registeredAtAstana('Искомов', { document1Kind: 'iin', document1Number: IIN });
    const form = await get(almatyOfficer, '/custody/new?lang=en');
    expect(form.body).toContain('method="post" action="/custody/new/lookup"');
    expect(form.body).toContain('Identity document the person carries');

    const before = (await h.store.readStream(auditStream('person-lookup'))).length;
    const lookup = await post(almatyOfficer, '/custody/new/lookup?lang=en', {
      lookupDocumentKind: 'iin',
      lookupDocumentNumber: IIN,
    });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.body).toContain('People found: 1');
    expect(lookup.body).toContain('Искомов Ерлан');
    // Only who it is: no facility, no episode.
    expect(lookup.body).not.toContain('ИВС г. Астаны');
    expect((await h.store.readStream(auditStream('person-lookup'))).length).toBe(before + 1);
    // The only match is chosen, with the document that reaches them.
    expect(hiddenValue(lookup.body, 'personId')).toBe(personId);
    expect(hiddenValue(lookup.body, 'documentNumber')).toBe(IIN);
    expect(lookup.body).toContain('Person: <span>Искомов Ерлан</span>');
    expect(lookup.body).toMatch(/<option value="iin" selected[^>]*>/);

    const arrest = await post(almatyOfficer, '/custody/new?lang=en', {
      personMode: 'existing',
      personId,
      documentKind: 'iin',
      documentNumber: IIN,
      apprehendedAt: local(now - HOUR),
      ...ARREST,
    });
    expect(arrest.statusCode, errorSummary(arrest.body)).toBe(303);
    const location = String(arrest.headers.location);
    expect(location).not.toContain(IIN);
    const episode = await get(almatyOfficer, location.replace('?', '?lang=en&'));
    expect(episode.body).toContain('Identified by an identity document');
  });

  test('without the document, or with a wrong one, the form says what to do; an unknown id gets the same words', async () => {
    const personId = await registeredAtAstana('Недоступов', {
      document1Kind: 'passport',
      document1Number: 'N7654321',
    });
    const attempt = (fields: Record<string, string>) =>
      post(almatyOfficer, '/custody/new?lang=en', {
        personMode: 'existing',
        apprehendedAt: local(now - HOUR),
        ...ARREST,
        ...fields,
      });
    const without = await attempt({ personId });
    expect(without.statusCode).toBe(422);
    expect(errorSummary(without.body)).toContain(
      '<a href="#documentNumber">This person is not registered at or held by your facility.',
    );
    expect(without.body).not.toContain('ИВС г. Астаны');
    const nobody = await attempt({ personId: 'nobodyatall' });
    expect(errorSummary(nobody.body)).toBe(errorSummary(without.body));
    const wrong = await attempt({ personId, documentKind: 'passport', documentNumber: 'N0000000' });
    expect(errorSummary(wrong.body)).toContain(
      'This document does not identify this person in the register.',
    );
  });
});

describe('the arrest form’s new person (issue 17)', () => {
  test('a new person is registered with their documents first; a wrong IIN is named beside its input', async () => {
    const fields = {
      personMode: 'new',
      familyName: 'Новиков',
      givenNames: 'Павел',
      'birthDate-day': '5',
      'birthDate-month': '12',
      'birthDate-year': '1984',
      sex: 'male',
      document1Kind: 'iin',
      apprehendedAt: local(now - HOUR),
      ...ARREST,
    };
    const wrong = await post(almatyOfficer, '/custody/new?lang=en', {
      ...fields,
      document1Number: '841205300558',
    });
    expect(wrong.statusCode).toBe(422);
    expect(errorSummary(wrong.body)).toContain('href="#document1Number"');
    const arrested = await post(almatyOfficer, '/custody/new?lang=en', {
      ...fields,
      document1Number: '841205300557',
    });
    expect(arrested.statusCode, errorSummary(arrested.body)).toBe(303);
    const episode = await get(almatyOfficer, String(arrested.headers.location).replace('?', '?lang=en&'));
    expect(episode.body).toContain('Registered at or held by this facility');
  });
});

describe('the admission form (issue 17)', () => {
  test('a person registered elsewhere is found by document and admitted on it; one held already is refused without saying where', async () => {
    const personId = await registeredAtAstana(
      'Жумабекова',
      { document1Kind: 'iin', document1Number: IIN_WOMAN },
      'female',
    );
    const lookup = await post(remandOfficer, '/prison/admissions/lookup?lang=en', {
      lookupDocumentKind: 'iin',
      lookupDocumentNumber: IIN_WOMAN,
    });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.body).toContain('Жумабекова Ерлан');
    expect(hiddenValue(lookup.body, 'personId')).toBe(personId);
    expect(hiddenValue(lookup.body, 'documentNumber')).toBe(IIN_WOMAN);
    const admit = (session: Session, fields: Record<string, string> = {}) =>
      post(session, '/prison/admissions/new?lang=en', {
        personId,
        admittedAt: local(now - HOUR),
        'admittedAt-offset': '+05:00',
        orderReference: '2-88/2026',
        ...fields,
      });
    const refused = await admit(remandOfficer);
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain(
      'This person is not registered at or held by your facility.',
    );
    const admitted = await admit(remandOfficer, { documentKind: 'iin', documentNumber: IIN_WOMAN });
    expect(admitted.statusCode, errorSummary(admitted.body)).toBe(303);
    const stay = await get(remandOfficer, String(admitted.headers.location).replace('?', '?lang=en&'));
    expect(stay.body).toContain('Identified by an identity document');
    const again = await admit(remandOfficer, { documentKind: 'iin', documentNumber: IIN_WOMAN });
    expect(again.statusCode).toBe(422);
    expect(errorSummary(again.body)).toContain('This person is already held');
    expect(again.body).not.toMatch(/\/prison\/stays\//);
  });

  test('an episode the custody unit has not handed over: the form says to ask it to record the transfer', async () => {
    const personId = await registeredAtAstana('Передачин', { document1Kind: 'iin', document1Number: IIN });
    const arrest = await h.app.inject({
      method: 'POST',
      url: '/api/v1/custody',
      headers: h.bearer('custody-officer'),
      payload: {
        personId,
        facilityId: h.facilities.astana,
        apprehendedAt: new Date(now - 3 * HOUR).toISOString(),
        place: 'г. Астана',
        grounds: 'ст. 188 УК РК',
        arrestingOfficer: 'капитан Серикбаев',
      },
    });
    const custodyId = (arrest.json() as { id: string }).id;
    const response = await post(remandOfficer, '/prison/admissions/new?lang=en', {
      personId,
      admittedAt: local(now - HOUR),
      'admittedAt-offset': '+05:00',
      orderReference: '2-89/2026',
      custodyId,
      documentKind: 'iin',
      documentNumber: IIN,
    });
    expect(response.statusCode).toBe(422);
    expect(errorSummary(response.body)).toContain(
      '<a href="#custodyId">The police custody unit has not recorded this person’s transfer to your facility.',
    );
  });
});

describe('the monitor’s list (issue 17)', () => {
  test('arrests and admissions of people registered elsewhere, by document, in kk, ru and en; the list is read-audited and closed to facility staff', async () => {
    const before = (await h.store.readStream(auditStream('person-reach'))).length;
    const en = await get(monitor, '/people-reached?lang=en');
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('Arrests and admissions of people registered elsewhere');
    expect(en.body).toContain('Искомов Ерлан');
    expect(en.body).toContain('ИВС ДП г. Алматы');
    expect(en.body).toContain('Identified by an identity document');
    expect(en.body).toContain('IIN (individual identification number)');
    expect(en.body).toMatch(/href="\/custody\/[A-Za-z0-9_-]+">Arrest<\/a>/);
    expect(en.body).toMatch(/href="\/prison\/stays\/[A-Za-z0-9_-]+">Admission<\/a>/);
    expect((await h.store.readStream(auditStream('person-reach'))).length).toBe(before + 1);
    expect((await get(monitor, '/people-reached?lang=ru')).body).toContain(
      'Задержания и приёмы лиц, зарегистрированных в других учреждениях',
    );
    expect((await get(monitor, '/people-reached?lang=kk')).body).toContain(
      'Басқа мекемелерде тіркелген адамдарды ұстау және қабылдау',
    );
    expect((await get(monitor, '/?lang=en')).body).toContain('href="/people-reached"');
    for (const session of [astanaOfficer, remandOfficer])
      expect((await get(session, '/people-reached?lang=en')).statusCode).toBe(403);
  });
});
