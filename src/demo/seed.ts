import type { Principal, Role, Sex } from '../access/principal.js';
import { authenticateToken, createToken, createUser, principalFromAccount } from '../app/accounts.js';
import { createFacility, createPerson } from '../app/registry.js';
import type { RegionCode } from '../domain/registry/regions.js';
import { SealingSessions } from '../app/sealing-session.js';
import { DEFAULT_COMPLAINT_RULES, type ComplaintRules } from '../rules/complaint-rules.js';
import { DEFAULT_CUSTODY_RULES, type CustodyRules } from '../rules/custody-rules.js';
import type { Store } from '../store/types.js';
import { seedComplaints, type DemoComplaints } from './complaints.js';
import { seedCustody } from './custody.js';
import { seedFootage, type DemoFootage } from './footage.js';
import { seedMedical, type DemoMedical } from './medical.js';
import { seedCases, type DemoCases } from './cases.js';
import type { KdfParameters } from '../crypto/passphrase-wrap.js';
import { PRISON_USERS, seedPrison, type DemoPrison } from './prison.js';

/**
 * Demonstration data for `habeas demo`: facilities of every kind in several regions, people of
 * every kind the rules care about (adults, a juvenile, women, a foreign national who needs an
 * interpreter), one account per role (two custody units, two courts), police custody episodes
 * in every clock state and with every custody finding (src/demo/custody.ts), and, given the
 * complaints authority's key, complaints from two prison kiosks and a lawyer (src/demo/complaints.ts);
 * then stays in a remand centre and three prisons covering every prison rule (src/demo/prison.ts),
 * and camera recordings with evidence holds on them (src/demo/footage.ts). Every name here is invented.
 */
export const DEMO_PASSWORD = 'habeas-demo-2026';
/** The demonstration complaints authority's key passphrase (demo data only). */
export const DEMO_SEALING_PASSPHRASE = 'habeas-demo-complaints-key';
/** The demonstration procurator's office's own key passphrase (demo data only; issue 18 item 5). */
export const DEMO_PROCURATOR_PASSPHRASE = 'habeas-demo-procurator-key';
const ACTOR = 'system:demo';

interface DemoFacility {
  key: string;
  name: string;
  kind: 'police-custody' | 'remand-centre' | 'prison' | 'life-prison' | 'open-prison';
  population: 'men' | 'women' | 'juveniles' | 'mixed';
  region: RegionCode;
}

// Regions are ISO 3166-2:KZ codes as after the 2022 reform (src/domain/registry/regions.ts).
const FACILITIES: DemoFacility[] = [
  {
    key: 'ivs-astana',
    name: 'ИВС Департамента полиции г. Астаны',
    kind: 'police-custody',
    population: 'mixed',
    region: 'KZ-71',
  },
  {
    key: 'ivs-almaty',
    name: 'ИВС Департамента полиции г. Алматы',
    kind: 'police-custody',
    population: 'mixed',
    region: 'KZ-75',
  },
  {
    key: 'sizo-almaty',
    name: 'Следственный изолятор г. Алматы',
    kind: 'remand-centre',
    population: 'mixed',
    region: 'KZ-75',
  },
  {
    key: 'prison-karaganda',
    name: 'Исправительное учреждение средней безопасности, Карагандинская обл.',
    kind: 'prison',
    population: 'men',
    region: 'KZ-35',
  },
  {
    key: 'prison-women',
    name: 'Исправительное учреждение для женщин, Алматинская обл.',
    kind: 'prison',
    population: 'women',
    region: 'KZ-19',
  },
  {
    key: 'colony-juveniles',
    name: 'Воспитательная колония для несовершеннолетних, г. Шымкент',
    kind: 'prison',
    population: 'juveniles',
    region: 'KZ-79',
  },
  {
    key: 'life-mangystau',
    name: 'Учреждение для пожизненно осуждённых, Мангистауская обл.',
    kind: 'life-prison',
    population: 'men',
    region: 'KZ-47',
  },
  {
    key: 'open-pavlodar',
    name: 'Колония-поселение, Павлодарская обл.',
    kind: 'open-prison',
    population: 'men',
    region: 'KZ-55',
  },
];

