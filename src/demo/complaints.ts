import type { Principal } from '../access/principal.js';
import {
  answerComplaint,
  recordAllegationDecision,
  recordAllegationOutcome,
  recordReceivedComplaint,
  submitComplaint,
  type ComplaintServices,
} from '../app/complaints.js';
import { ClockScheduler } from '../clocks/scheduler.js';
import type { ComplaintCategory } from '../domain/complaints/events.js';
import type { CustodyRules } from '../rules/custody-rules.js';
import { sealedToWire, sealTo } from '../sealing/seal.js';

/*
 * Complaints for `habeas demo` (issue 4), made through the application services as the kiosks,
 * the complaints authority and the procurator would have made them, each with the service's
 * `now` set to the moment it happened. Kiosk complaints are sealed here exactly as the kiosk's
 * browser seals them (src/sealing/seal.ts, to the authority's public key, the plaintext
 * {"v":1,"text","language","writtenAt","media":[]}), so the server only ever receives ciphertext;
 * the paper/lawyer complaint is sealed by the service on arrival. Then one scheduler tick at the
 * demo's `now` records what fell due. Timed relative to `now`, whenever the demo starts there are:
 *
 *   one kiosk complaint in each category, in the Karaganda prison and the women's prison;
 *   a torture allegation from an identified prisoner, referred to the procurator at once
 *     (kz.torture.referral), an investigation opened, the suspected officer identified and
 *     suspended in time (kz.torture.suspension);
 *   a `conditions` complaint answered by the authority within the clock (intl.complaint.answer);
 *   a `health` complaint left unanswered past the 30 days: a breach of intl.complaint.answer;
 *   a request for special protection pending before the Karaganda governor (kz.transfer.protection,
 *     well within its 24 hours);
 *   a torture complaint brought by a lawyer, recorded by the complaints officer, awaiting the
 *     procurator's decision;
 *   a complaint about investigators in Astana (kz.allegation.conflict), brought by a lawyer and
 *     recorded by the complaints officer: with the investigating judge of Astana (`judge`), never
 *     the procurator, awaiting the judge's order within its 24 hours.
 *
 * Names, texts and case numbers are invented.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A kiosk: its service account, and the facility it stands in. */
export interface DemoKiosk {
  principal: Principal;
  facilityId: string;
}

/** Who acts in the demo's complaints (principals of the accounts the seed made). */
export interface ComplaintCast {
  /** The terminal in the Karaganda prison (men) and the one in the women's prison. */
  kiosks: { karaganda: DemoKiosk; women: DemoKiosk };
  /** The remand centre whose detainee's lawyer writes to the authority. */
  remandCentreId: string;
  /** The Astana police custody unit, whose detainee's lawyer complains about investigators (kz.allegation.conflict). */
  astanaCustodyId?: string;
  officer: Principal;
  procurator: Principal;
  /** People the seed already registered, by family name. */
  people: Record<string, string>;
}

export interface DemoComplaints {
  complaints: number;
  /** Torture allegations with the procurator. */
  allegations: number;
  /** Complaints about procurators or investigators, with the investigating judge (kz.allegation.conflict). */
  withJudge: number;
  /** A complaint whose status can be checked at any kiosk ("I have a complaint number"). */
  statusCheck: { reference: string; pin: string };
  /** The torture allegation the procurator investigates (its case file: src/demo/cases.ts). */
  investigated: {
    reference: string;
    pin: string;
    caseNumber: string;
    officialName: string;
    identifiedAt: string;
    suspendedAt: string;
    openedAt: string;
  };
}

interface KioskComplaint {
  kiosk: DemoKiosk;
  category: ComplaintCategory;
  /** Family name of a person on the facility's roll, or null: anonymous. */
  complainant: string | null;
  language: 'kk' | 'ru';
  text: string;
  pin: string;
  /** How long before the demo's `now` it was written and sent. */
  hoursAgo: number;
  protectionRequested?: boolean;
}

/** The complaint as the kiosk's browser seals it (src/web/kiosk/browser.js), to a recipient's key. */
async function sealedInKiosk(
  publicKey: Uint8Array,
  content: { text: string; language: string; writtenAt: string },
) {
  const plaintext = new TextEncoder().encode(JSON.stringify({ v: 1, ...content, media: [] }));
  try {
    return sealedToWire(await sealTo(publicKey, plaintext));
  } finally {
    plaintext.fill(0);
  }
}

