import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditStream } from '../../src/access/read-audit.js';
import { medicalStream } from '../../src/domain/medical/events.js';
import { verifyReport } from '../../src/medical/signing.js';
import { ENGINES } from '../support/engines.js';
import { csvLines } from './register-list-pages.js';
import {
  api,
  getPage,
  PASSPHRASE,
  PASSPHRASE_2,
  postForm,
  reportInput,
  startMedicalWorld,
  type MedicalWorld,
  type Session,
} from './medical-fixtures.js';

/*
 * The medical pages (issue 19 item 7) through the real server on both engines: the clinician's own
 * signing key, the worklist of what the clocks ask, the examination form, a person's medical record
 * with every version and second opinion, the signed report with its export, printed copy and
 * disclosures, and what the other roles see instead — the fact of an examination on the custody and
 * prison pages, and the procurator's view of a medical referral. Clinical content is the medical
 * role's alone (kz.medical.system); the procurator reads a report only once it was disclosed
 * (intl.medical.disclosure); every read is recorded with its purpose.
 */

const START = Date.parse('2026-03-10T06:00:00.000Z');
const FORBIDDEN_KK = 'Бұл бетке кіруге рұқсатыңыз жоқ';
/** What the doctor wrote: clinical content no other role may see. */
const NOTE = 'Кровоподтёк на спине слева.';
const ACCOUNT = 'Меня били дубинкой по спине в кабинете оперативников.';

/** Latin words a Kazakh or Russian page shows, besides names, codes and what is not language. */
function englishOn(html: string): string[] {
  const shown = html
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<code\b[^>]*>[\s\S]*?<\/code>/g, ' ')
    .replace(/<pre\b[\s\S]*?<\/pre>/g, ' ')
    .replace(/<nav class="lang"[\s\S]*?<\/nav>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/g, ' ')
    // Usernames of the test's accounts, references, UTC offsets, Ed25519 and JSON are not English.
    .replace(/\buser\d+\b/g, ' ')
    .replace(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g, ' ')
    .replace(/\bUTC[+−-]/g, ' ')
    .replace(/\b(?:Habeas|Ed25519|JSON|SHA-256|API|RFC|CSV)\b/g, ' ');
  const instants = [...shown.matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g)].map((match) => match[0]);
  const words = [...shown.matchAll(/[A-Za-z]{2,}/g)].map((match) => match[0]);
  return [...new Set([...words, ...instants])];
}