interface DemoPerson {
  familyName: string;
  givenNames: string;
  patronymic?: string;
  birthDate: string;
  sex: Sex;
  citizenship?: string;
  languages?: string[];
  /** The documents the person carries (issue 17): an IIN for citizens, a passport for a foreigner. */
  identityDocuments?: { kind: 'iin' | 'passport'; number: string; issuedBy?: string }[];
  facility: string;
}

const PEOPLE: DemoPerson[] = [
  {
    familyName: 'Абенов',
    givenNames: 'Ерлан',
    patronymic: 'Серикович',
    birthDate: '1988-04-17',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['kk', 'ru'],
    identityDocuments: [{ kind: 'iin', number: '880417304170' }],
    facility: 'ivs-astana',
  },
  {
    familyName: 'Жумабекова',
    givenNames: 'Айгерим',
    birthDate: '1995-11-02',
    sex: 'female',
    citizenship: 'KZ',
    languages: ['kk'],
    identityDocuments: [{ kind: 'iin', number: '951102404300' }],
    facility: 'ivs-astana',
  },
  {
    familyName: 'Сериков',
    givenNames: 'Данияр',
    birthDate: '2009-06-30',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['kk', 'ru'],
    identityDocuments: [{ kind: 'iin', number: '090630504433' }],
    facility: 'ivs-astana',
  },
  {
    familyName: 'Karimov',
    givenNames: 'Rustam',
    birthDate: '1979-01-09',
    sex: 'male',
    citizenship: 'UZ',
    languages: ['uz'],
    identityDocuments: [{ kind: 'passport', number: 'FA1234567', issuedBy: 'Republic of Uzbekistan' }],
    facility: 'ivs-almaty',
  },
  {
    familyName: 'Петров',
    givenNames: 'Игорь',
    patronymic: 'Владимирович',
    birthDate: '1969-08-21',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['ru'],
    identityDocuments: [{ kind: 'iin', number: '690821304563' }],
    facility: 'ivs-almaty',
  },
  {
    familyName: 'Нурланова',
    givenNames: 'Динара',
    birthDate: '1991-02-14',
    sex: 'female',
    citizenship: 'KZ',
    languages: ['kk', 'ru'],
    identityDocuments: [{ kind: 'iin', number: '910214404697' }],
    facility: 'sizo-almaty',
  },
  {
    familyName: 'Ким',
    givenNames: 'Виктор',
    birthDate: '1984-12-05',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['ru'],
    identityDocuments: [{ kind: 'iin', number: '841205304827' }],
    facility: 'sizo-almaty',
  },
  {
    familyName: 'Токтаров',
    givenNames: 'Асхат',
    birthDate: '1990-07-19',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['kk'],
    identityDocuments: [{ kind: 'iin', number: '900719304951' }],
    facility: 'prison-karaganda',
  },
  {
    familyName: 'Иванов',
    givenNames: 'Сергей',
    patronymic: 'Петрович',
    birthDate: '1975-03-03',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['ru'],
    identityDocuments: [{ kind: 'iin', number: '750303305083' }],
    facility: 'prison-karaganda',
  },
  {
    familyName: 'Омарова',
    givenNames: 'Салтанат',
    birthDate: '1993-09-27',
    sex: 'female',
    citizenship: 'KZ',
    languages: ['kk', 'ru'],
    identityDocuments: [{ kind: 'iin', number: '930927405219' }],
    facility: 'prison-women',
  },
  {
    familyName: 'Литвиненко',
    givenNames: 'Оксана',
    birthDate: '1987-05-11',
    sex: 'female',
    citizenship: 'KZ',
    languages: ['ru'],
    identityDocuments: [{ kind: 'iin', number: '870511405342' }],
    facility: 'prison-women',
  },
  {
    familyName: 'Бекболатов',
    givenNames: 'Нурсултан',
    birthDate: '2008-10-08',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['kk'],
    identityDocuments: [{ kind: 'iin', number: '081008505470' }],
    facility: 'colony-juveniles',
  },
  {
    familyName: 'Ахметов',
    givenNames: 'Болат',
    birthDate: '1966-01-25',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['kk', 'ru'],
    identityDocuments: [{ kind: 'iin', number: '660125305601' }],
    facility: 'life-mangystau',
  },
  {
    familyName: 'Смагулов',
    givenNames: 'Арман',
    birthDate: '1982-06-06',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['kk', 'ru'],
    identityDocuments: [{ kind: 'iin', number: '820606305732' }],
    facility: 'open-pavlodar',
  },
];

