import { createHash } from 'node:crypto';
import type { Principal } from '../access/principal.js';
import {
  identifySuspect,
  openCase,
  payRedress,
  recordCaseStep,
  recordDefendantStep,
  registerOfficial,
  type CaseServices,
  type CaseView,
} from '../app/cases.js';
import type { Store } from '../store/types.js';

/*
 * The demo's criminal case files (issue 20), entered through the services as the procurator would,
 * each step at its own time (historical steps with their real past dates):
 *
 *   - the Karaganda prison allegation (src/demo/complaints.ts): the duty officer identified and
 *     suspended within 24 h, charged under art. 146, the forensic report and the interview
 *     recording in the file, the victims' fund paying for treatment before trial;
 *   - a case of the January 2022 events (tag `january-2022`, seed ¶33-37), opened ex officio in
 *     Almaty: three police officers, one convicted to imprisonment, one convicted under a lesser
 *     article with a suspended sentence after a plea agreement (flagged, kz.torture.sentencing), one
 *     acquitted and the acquittal upheld on appeal; a confession obtained under torture excluded
 *     and the decisions resting on it declared void (kz.evidence.inadmissible, kz.torture.nullity);
 *     a late suspension (flagged); compensation awarded by the court and paid in two parts;
 *   - a case discontinued on the interview recording that disproved the allegation (seed ¶39);
 *   - a doctor's referral (issue 19) taken into a case, when the medical demo made one.
 */

export interface DemoCases {
  cases: number;
  officials: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A demo document's digest: the SHA-256 of a text standing for the file in the electronic case file. */
function digestOf(text: string, mediaType: string) {
  const bytes = Buffer.from(text, 'utf8');
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mediaType };
}