export async function seedComplaints(
  services: ComplaintServices & { rules: CustodyRules },
  cast: ComplaintCast,
  now: Date,
): Promise<DemoComplaints> {
  const ago = (millis: number) => new Date(Math.floor((now.getTime() - millis) / MINUTE) * MINUTE);
  const personId = (familyName: string): string => {
    const id = cast.people[familyName];
    if (!id) throw new Error(`demo data names an unknown person ${familyName}`);
    return id;
  };
  const publicKey = await services.sealing.publicKey();
  // Allegations are sealed to the procurator's office's own key as well, as the kiosk does (issue 18 item 5).
  const procuratorKey = await services.procuratorSealing.publicKeyIfAny();
  let complaints = 0;
  let allegations = 0;
  let withJudge = 0;
  const count = (category: ComplaintCategory, toJudge = false) => {
    complaints += 1;
    if (toJudge) withJudge += 1;
    else if (category === 'torture-or-ill-treatment') allegations += 1;
  };

  const fromKiosk = async (complaint: KioskComplaint) => {
    const sentAt = ago(complaint.hoursAgo * HOUR);
    // Written a few minutes before it was sent, as at the terminal.
    const writtenAt = new Date(sentAt.getTime() - 6 * MINUTE).toISOString();
    count(complaint.category);
    const content = { text: complaint.text, language: complaint.language, writtenAt };
    const sealedFor =
      complaint.category === 'torture-or-ill-treatment' && procuratorKey !== null
        ? { sealedFor: { procurator: await sealedInKiosk(procuratorKey, content) } }
        : {};
    return submitComplaint(
      services,
      complaint.kiosk.principal,
      {
        facilityId: complaint.kiosk.facilityId,
        category: complaint.category,
        sealed: await sealedInKiosk(publicKey, content),
        ...sealedFor,
        pin: complaint.pin,
        complainant: complaint.complainant === null ? null : { personId: personId(complaint.complainant) },
        protectionRequested: complaint.protectionRequested ?? false,
        transferRequested: false,
      },
      sentAt,
    );
  };
  const { karaganda, women } = cast.kiosks;

  // Torture, from an identified prisoner, in Kazakh: referred to the procurator at once.
  const beaten = await fromKiosk({
    kiosk: karaganda,
    category: 'torture-or-ill-treatment',
    complainant: 'Токтаров',
    language: 'kk',
    text:
      'Кеше кешкі тексеруден кейін кезекші қызметкер мені дәлізге шығарып, бейнекамера жоқ жерде ' +
      'таяқпен арқамнан және аяғымнан ұрды. Екі қызметкер қарап тұрды. Шағым жазсам, айыппұл ' +
      'изоляторына жабамын деп қорқытты. Дәрігерге апармады, арқамда көгерген жерлер бар.',
    pin: '4719',
    hoursAgo: 9 * 24,
  });
  // The procurator opens an investigation the next day, names the duty officer, who is suspended in time.
  const opened = ago(8 * DAY);
  const year = String(opened.getUTCFullYear() % 100).padStart(2, '0');
  await recordAllegationDecision(
    services,
    cast.procurator,
    beaten.reference,
    { decision: 'investigation-opened', caseNumber: `ЕРДР № ${year}5100131000418` },
    opened,
  );
  const identified = new Date(opened.getTime() + 3 * HOUR);
  const official = 'ст. лейтенант Б. Нургалиев, дежурный помощник начальника учреждения';
  await recordAllegationOutcome(
    services,
    cast.procurator,
    beaten.reference,
    { kind: 'suspects-identified', officials: [official], at: identified.toISOString() },
    new Date(identified.getTime() + 20 * MINUTE),
  );
  const suspended = new Date(identified.getTime() + 19 * HOUR);
  await recordAllegationOutcome(
    services,
    cast.procurator,
    beaten.reference,
    {
      kind: 'official-suspended',
      official,
      at: suspended.toISOString(),
      by: 'приказ начальника ДУИС по Карагандинской области',
    },
    new Date(suspended.getTime() + 2 * HOUR),
  );

  // Conditions, anonymous, answered by the authority within the 30 days (intl.complaint.answer met).
  const conditionsPin = '2580';
  const conditions = await fromKiosk({
    kiosk: karaganda,
    category: 'conditions',
    complainant: null,
    language: 'ru',
    text:
      'В отряде № 3 с начала месяца нет горячей воды, в баню водят раз в две недели. В спальном ' +
      'помещении сырость и плесень на стенах, окна не закрываются, ночью холодно. Просим проверить.',
    pin: conditionsPin,
    hoursAgo: 12 * 24,
  });
  await answerComplaint(
    services,
    cast.officer,
    conditions.reference,
    {
      answer:
        'Ваша жалоба рассмотрена. По результатам проверки администрации учреждения внесено ' +
        'представление: горячее водоснабжение в отряде № 3 восстановлено, помывка — не реже одного ' +
        'раза в неделю, ремонт окон и обработка стен от плесени — до конца месяца. Исполнение ' +
        'проверит прокурор по надзору за законностью в учреждениях уголовно-исполнительной системы.',
    },
    ago(4 * DAY),
  );

  // Reprisal, identified, with a request for special protection still before the governor.
  await fromKiosk({
    kiosk: karaganda,
    category: 'reprisal',
    complainant: 'Иванов',
    language: 'ru',
    text:
      'После того как я в прошлом месяце пожаловался на питание, начальник отряда лишил меня ' +
      'длительного свидания с женой и при всех сказал, что «жалобщики поедут в ШИЗО». Вчера при ' +
      'обыске перевернули мои вещи и порвали письма. Боюсь за себя, прошу защиты.',
    pin: '3141',
    hoursAgo: 3,
    protectionRequested: true,
  });

  // Health, identified, never answered: the answer clock ran out (intl.complaint.answer breached).
  await fromKiosk({
    kiosk: women,
    category: 'health',
    complainant: 'Омарова',
    language: 'ru',
    text:
      'Третью неделю болит зуб, щека опухла, не могу есть. Записалась на приём, но стоматолога в ' +
      'учреждении нет, а к приходящему врачу не выводят. Обезболивающее в санчасти дают не каждый день.',
    pin: '5566',
    hoursAgo: 35 * 24,
  });

  // Discipline, identified, received two days ago and waiting for the authority.
  await fromKiosk({
    kiosk: women,
    category: 'discipline',
    complainant: 'Литвиненко',
    language: 'ru',
    text:
      'Мне объявили выговор за то, что я якобы не вышла на утреннюю проверку. В это время я была в ' +
      'санчасти, это может подтвердить медсестра. Объяснение у меня не взяли, с постановлением не ознакомили.',
    pin: '9012',
    hoursAgo: 2 * 24,
  });

  // Other, anonymous, in Kazakh.
  await fromKiosk({
    kiosk: women,
    category: 'other',
    complainant: null,
    language: 'kk',
    text:
      'Туыстарымнан келген хаттар бір айдан кейін, ашылған күйде беріледі. Кейбір хаттар мүлде ' +
      'келмейді. Хаттардың қайда жоғалатынын тексеруді сұраймын.',
    pin: '7788',
    hoursAgo: 20,
  });

  // A lawyer's letter about a remand prisoner, recorded by the complaints officer: sealed on arrival,
  // and as a torture allegation referred to the procurator at once, awaiting a decision.
  const receivedAt = ago(2 * DAY);
  count('torture-or-ill-treatment');
  await recordReceivedComplaint(
    services,
    cast.officer,
    {
      facilityId: cast.remandCentreId,
      channel: 'lawyer',
      category: 'torture-or-ill-treatment',
      language: 'ru',
      complainant: { personId: personId('Ким') },
      receivedAt: receivedAt.toISOString(),
      text:
        'Адвокат Г. Ахметова (Алматинская городская коллегия адвокатов) сообщает: её подзащитный ' +
        'Ким В., содержащийся в СИЗО г. Алматы, при конвоировании из суда три дня назад был избит ' +
        'сотрудниками конвоя в автозаке — удары ногами по рёбрам и голове. На свидании на следующий ' +
        'день адвокат видела гематомы на лице и левом боку. Просит провести медицинское ' +
        'освидетельствование и зарегистрировать заявление о пытках.',
    },
    new Date(receivedAt.getTime() + 40 * MINUTE),
  );

  // kz.allegation.conflict: a lawyer's complaint about investigators in Astana, recorded by the
  // complaints officer: to the investigating judge of Astana, never to the procurator; sealed to the
  // complaints authority alone; five hours into the judge's 24 to order an investigation.
  if (cast.astanaCustodyId !== undefined) {
    const aboutInvestigators = ago(5 * HOUR);
    count('torture-or-ill-treatment', true);
    await recordReceivedComplaint(
      services,
      cast.officer,
      {
        facilityId: cast.astanaCustodyId,
        channel: 'lawyer',
        category: 'torture-or-ill-treatment',
        language: 'ru',
        complainant: { personId: personId('Жумабекова') },
        concerns: { office: 'investigator', region: 'KZ-71' },
        receivedAt: aboutInvestigators.toISOString(),
        text:
          'Адвокат Д. Сагинтаева сообщает: её подзащитную Жумабекову А., задержанную в ИВС г. Астаны, ' +
          'следователь допрашивал ночью без адвоката, угрожал арестом её брата и требовал подписать ' +
          'признательные показания. Просит направить жалобу следственному судье и назначить проверку ' +
          'не силами того же следственного управления.',
      },
      new Date(aboutInvestigators.getTime() + 25 * MINUTE),
    );
  }

  // What fell due since (the server's scheduler does this every second): the unanswered complaint.
  await new ClockScheduler(services, { clock: () => now }).tick();
  return {
    complaints,
    allegations,
    withJudge,
    statusCheck: { reference: conditions.reference, pin: conditionsPin },
    investigated: {
      reference: beaten.reference,
      pin: '4719',
      caseNumber: `${year}5100131000418`,
      officialName: 'Нургалиев Берик',
      identifiedAt: identified.toISOString(),
      suspendedAt: suspended.toISOString(),
      openedAt: opened.toISOString(),
    },
  };
}