interface DemoUser {
  username: string;
  role: Role;
  name: string;
  facilities: string[];
  regions: string[];
  sex: Sex;
  description: string;
}

const USERS: DemoUser[] = [
  {
    username: 'custody',
    role: 'custody-officer',
    name: 'Капитан А. Сапаров',
    facilities: ['ivs-astana'],
    regions: [],
    sex: 'male',
    description: 'police custody unit, Astana',
  },
  {
    username: 'custody-almaty',
    role: 'custody-officer',
    name: 'Майор Д. Ахметжанов',
    facilities: ['ivs-almaty'],
    regions: [],
    sex: 'male',
    description: 'police custody unit, Almaty',
  },
  {
    username: 'prison',
    role: 'prison-officer',
    name: 'Лейтенант Г. Ермекова',
    facilities: ['sizo-almaty', 'prison-women'],
    regions: [],
    sex: 'female',
    description: 'remand centre Almaty and women’s prison',
  },
  {
    username: 'governor',
    role: 'governor',
    name: 'Полковник М. Байжанов',
    facilities: ['prison-karaganda'],
    regions: [],
    sex: 'male',
    description: 'head of the Karaganda prison: requests for protection, never complaints',
  },
  {
    username: 'medical',
    role: 'medical',
    name: 'Д-р Л. Исаева',
    facilities: ['ivs-astana', 'sizo-almaty'],
    regions: [],
    sex: 'female',
    description: 'health official: police custody Astana and the Almaty remand centre',
  },
  {
    username: 'medical-forensic',
    role: 'medical',
    name: 'Д-р С. Бекенова, судебно-медицинский эксперт',
    facilities: ['ivs-astana', 'sizo-almaty'],
    regions: [],
    sex: 'female',
    description: 'forensic physician: second opinions (kz.medical.second-opinion)',
  },
  {
    username: 'complaints',
    role: 'complaints-officer',
    name: 'Т. Мусина',
    facilities: [],
    regions: [],
    sex: 'female',
    description: 'central complaints authority: opens (after unlocking the key) and answers complaints',
  },
  {
    username: 'procurator',
    role: 'procurator',
    name: 'Прокурор Е. Касымов',
    facilities: [],
    regions: [],
    sex: 'male',
    description: 'procurator’s office: torture allegations',
  },
  {
    username: 'judge',
    role: 'judge',
    name: 'Судья Р. Алиева',
    facilities: [],
    regions: ['KZ-71'],
    sex: 'female',
    description: 'investigating judge, Astana',
  },
  {
    username: 'judge-almaty',
    role: 'judge',
    name: 'Судья К. Тулегенова',
    facilities: [],
    regions: ['KZ-75'],
    sex: 'female',
    description: 'investigating judge, Almaty',
  },
  {
    username: 'monitor',
    role: 'monitor',
    name: 'А. Дюсенова (НПМ)',
    facilities: [],
    regions: [],
    sex: 'female',
    description: 'ombudsman / national preventive mechanism',
  },
  {
    username: 'statistician',
    role: 'statistician',
    name: 'Б. Ли',
    facilities: [],
    regions: [],
    sex: 'male',
    description: 'statistics office: aggregates only',
  },
  {
    username: 'admin',
    role: 'admin',
    name: 'Системный администратор',
    facilities: [],
    regions: [],
    sex: 'male',
    description: 'users and facilities; no case content',
  },
  // The staff of the remand centre, the prisons and the life prison (src/demo/prison.ts).
  ...PRISON_USERS,
];