export async function seedCases(
  store: Store,
  cast: {
    procurator: Principal;
    karagandaFacilityId: string;
    investigated: {
      reference: string;
      caseNumber: string;
      officialName: string;
      identifiedAt: string;
      suspendedAt: string;
      openedAt: string;
    } | null;
  },
  now: Date,
): Promise<DemoCases> {
  let at = now;
  const services: CaseServices = { store, clock: () => at };
  const when = (date: Date) => {
    at = date;
  };
  const procurator = cast.procurator;
  let cases = 0;
  let officials = 0;
  const official = async (input: {
    name: string;
    position: string;
    agency: 'police' | 'penitentiary' | 'investigation';
    region: string;
    facilityId?: string;
    unit?: string;
  }) => {
    officials += 1;
    return (
      await registerOfficial(services, procurator, {
        name: input.name,
        position: input.position,
        agency: input.agency,
        region: input.region,
        facilityId: input.facilityId ?? null,
        unit: input.unit ?? null,
      })
    ).id;
  };
  const court = (name: string, region: string) => ({ name, region });
  const victimOf = (view: CaseView) => view.victims.at(-1)?.victimId ?? '';

  // 1. The Karaganda allegation, investigated now.
  if (cast.investigated) {
    const investigated = cast.investigated;
    const opened = new Date(investigated.openedAt);
    when(opened);
    const nurgaliev = await official({
      name: investigated.officialName,
      position: 'старший лейтенант, дежурный помощник начальника учреждения',
      agency: 'penitentiary',
      region: 'KZ-35',
      facilityId: cast.karagandaFacilityId,
    });
    const openedOn = opened.toISOString().slice(0, 10);
    let view = await openCase(services, procurator, {
      number: investigated.caseNumber,
      article: '146 ч. 2',
      openedOn,
      investigatingBody: 'Прокуратура Карагандинской области',
      sources: [{ kind: 'complaint', reference: investigated.reference }],
    });
    cases += 1;
    const caseId = view.id;
    when(new Date(investigated.identifiedAt));
    await identifySuspect(services, procurator, caseId, {
      officialId: nurgaliev,
      identifiedAt: investigated.identifiedAt,
    });
    when(new Date(investigated.suspendedAt));
    await recordDefendantStep(services, procurator, caseId, nurgaliev, 'suspension', {
      suspendedAt: investigated.suspendedAt,
      orderedBy: 'приказ начальника ДУИС по Карагандинской области',
    });
    const day2 = new Date(opened.getTime() + 2 * DAY);
    when(day2);
    view = await recordCaseStep(services, procurator, caseId, 'victims', {
      name: 'Токтаров Серик',
      recognisedOn: day2.toISOString().slice(0, 10),
    });
    await recordCaseStep(services, procurator, caseId, 'documents', {
      kind: 'forensic-report',
      title: 'Заключение судебно-медицинской экспертизы № 418',
      dated: day2.toISOString().slice(0, 10),
      submittedBy: 'expert',
      digest: digestOf(
        'Заключение СМЭ № 418: кровоподтёки спины и бёдер, давность 1-2 суток',
        'application/pdf',
      ),
    });
    await recordCaseStep(services, procurator, caseId, 'documents', {
      kind: 'interview-recording',
      title: 'Видеозапись допроса потерпевшего',
      dated: day2.toISOString().slice(0, 10),
      submittedBy: 'investigator',
      digest: digestOf('video: допрос потерпевшего Токтарова С.', 'video/mp4'),
    });
    await recordCaseStep(services, procurator, caseId, 'redress', {
      victimId: victimOf(view),
      by: 'victims-fund',
      category: 'torture-victim',
      purpose: 'treatment',
      amountKzt: 184_600,
      decidedOn: day2.toISOString().slice(0, 10),
    });
    const day4 = new Date(opened.getTime() + 4 * DAY);
    when(day4);
    view = await recordDefendantStep(services, procurator, caseId, nurgaliev, 'charges', {
      article: '146 ч. 2',
      chargedOn: day4.toISOString().slice(0, 10),
    });
    const redressId = view.redress[0]?.redressId;
    if (redressId)
      await payRedress(services, procurator, caseId, redressId, {
        amountKzt: 184_600,
        paidOn: day4.toISOString().slice(0, 10),
      });
  }

  // 2. The January 2022 events in Almaty: historical, with their real dates.
  when(new Date('2022-01-20T06:00:00Z'));
  const sarsenov = await official({
    name: 'Сарсенов Ерлан',
    position: 'оперуполномоченный уголовного розыска',
    agency: 'police',
    region: 'KZ-75',
    unit: 'Алмалинское РУП ДП г. Алматы',
  });
  const omarov = await official({
    name: 'Омаров Данияр',
    position: 'участковый инспектор полиции',
    agency: 'police',
    region: 'KZ-75',
    unit: 'Алмалинское РУП ДП г. Алматы',
  });
  const beisenov = await official({
    name: 'Бейсенов Арман',
    position: 'старший оперуполномоченный',
    agency: 'police',
    region: 'KZ-75',
    unit: 'Алмалинское РУП ДП г. Алматы',
  });
  let january = await openCase(services, procurator, {
    number: '227500031000052',
    article: '146 ч. 3',
    openedOn: '2022-01-20',
    investigatingBody: 'Прокуратура г. Алматы',
    region: 'KZ-75',
    tags: ['january-2022'],
    exOfficioBasis:
      'Сообщения задержанных и их родственников о пытках в Алмалинском РУП после событий 5-7 января 2022 года',
  });
  cases += 1;
  const jan = january.id;
  when(new Date('2022-01-25T09:00:00Z'));
  for (const id of [sarsenov, omarov, beisenov])
    await identifySuspect(services, procurator, jan, {
      officialId: id,
      identifiedAt: '2022-01-25T14:00:00+05:00',
    });
  when(new Date('2022-01-26T06:00:00Z'));
  await recordDefendantStep(services, procurator, jan, sarsenov, 'suspension', {
    suspendedAt: '2022-01-26T10:00:00+05:00',
    orderedBy: 'приказ начальника ДП г. Алматы',
  });
  await recordDefendantStep(services, procurator, jan, beisenov, 'suspension', {
    suspendedAt: '2022-01-26T10:00:00+05:00',
    orderedBy: 'приказ начальника ДП г. Алматы',
  });
  // Omarov was suspended only after a week: the suspension is recorded and flagged.
  when(new Date('2022-02-01T06:00:00Z'));
  await recordDefendantStep(services, procurator, jan, omarov, 'suspension', {
    suspendedAt: '2022-02-01T10:00:00+05:00',
    orderedBy: 'приказ начальника ДП г. Алматы',
  });
  january = await recordCaseStep(services, procurator, jan, 'victims', {
    name: 'Абдрахманов Нурлан',
    recognisedOn: '2022-01-27',
  });
  const victim = victimOf(january);
  january = await recordCaseStep(services, procurator, jan, 'documents', {
    kind: 'decision',
    title: 'Постановление о признании протокола явки с повинной доказательством',
    dated: '2022-01-12',
    submittedBy: 'investigator',
    digest: digestOf('Постановление от 12.01.2022 по делу 227500031000052', 'application/pdf'),
  });
  const confessionDecision = january.documents.at(-1)?.documentId ?? '';
  when(new Date('2022-02-03T09:00:00Z'));
  january = await recordCaseStep(services, procurator, jan, 'documents', {
    kind: 'forensic-report',
    title: 'Заключение СМЭ № 1133 (ожоги, переломы рёбер)',
    dated: '2022-02-03',
    submittedBy: 'expert',
    digest: digestOf('Заключение СМЭ № 1133', 'application/pdf'),
  });
  when(new Date('2022-03-10T09:00:00Z'));
  await recordCaseStep(services, procurator, jan, 'documents', {
    kind: 'defence-submission',
    title: 'Ходатайство защиты о назначении психолого-психиатрической экспертизы',
    dated: '2022-03-10',
    submittedBy: 'defence',
    digest: digestOf('Ходатайство адвоката от 10.03.2022', 'application/pdf'),
  });
  when(new Date('2022-04-05T06:00:00Z'));
  await recordCaseStep(services, procurator, jan, 'evidence-exclusions', {
    description: 'Протокол явки с повинной Абдрахманова Н. от 6 января 2022 года, полученный под пытками',
    documentId: null,
    by: 'procurator',
    excludedOn: '2022-04-05',
  });
  await recordCaseStep(services, procurator, jan, 'nullities', {
    documentIds: [confessionDecision],
    basis: 'Установлено применение пыток к Абдрахманову Н. (заключение СМЭ № 1133)',
    by: 'procurator',
    voidedOn: '2022-04-05',
  });
  when(new Date('2022-05-16T09:00:00Z'));
  for (const [id, article] of [
    [sarsenov, '146 ч. 3'],
    [omarov, '362 ч. 4'],
    [beisenov, '146 ч. 3'],
  ] as const)
    await recordDefendantStep(services, procurator, jan, id, 'charges', { article, chargedOn: '2022-05-16' });
  when(new Date('2022-07-01T06:00:00Z'));
  const almatyCourt = court('Специализированный межрайонный суд по уголовным делам г. Алматы', 'KZ-75');
  await recordCaseStep(services, procurator, jan, 'court-referrals', {
    officialIds: [sarsenov, omarov, beisenov],
    court: almatyCourt,
    sentOn: '2022-07-01',
  });
  when(new Date('2022-11-14T06:00:00Z'));
  await recordDefendantStep(services, procurator, jan, sarsenov, 'verdicts', {
    court: almatyCourt,
    outcome: 'convicted',
    article: '146 ч. 3',
    sentence: {
      penalties: [
        { kind: 'imprisonment', months: 84, amountKzt: null },
        { kind: 'deprivation-of-right', months: 36, amountKzt: null },
      ],
      suspended: false,
      probationMonths: null,
    },
    pleaAgreement: false,
    decidedOn: '2022-11-14',
  });
  await recordDefendantStep(services, procurator, jan, omarov, 'verdicts', {
    court: almatyCourt,
    outcome: 'convicted',
    article: '362 ч. 4',
    sentence: {
      penalties: [{ kind: 'imprisonment', months: 36, amountKzt: null }],
      suspended: true,
      probationMonths: 24,
    },
    pleaAgreement: true,
    decidedOn: '2022-11-14',
  });
  await recordDefendantStep(services, procurator, jan, beisenov, 'verdicts', {
    court: almatyCourt,
    outcome: 'acquitted',
    article: '146 ч. 3',
    sentence: null,
    pleaAgreement: false,
    decidedOn: '2022-11-14',
  });
  when(new Date('2022-11-25T06:00:00Z'));
  await recordDefendantStep(services, procurator, jan, beisenov, 'appeals', {
    by: 'procurator',
    filedOn: '2022-11-25',
  });
  when(new Date('2023-02-08T06:00:00Z'));
  await recordDefendantStep(services, procurator, jan, beisenov, 'appeal-decisions', {
    court: court('Алматинский городской суд, апелляционная коллегия', 'KZ-75'),
    result: 'upheld',
    outcome: null,
    article: null,
    sentence: null,
    decidedOn: '2023-02-08',
  });
  january = await recordCaseStep(services, procurator, jan, 'redress', {
    victimId: victim,
    by: 'court',
    category: 'torture-victim',
    purpose: 'damages',
    amountKzt: 2_000_000,
    decidedOn: '2022-11-14',
  });
  const award = january.redress.at(-1)?.redressId ?? '';
  when(new Date('2023-03-01T06:00:00Z'));
  await payRedress(services, procurator, jan, award, { amountKzt: 1_000_000, paidOn: '2023-03-01' });
  when(new Date('2023-06-15T06:00:00Z'));
  await payRedress(services, procurator, jan, award, { amountKzt: 1_000_000, paidOn: '2023-06-15' });
  await recordCaseStep(services, procurator, jan, 'rehabilitation', {
    victimId: victim,
    measure: 'psychological',
    description: 'Курс психологической реабилитации в центре «Сана Сезім»',
    providedOn: '2023-06-15',
  });

  // 3. Disproved by the interview's recording (seed ¶39): discontinued, the recording its evidence.
  when(new Date('2024-09-02T06:00:00Z'));
  const zhaksylykov = await official({
    name: 'Жаксылыков Тимур',
    position: 'следователь',
    agency: 'investigation',
    region: 'KZ-71',
    unit: 'СУ ДП г. Астаны',
  });
  const disproved = await openCase(services, procurator, {
    number: '247100031000977',
    article: '146 ч. 1',
    openedOn: '2024-09-02',
    investigatingBody: 'Прокуратура г. Астаны',
    region: 'KZ-71',
    exOfficioBasis:
      'Заявление защитника о применении насилия при допросе подозреваемого 30 августа 2024 года',
  });
  cases += 1;
  when(new Date('2024-09-03T13:00:00Z'));
  await identifySuspect(services, procurator, disproved.id, {
    officialId: zhaksylykov,
    identifiedAt: '2024-09-03T10:00:00+05:00',
  });
  await recordDefendantStep(services, procurator, disproved.id, zhaksylykov, 'suspension', {
    suspendedAt: '2024-09-03T17:00:00+05:00',
    orderedBy: 'приказ начальника ДП г. Астаны',
  });
  const recording = await recordCaseStep(services, procurator, disproved.id, 'documents', {
    kind: 'interview-recording',
    title: 'Видеозапись допроса подозреваемого 30.08.2024, 14:05-15:40',
    dated: '2024-08-30',
    submittedBy: 'investigator',
    digest: digestOf('video: допрос 30.08.2024 14:05-15:40, каб. 412', 'video/mp4'),
  });
  when(new Date('2024-10-15T06:00:00Z'));
  await recordCaseStep(services, procurator, disproved.id, 'discontinuations', {
    officialId: null,
    ground: 'no-crime',
    evidence: [recording.documents.at(-1)?.documentId ?? ''],
    reason:
      'Видеозапись допроса показывает весь допрос без перерывов; защитник присутствовал; насилия не применялось.',
    discontinuedOn: '2024-10-15',
  });

  // 4. A doctor's referral (issue 19), when the medical demo made one: its own case.
  const referral = await store.db
    .selectFrom('medical_referrals as m')
    .innerJoin('facilities as f', 'f.id', 'm.facility_id')
    .select(['m.reference', 'm.referred_at'])
    .orderBy('m.referred_at')
    .executeTakeFirst();
  if (referral) {
    const openedAt = new Date(Date.parse(referral.referred_at) + 6 * HOUR);
    when(openedAt > now ? now : openedAt);
    await openCase(services, procurator, {
      number: `${String(now.getUTCFullYear() % 100).padStart(2, '0')}7500131000733`,
      article: '146 ч. 1',
      openedOn: at.toISOString().slice(0, 10),
      investigatingBody: 'Прокуратура г. Алматы',
      sources: [{ kind: 'medical-referral', reference: referral.reference }],
    });
    cases += 1;
  }
  return { cases, officials };
}