for (const engine of ENGINES) {
  describe(`medical pages (${engine})`, () => {
    let w: MedicalWorld;
    let now = START;
    let examinationId = '';
    let reportId = '';
    let secondId = '';
    let reference = '';
    let keyOf: { keyId: string; publicKey: string };
    const get = (session: Session | null, url: string) => getPage(w, session, url);
    const post = (session: Session, url: string, fields: Record<string, string | string[]>) =>
      postForm(w, session, url, fields);
    const record = () => `/medical/people/${w.arrested.personId}`;
    const report = (id = reportId) => `${record()}/reports/${id}`;

    beforeAll(async () => {
      w = await startMedicalWorld(engine, () => new Date(now));
      now += 30 * 60_000;
    }, 120_000);
    afterAll(async () => w?.h.close());

    test('kz.medical.system: the medical pages are the medical role’s — every other role gets the forbidden page in its language, the public the sign-in page', async () => {
      for (const session of [w.custodyOfficer, w.prisonOfficer, w.procurator, w.monitor, w.admin]) {
        for (const url of [
          '/medical?lang=kk',
          `${record()}?lang=kk`,
          `${record()}/examinations/new?lang=kk`,
          '/medical/key?lang=kk',
        ]) {
          const page = await get(session, url);
          expect(page.statusCode, url).toBe(403);
          expect(page.body).toContain(FORBIDDEN_KK);
        }
        const posted = await post(session, `${record()}/examinations`, { place: 'кабинет' });
        expect(posted.statusCode).toBe(403);
      }
      const anonymous = await get(null, '/medical');
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toBe('/login?next=%2Fmedical');
    });

    test('the signing key: a clinician without one is sent to create it; the passphrase twice, never shown again; its key id and public key once created; locked, unlocked, its passphrase changed', async () => {
      const home = await get(w.newDoctor, '/?lang=en');
      expect(home.body).toContain('You have no signing key yet');
      expect(home.body).toContain('href="/medical/key"');
      expect((await get(w.newDoctor, '/medical?lang=en')).body).toContain('You have no signing key yet');

      const form = (await get(w.newDoctor, '/medical/key?lang=en')).body;
      expect(form).toContain('No administrator, operator or colleague can use your key');
      expect(form).toContain('Its public key is registered in the public log');
      const mismatch = await post(w.newDoctor, '/medical/key?lang=en', {
        passphrase: 'белый парус над синим морем',
        passphraseRepeat: 'белый парус над синим морем!',
      });
      expect(mismatch.statusCode).toBe(422);
      expect(mismatch.body).toContain('The two passphrases differ');
      expect(mismatch.body).not.toContain('белый парус');
      expect(mismatch.body).toContain('Create my signing key');
      const weak = await post(w.newDoctor, '/medical/key?lang=ru', {
        passphrase: 'qwerty',
        passphraseRepeat: 'qwerty',
      });
      expect(weak.statusCode).toBe(422);
      expect(weak.body).toContain('Фраза должна содержать не менее 12 символов');

      const created = await post(w.newDoctor, '/medical/key', {
        passphrase: 'белый парус над синим морем',
        passphraseRepeat: 'белый парус над синим морем',
      });
      expect(created.statusCode).toBe(303);
      expect(created.headers.location).toBe('/medical/key?done=created');
      const shown = (await get(w.newDoctor, '/medical/key?done=created&lang=en')).body;
      expect(shown).toContain('Your signing key was created and its public key registered in the log');
      const keyId = /<code>([0-9a-f]{16})<\/code>/.exec(shown)?.[1] ?? '';
      const row = await w.h.store.db
        .selectFrom('clinician_keys')
        .selectAll()
        .where('key_id', '=', keyId)
        .executeTakeFirstOrThrow();
      expect(shown).toContain(row.public_key);
      expect(shown).toContain('Unlocked: reports you finish are signed');
      expect((await get(w.newDoctor, '/?lang=en')).body).not.toContain('You have no signing key yet');

      expect((await post(w.newDoctor, '/medical/key/lock', {})).headers.location).toBe(
        '/medical/key?done=locked',
      );
      expect((await get(w.newDoctor, '/medical?lang=en')).body).toContain('Your signing key is locked');
      const wrong = await post(w.newDoctor, '/medical/key/unlock?lang=en', {
        unlockPassphrase: 'не та фраза совсем',
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.body).toContain('That passphrase does not unlock your key');
      const unlocked = await post(w.newDoctor, '/medical/key/unlock', {
        unlockPassphrase: 'белый парус над синим морем',
        next: '/medical',
      });
      expect(unlocked.statusCode).toBe(303);
      expect(unlocked.headers.location).toBe('/medical');

      const badCurrent = await post(w.newDoctor, '/medical/key/passphrase?lang=en', {
        currentPassphrase: 'не та фраза совсем',
        newPassphrase: 'зелёная лодка у старой пристани',
        newPassphraseRepeat: 'зелёная лодка у старой пристани',
      });
      expect(badCurrent.statusCode).toBe(403);
      expect(badCurrent.body).toContain('That passphrase does not unlock your key');
      const changed = await post(w.newDoctor, '/medical/key/passphrase', {
        currentPassphrase: 'белый парус над синим морем',
        newPassphrase: 'зелёная лодка у старой пристани',
        newPassphraseRepeat: 'зелёная лодка у старой пристани',
      });
      expect(changed.headers.location).toBe('/medical/key?done=changed');
      await post(w.newDoctor, '/medical/key/lock', {});
      expect(
        (
          await post(w.newDoctor, '/medical/key/unlock', {
            unlockPassphrase: 'зелёная лодка у старой пристани',
          })
        ).headers.location,
      ).toBe('/medical/key?done=unlocked');
      // One key per clinician: the same key id after all of it, and a second key refused.
      expect((await get(w.newDoctor, '/medical/key?lang=en')).body).toContain(keyId);
      const again = await post(w.newDoctor, '/medical/key?lang=en', {
        passphrase: 'ещё одна длинная фраза для ключа',
        passphraseRepeat: 'ещё одна длинная фраза для ключа',
      });
      expect(again.statusCode).toBe(422);
      expect(again.body).toContain('You already have a signing key');
    });

    test('the worklist: the arrest and the admission the clocks of the doctor’s facilities ask for, each with the form of its episode and kind; another facility’s doctor sees neither; the read is recorded', async () => {
      const reads = (await w.h.store.readStream(auditStream('medical-worklist'))).length;
      const page = (await get(w.doctor, '/medical?lang=en')).body;
      expect(page).toContain('Examination on arrest');
      expect(page).toContain('kz.custody.medical');
      expect(page).toContain(
        `href="/medical/people/${w.arrested.personId}/examinations/new?episode=custody%3A${w.arrested.custodyId}&kind=on-arrest"`,
      );
      expect(page).toContain('Examination on admission or arrival');
      expect(page).toContain(`episode=prison%3A${w.admitted.stayId}&kind=on-admission`);
      expect(page).toContain('No injury report is due.');
      expect((await w.h.store.readStream(auditStream('medical-worklist'))).length).toBe(reads + 1);
      const elsewhere = await w.h.session('medical', { facilities: [w.h.facilities.almatyWomen] });
      const theirs = (await get(elsewhere, '/medical?lang=en')).body;
      expect(theirs).toContain('No examination is due in your facilities.');
      expect(theirs).not.toContain('Жумабаев');

      // The custody unit logs injuries at 10:00: a referral that waits for a doctor (kz.custody.injury-log).
      const logged = await w.h.app.inject({
        method: 'POST',
        url: `/api/v1/custody/${w.arrested.custodyId}/events`,
        headers: w.h.bearer('custody-officer'),
        payload: {
          type: 'injury-recorded',
          at: '2026-03-10T05:00:00.000Z',
          observedBy: 'дежурный Ахметов Б.',
          description: 'Синяк на спине, жалуется на боль.',
        },
      });
      expect(logged.statusCode, logged.body).toBe(201);
      const referred = (await get(w.doctor, '/medical?lang=en')).body;
      expect(referred).toContain('Injuries logged by the custody unit');
      expect(referred).toContain('kz.custody.injury-log');
    });

    test('the examination form: every field of the examination; what is missing, wrong or refused is said at its field with everything typed kept; staff in the room need a reason, an examination before separation a verdict on fitness', async () => {
      const url = `${record()}/examinations/new?lang=en&episode=custody:${w.arrested.custodyId}&kind=on-arrest`;
      const form = (await get(w.doctor, url)).body;
      expect(form).toMatch(/value="on-arrest"\s+checked/);
      expect(form).toMatch(new RegExp(`value="custody:${w.arrested.custodyId}"\\s+checked`));
      for (const field of ['place', 'staffPresenceReason', 'notes', 'present-0-role', 'present-0-name'])
        expect(form).toContain(`name="${field}"`);

      const typed = {
        examination: 'on-arrest',
        episode: `custody:${w.arrested.custodyId}`,
        at: '',
        'at-offset': '+05:00',
        place: '',
        'present-0-role': 'police',
        'present-0-name': 'сержант Касымов Д.',
        notes: NOTE,
      };
      const refused = await post(w.doctor, `${record()}/examinations?lang=en`, typed);
      expect(refused.statusCode).toBe(422);
      for (const message of [
        'Enter when the examination took place',
        'Enter where the examination took place',
        'Police or prison staff were present: say why',
        'Say whether you saw signs of injury',
      ])
        expect(refused.body).toContain(message);
      expect(refused.body).toContain('value="сержант Касымов Д."');
      expect(refused.body).toMatch(/<option value="police"\s+selected/);
      expect(refused.body).toContain(NOTE);

      const future = await post(w.doctor, `${record()}/examinations?lang=ru`, {
        ...typed,
        at: '2026-03-11T10:00',
        place: 'медицинский кабинет ИВС',
        staffPresenceReason: 'по просьбе врача для безопасности',
        injuriesNoted: 'yes',
      });
      expect(future.statusCode).toBe(422);
      expect(future.body).toContain('Время в будущем');
      const unfit = await post(w.doctor, `/medical/people/${w.admitted.personId}/examinations?lang=en`, {
        examination: 'before-separation',
        episode: `prison:${w.admitted.stayId}`,
        at: '2026-03-10T11:15',
        'at-offset': '+05:00',
        place: 'медчасть СИЗО',
        injuriesNoted: 'no',
      });
      expect(unfit.statusCode).toBe(422);
      expect(unfit.body).toContain('Before separation, say whether the person is fit or unfit for it');

      const recorded = await post(w.doctor, `${record()}/examinations`, {
        ...typed,
        at: '2026-03-10T11:20',
        place: 'медицинский кабинет ИВС',
        staffPresenceReason: 'по просьбе врача для безопасности',
        injuriesNoted: 'yes',
      });
      expect(recorded.statusCode, recorded.body).toBe(303);
      const location = new URL(recorded.headers.location as string, 'http://x');
      expect(location.pathname).toBe(record());
      examinationId = location.searchParams.get('examination') ?? '';
      const shown = (await get(w.doctor, `${location.pathname}${location.search}&lang=en`)).body;
      expect(shown).toContain('The examination was recorded.');
      expect(shown).toContain(`href="${record()}/reports/new?examination=${examinationId}"`);
      expect(shown).toContain(NOTE);

      const admission = await post(w.doctor, `/medical/people/${w.admitted.personId}/examinations`, {
        examination: 'on-admission',
        episode: `prison:${w.admitted.stayId}`,
        at: '2026-03-10T11:25',
        'at-offset': '+05:00',
        place: 'медчасть СИЗО',
        injuriesNoted: 'no',
        fitness: 'fit',
        screeningHiv: 'done',
        screeningTb: 'declined',
      });
      expect(admission.statusCode, admission.body).toBe(303);

      const worklist = (await get(w.doctor, '/medical?lang=en')).body;
      expect(worklist).not.toContain('Examination on arrest');
      expect(worklist).not.toContain('Examination on admission or arrival');
      expect(worklist).not.toContain('Injuries logged by the custody unit');
      expect(worklist).toContain(`href="${record()}/reports/new?examination=${examinationId}"`);
      // kz.medical.report-duty: due 24 h after the injuries were first logged (10:00), not after the examination (11:20).
      const due = worklist.slice(
        worklist.indexOf('id="due-reports"'),
        worklist.indexOf('id="recent-reports"'),
      );
      expect(due).toContain('<time datetime="2026-03-11T05:00:00.000Z">');
      expect(due).not.toContain('<time datetime="2026-03-11T06:20:00.000Z">');
    });

    test('a person’s medical record: every version of every report (the first never lost) with its digest and key, its referral, and a second opinion beside the report it reviews with where they disagree; each read recorded with its purpose', async () => {
      now += 30 * 60_000;
      // The keys lock themselves after 30 minutes without use: each doctor unlocks theirs on its page.
      for (const [session, passphrase] of [
        [w.doctor, PASSPHRASE],
        [w.secondDoctor, PASSPHRASE_2],
      ] as const)
        expect(
          (await post(session, '/medical/key/unlock', { unlockPassphrase: passphrase })).statusCode,
        ).toBe(303);
      const finished = await api(
        w,
        w.doctor,
        'POST',
        `/api/v1/medical/people/${w.arrested.personId}/reports`,
        reportInput(examinationId),
      );
      expect(finished.statusCode, finished.body).toBe(201);
      ({ reportId, reference } = finished.json() as { reportId: string; reference: string });
      now += 10 * 60_000;
      const amended = await api(
        w,
        w.doctor,
        'POST',
        `/api/v1/medical/people/${w.arrested.personId}/reports/${reportId}/amendments`,
        {
          ...reportInput(examinationId),
          examinationId: undefined,
          amends: 1,
          reason: 'уточнён размер кровоподтёка',
        },
      );
      expect(amended.statusCode, amended.body).toBe(201);
      now += 10 * 60_000;
      const base = reportInput(examinationId);
      const second = await api(
        w,
        w.secondDoctor,
        'POST',
        `/api/v1/medical/people/${w.arrested.personId}/reports`,
        {
          ...base,
          secondOpinionOf: reportId,
          physicalFindings: [
            { ...base.physicalFindings[0], consistency: 'consistent' },
            base.physicalFindings[1],
            {
              ...base.physicalFindings[1],
              type: 'bruise',
              site: { view: 'front', region: 'thigh-right' },
            },
          ],
          opinion: { overall: 'consistent', interpretation: 'Частично соответствует.' },
        },
      );
      expect(second.statusCode, second.body).toBe(201);
      secondId = (second.json() as { reportId: string }).reportId;

      const purpose = 'повторное заключение по запросу прокурора';
      const page = (await get(w.doctor, `${record()}?lang=en&purpose=${encodeURIComponent(purpose)}`)).body;
      expect(page).toContain(`href="${report()}?version=1"`);
      expect(page).toContain(`href="${report()}?version=2"`);
      expect(page).toContain('amended: уточнён размер кровоподтёка');
      const digests = await Promise.all(
        [1, 2].map(async (version) => {
          const exported = await api(
            w,
            w.doctor,
            'GET',
            `/api/v1/medical/people/${w.arrested.personId}/reports/${reportId}/signed?version=${version}`,
          );
          return (
            exported.json() as { signed: { digest: string; signer: { keyId: string; publicKey: string } } }
          ).signed;
        }),
      );
      for (const signed of digests) {
        expect(page).toContain(signed.digest);
        expect(page).toContain(signed.signer.keyId);
      }
      keyOf = digests[0]?.signer ?? { keyId: '', publicKey: '' };
      expect(page).toContain('Referred to the procurator');
      expect(page).toContain(reference);
      expect(page).toContain(`This read was recorded with the purpose: “${purpose}”.`);
      expect(page).toContain('Disagreements: 3');
      expect(page).toMatch(
        /Overall consistency with the account<\/th>\s*<td[^>]*>Highly consistent<\/td>\s*<td[^>]*>Consistent<\/td>/,
      );
      expect(page).toContain('Bruise: Right thigh (front)');
      expect(page).toContain('Not recorded');

      const recordRow = await w.h.store.db
        .selectFrom('medical_records')
        .select('id')
        .where('person_id', '=', w.arrested.personId)
        .executeTakeFirstOrThrow();
      const reads = await w.h.store.readStream(auditStream(medicalStream(recordRow.id)));
      expect(reads.map((read) => read.payload)).toContainEqual(
        expect.objectContaining({ purpose, purposeStated: true }),
      );
      const long = await get(w.doctor, `${record()}?lang=en&purpose=${'x'.repeat(201)}`);
      expect(long.statusCode).toBe(422);
      expect(long.body).toContain('The purpose must be one line of at most 200 characters');
    });

    test('the signed report: the version asked for, the first kept; its signature, and the signed export that verifies offline against the clinician’s key; amended by its author, reviewed by another clinician', async () => {
      const latest = (await get(w.doctor, `${report()}?lang=en`)).body;
      expect(latest).toContain('Injury report, version 2');
      expect(latest).toContain(`href="${report()}/amend"`);
      expect(latest).not.toContain('secondOpinionOf=');
      expect(latest).toContain(ACCOUNT);
      const first = (await get(w.doctor, `${report()}?version=1&lang=en`)).body;
      expect(first).toContain('You are reading version 1; the latest is version 2');
      expect(first).not.toContain(`href="${report()}/amend"`);
      expect((await get(w.doctor, `${report()}?version=9`)).statusCode).toBe(404);
      const other = (await get(w.secondDoctor, `${report()}?lang=en`)).body;
      expect(other).toContain(`/reports/new?examination=${examinationId}&secondOpinionOf=${reportId}`);
      expect(other).not.toContain(`href="${report()}/amend"`);

      const href = `/api/v1/medical/people/${w.arrested.personId}/reports/${reportId}/signed?version=1`;
      expect(first).toContain(`href="${href}"`);
      const exported = await get(w.doctor, href);
      expect(exported.statusCode).toBe(200);
      const envelope = (exported.json() as { signed: unknown }).signed;
      expect(verifyReport(envelope, keyOf.publicKey).ok).toBe(true);
      const tampered = JSON.parse(JSON.stringify(envelope)) as {
        report: { content: { opinion: { overall: string } } };
      };
      tampered.report.content.opinion.overall = 'not-consistent';
      expect(verifyReport(tampered, keyOf.publicKey).ok).toBe(false);
      expect(first).toContain(keyOf.publicKey);

      const second = (await get(w.doctor, `${report(secondId)}?lang=en`)).body;
      expect(second).toContain('Second opinion, version 1');
      expect(second).toContain(`href="${report()}?version=2"`);
      expect(second).toContain('Disagreements: 3');
    });

    test('intl.medical.disclosure: the printed copy is in the person’s language (Kazakh first), or the one asked for, without English, and does not change the reader’s own language', async () => {
      const printed = await get(w.doctor, `${report()}/print`);
      expect(printed.statusCode).toBe(200);
      expect(printed.body).toContain('<html lang="kk"');
      expect(printed.body).toContain('Медициналық актінің данасы');
      expect(printed.body).toContain('Жумабаев Нурлан');
      expect(printed.body).toContain(ACCOUNT);
      expect(englishOn(printed.body)).toEqual([]);
      const russian = await get(w.doctor, `${report()}/print?lang=ru&version=1`);
      expect(russian.body).toContain('<html lang="ru"');
      expect(russian.body).toContain('Экземпляр медицинского акта');
      expect(String(russian.headers['set-cookie'] ?? '')).not.toContain('lang=');
      expect(russian.body).not.toContain('<form class="form" method="post"');
    });

    test('the procurator’s list names a doctor’s referral as such and opens its page: that signs were documented, where, when and by whom — not the report, until it is disclosed', async () => {
      const list = (await get(w.procurator, '/allegations?lang=en')).body;
      expect(list).toContain(`href="/medical/referrals/${reference}"`);
      expect(list).toContain('Medical referral');
      expect(list).toContain('report not disclosed');
      const csv = csvLines((await get(w.procurator, '/allegations?lang=en&format=csv')).body);
      expect(csv[0]).toContain('Source');
      expect(csv.some((line) => line.startsWith(reference) && line.includes('Medical referral'))).toBe(true);
      const redirected = await get(w.procurator, `/allegations/${reference}`);
      expect(redirected.statusCode).toBe(303);
      expect(redirected.headers.location).toBe(`/medical/referrals/${reference}`);

      const page = await get(w.procurator, `/medical/referrals/${reference}?lang=ru`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('ИВС г. Астаны');
      expect(page.body).toContain('Пока нет');
      expect(page.body).toContain('Акт прокурору не передан');
      expect(page.body).not.toContain(ACCOUNT);
      expect(page.body).not.toContain(NOTE);
      expect(englishOn(page.body)).toEqual([]);
      expect((await get(w.procurator, `/medical/referrals/${reference}/signed`)).statusCode).toBe(404);
      for (const session of [w.custodyOfficer, w.doctor, w.monitor])
        expect((await get(session, `/medical/referrals/${reference}`)).statusCode).toBe(403);
    });

    test('the disclosure form: the person’s own copy; the procurator only with the person’s consent or a court order — refusals at their field, everything typed kept; then the procurator reads the report', async () => {
      const consent = await post(w.doctor, `${report()}/disclosures?lang=en`, {
        version: '2',
        recipient: 'procurator',
        recipientName: 'Прокуратура г. Астаны',
        legalBasis: 'consent',
      });
      expect(consent.statusCode).toBe(422);
      expect(consent.body).toContain(
        'The report goes to the procurator only with the person’s consent or a court order.',
      );
      expect(consent.body).toContain('value="Прокуратура г. Астаны"');
      expect(consent.body).toMatch(/value="procurator"\s+checked/);
      const noOrder = await post(w.doctor, `${report()}/disclosures?lang=en`, {
        version: '2',
        recipient: 'procurator',
        legalBasis: 'court-order',
      });
      expect(noOrder.statusCode).toBe(422);
      expect(noOrder.body).toContain('Enter the number of the court order');
      const notOwn = await post(w.doctor, `${report()}/disclosures?lang=en`, {
        version: '2',
        recipient: 'other',
        recipientName: 'адвокат Сапарова Г.',
        legalBasis: 'own-copy',
      });
      expect(notOwn.statusCode).toBe(422);
      expect(notOwn.body).toContain(
        'Anyone else receives the report only with the person’s consent or a court order.',
      );

      const own = await post(w.doctor, `${report()}/disclosures`, {
        version: '2',
        recipient: 'person',
        legalBasis: 'own-copy',
      });
      expect(own.statusCode, own.body).toBe(303);
      expect(own.headers.location).toBe(`${report()}?version=2&recorded=disclosure`);
      const shown = (await get(w.doctor, `${report()}?version=2&recorded=disclosure&lang=en`)).body;
      expect(shown).toContain('The disclosure was recorded in the log with its legal basis.');
      expect(shown).toContain('version 2 to The person themselves, basis: The person’s own copy');

      const ordered = await post(w.doctor, `${report()}/disclosures`, {
        version: '2',
        recipient: 'procurator',
        recipientName: 'Прокуратура г. Астаны',
        legalBasis: 'court-order',
        courtOrderReference: '2-117/2026',
        courtOrderCourt: 'Есильский районный суд г. Астаны',
      });
      expect(ordered.statusCode, ordered.body).toBe(303);
      const page = (await get(w.procurator, `/medical/referrals/${reference}?lang=en`)).body;
      expect(page).toContain('The disclosed report (version 2)');
      expect(page).toContain(ACCOUNT);
      expect(page).toContain(keyOf.publicKey);
      const signed = await get(w.procurator, `/medical/referrals/${reference}/signed`);
      expect(signed.statusCode).toBe(200);
      expect(verifyReport((signed.json() as { signed: unknown }).signed, keyOf.publicKey).ok).toBe(true);
      expect((await get(w.procurator, '/allegations?lang=en')).body).toContain('report disclosed');
    });

    test('what the others see instead: the custody officer and the prison officer see that a doctor examined, when, by whom and fit or unfit — never what was found; a judge sees nothing of it', async () => {
      const custody = (await get(w.custodyOfficer, `/custody/${w.arrested.custodyId}?lang=en`)).body;
      expect(custody).toContain('Medical examinations');
      expect(custody).toContain('On arrest');
      expect(custody).not.toContain(NOTE);
      expect(custody).not.toContain('Injuries noted');
      expect(custody).not.toContain(`href="${record()}"`);
      const doctorsView = (await get(w.doctor, `/prison/stays/${w.admitted.stayId}?lang=en`)).body;
      expect(doctorsView).toContain(`href="/medical/people/${w.admitted.personId}"`);
      const stay = (await get(w.prisonOfficer, `/prison/stays/${w.admitted.stayId}?lang=ru`)).body;
      expect(stay).toContain('Медицинские осмотры');
      expect(stay).toContain('При поступлении');
      expect(stay).toContain('Годен');
      expect(stay).not.toContain(`href="/medical/people/${w.admitted.personId}"`);
      const judge = await w.h.session('judge');
      const judged = await get(judge, `/custody/${w.arrested.custodyId}?lang=en`);
      expect(judged.statusCode).toBe(200);
      expect(judged.body).not.toContain('medical-examinations-title');
    });

    test('a health official who finds a person in the register opens their medical record from there; nobody else gets the link', async () => {
      const doctors = (await get(w.doctor, `/people/${w.arrested.personId}?lang=en`)).body;
      expect(doctors).toContain(`href="${record()}"`);
      const officers = await get(w.custodyOfficer, `/people/${w.arrested.personId}?lang=en`);
      expect(officers.statusCode).toBe(200);
      expect(officers.body).not.toContain(`href="${record()}"`);
    });

    test('kk and ru: the worklist, the key page, the record, the report, the examination form and the referral show no English word and no raw UTC time', async () => {
      for (const lang of ['kk', 'ru'] as const) {
        for (const url of [
          '/medical',
          '/medical/key',
          record(),
          report(),
          report(secondId),
          `${record()}/examinations/new?episode=custody:${w.arrested.custodyId}`,
        ]) {
          const page = await get(w.doctor, `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
          expect(page.statusCode, url).toBe(200);
          expect(englishOn(page.body), `${lang} ${url}`).toEqual([]);
        }
        const referral = await get(w.procurator, `/medical/referrals/${reference}?lang=${lang}`);
        expect(englishOn(referral.body), `${lang} referral`).toEqual([]);
        const custody = await get(w.custodyOfficer, `/custody/${w.arrested.custodyId}?lang=${lang}`);
        expect(custody.body).toContain(lang === 'kk' ? 'Медициналық тексерулер' : 'Медицинские осмотры');
      }
    });
  });
}