export interface DemoAccounts {
  users: { username: string; role: Role; description: string }[];
  kiosk: { facility: string; token: string };
  facilities: Record<string, string>;
  /** Police custody episodes seeded, and the findings recorded on them. */
  custody: { episodes: number; findings: number };
  /** Complaints seeded (src/demo/complaints.ts); null without the authority's key to seal them to. */
  complaints: DemoComplaints | null;
  /** Stays in remand centres and prisons seeded (src/demo/prison.ts). */
  prison: DemoPrison;
  /** Camera recordings and evidence holds seeded (src/demo/footage.ts). */
  footage: DemoFootage;
  /** Clinicians with signing keys, examinations, reports and referrals seeded (src/demo/medical.ts). */
  medical: DemoMedical;
  cases: DemoCases;
}

/**
 * Where the demo finds the complaints authority's key (`habeas sealing init` in DATA) and, when it
 * was made, the procurator's office's (`--for procurator`), and the complaint rules.
 */
export interface DemoSealing {
  dataDir: string;
  complaintRules?: ComplaintRules;
  /** argon2id parameters of the demo clinicians' signing keys (default: the keystore's; tests pass small ones). */
  clinicianKdf?: KdfParameters;
}

/** The registry, accounts and custody records were kept for a while before the demo starts. */
const REGISTERED_DAYS_AGO = 7;

export async function seedDemo(
  store: Store,
  clock: () => Date,
  rules: CustodyRules = DEFAULT_CUSTODY_RULES,
  sealing?: DemoSealing,
): Promise<DemoAccounts> {
  const now = clock();
  const registered = new Date(now.getTime() - REGISTERED_DAYS_AGO * 24 * 3_600_000);
  const facilityIds: Record<string, string> = {};
  for (const facility of FACILITIES) {
    const { key, ...input } = facility;
    facilityIds[key] = (await createFacility(store, input, ACTOR, registered)).id;
  }
  const idOf = (key: string): string => {
    const id = facilityIds[key];
    if (!id) throw new Error(`demo data names an unknown facility ${key}`);
    return id;
  };
  const people: Record<string, string> = {};
  for (const { facility, ...person } of PEOPLE) {
    people[person.familyName] = (
      await createPerson(store, { ...person, facilityId: idOf(facility) }, ACTOR, registered)
    ).id;
  }
  const accounts: Record<string, string> = {};
  for (const { description: _description, ...user } of USERS) {
    accounts[user.username] = (
      await createUser(
        store,
        { ...user, password: DEMO_PASSWORD, facilities: user.facilities.map(idOf) },
        ACTOR,
        registered,
      )
    ).id;
  }
  const principal = async (username: string): Promise<Principal> => {
    const row = await store.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', accounts[username] ?? '')
      .executeTakeFirst();
    if (!row) throw new Error(`demo data names an unknown account ${username}`);
    return principalFromAccount(row);
  };
  const kiosk = await createToken(
    store,
    {
      role: 'kiosk',
      name: 'Киоск, женская колония, блок А',
      facilities: [idOf('prison-women')],
      regions: [],
    },
    ACTOR,
    registered,
  );
  const custody = await seedCustody(
    { store, rules },
    {
      astana: {
        facilityId: idOf('ivs-astana'),
        officer: await principal('custody'),
        judge: await principal('judge'),
      },
      almaty: {
        facilityId: idOf('ivs-almaty'),
        officer: await principal('custody-almaty'),
        judge: await principal('judge-almaty'),
      },
      remandCentreId: idOf('sizo-almaty'),
      people,
    },
    now,
  );
  const complaints = sealing
    ? await seedDemoComplaints(store, rules, sealing, clock, now, {
        karaganda: idOf('prison-karaganda'),
        women: idOf('prison-women'),
        womenKioskToken: kiosk.token,
        remandCentreId: idOf('sizo-almaty'),
        astanaCustodyId: idOf('ivs-astana'),
        officer: await principal('complaints'),
        procurator: await principal('procurator'),
        people,
        registered,
      })
    : null;
  // After the complaints: a sanction soon after a complaint is a reprisal flag (kz.complaint.reprisal).
  // The doctors' records (src/demo/medical.ts) go in before the prison's scheduler tick, so the
  // findings it records (kz.medical.report-duty among them) do not depend on the hour the demo runs.
  let medical: DemoMedical | undefined;
  const prison = await seedPrison({ store, rules }, { facility: idOf, principal, people }, now, async () => {
    medical = await seedMedical(
      {
        store,
        ...(sealing ? { dataDir: sealing.dataDir } : {}),
        principal,
        person: (familyName) => {
          const id = people[familyName];
          if (!id) throw new Error(`demo data names an unknown person ${familyName}`);
          return id;
        },
        ...(sealing?.clinicianKdf ? { clinicianKdf: sealing.clinicianKdf } : {}),
      },
      now,
    );
  });
  if (!medical) throw new Error('demo data: the medical records were not seeded');
  const footage = await seedFootage({ store }, { facility: idOf, principal }, now);
  // After the complaints and the doctors' records: the case files take their allegations and referral.
  const cases = await seedCases(
    store,
    {
      procurator: await principal('procurator'),
      karagandaFacilityId: idOf('prison-karaganda'),
      investigated: complaints?.investigated ?? null,
    },
    now,
  );
  return {
    users: USERS.map(({ username, role, description }) => ({ username, role, description })),
    kiosk: { facility: 'prison-women', token: kiosk.token },
    facilities: facilityIds,
    custody,
    complaints,
    prison,
    footage,
    medical,
    cases,
  };
}

/** The complaints of the demo (src/demo/complaints.ts), with a second kiosk, in the Karaganda prison. */
async function seedDemoComplaints(
  store: Store,
  rules: CustodyRules,
  sealing: DemoSealing,
  clock: () => Date,
  now: Date,
  cast: {
    karaganda: string;
    women: string;
    womenKioskToken: string;
    remandCentreId: string;
    astanaCustodyId: string;
    officer: Principal;
    procurator: Principal;
    people: Record<string, string>;
    registered: Date;
  },
): Promise<DemoComplaints> {
  const karagandaKiosk = await createToken(
    store,
    {
      role: 'kiosk',
      name: 'Киоск, колония в Караганде, отряд 3',
      facilities: [cast.karaganda],
      regions: [],
    },
    ACTOR,
    cast.registered,
  );
  const kioskPrincipal = async (token: string): Promise<Principal> => {
    const principal = await authenticateToken(store, token);
    if (!principal) throw new Error('demo data: a kiosk token does not authenticate');
    return principal;
  };
  return seedComplaints(
    {
      store,
      rules,
      complaintRules: sealing.complaintRules ?? DEFAULT_COMPLAINT_RULES,
      sealing: new SealingSessions(sealing.dataDir, clock),
      procuratorSealing: new SealingSessions(sealing.dataDir, clock, 'procurator'),
    },
    {
      kiosks: {
        karaganda: { principal: await kioskPrincipal(karagandaKiosk.token), facilityId: cast.karaganda },
        women: { principal: await kioskPrincipal(cast.womenKioskToken), facilityId: cast.women },
      },
      remandCentreId: cast.remandCentreId,
      astanaCustodyId: cast.astanaCustodyId,
      officer: cast.officer,
      procurator: cast.procurator,
      people: cast.people,
    },
    now,
  );
}
