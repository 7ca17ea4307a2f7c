import type { Role, Sex } from '../access/principal.js';
import { createToken, createUser } from '../app/accounts.js';
import { createFacility, createPerson } from '../app/registry.js';
import type { Store } from '../store/types.js';

/**
 * Demonstration data for `habeas demo`: facilities of every kind in several regions, people of
 * every kind the rules care about (adults, a juvenile, women, a foreign national who needs an
 * interpreter), and one account per role. Every name here is invented.
 */
export const DEMO_PASSWORD = 'habeas-demo-2026';
const ACTOR = 'system:demo';

interface DemoFacility {
  key: string;
  name: string;
  kind: 'police-custody' | 'remand-centre' | 'prison' | 'life-prison' | 'open-prison';
  population: 'men' | 'women' | 'juveniles' | 'mixed';
  region: string;
}

// Regions are ISO 3166-2:KZ codes.
const FACILITIES: DemoFacility[] = [
  {
    key: 'ivs-astana',
    name: 'ИВС Департамента полиции г. Астаны',
    kind: 'police-custody',
    population: 'mixed',
    region: 'KZ-AST',
  },
  {
    key: 'ivs-almaty',
    name: 'ИВС Департамента полиции г. Алматы',
    kind: 'police-custody',
    population: 'mixed',
    region: 'KZ-ALA',
  },
  {
    key: 'sizo-almaty',
    name: 'Следственный изолятор г. Алматы',
    kind: 'remand-centre',
    population: 'mixed',
    region: 'KZ-ALA',
  },
  {
    key: 'prison-karaganda',
    name: 'Исправительное учреждение средней безопасности, Карагандинская обл.',
    kind: 'prison',
    population: 'men',
    region: 'KZ-KAR',
  },
  {
    key: 'prison-women',
    name: 'Исправительное учреждение для женщин, Алматинская обл.',
    kind: 'prison',
    population: 'women',
    region: 'KZ-ALM',
  },
  {
    key: 'colony-juveniles',
    name: 'Воспитательная колония для несовершеннолетних, г. Шымкент',
    kind: 'prison',
    population: 'juveniles',
    region: 'KZ-SHY',
  },
  {
    key: 'life-mangystau',
    name: 'Учреждение для пожизненно осуждённых, Мангистауская обл.',
    kind: 'life-prison',
    population: 'men',
    region: 'KZ-MAN',
  },
  {
    key: 'open-pavlodar',
    name: 'Колония-поселение, Павлодарская обл.',
    kind: 'open-prison',
    population: 'men',
    region: 'KZ-PAV',
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
    facility: 'ivs-astana',
  },
  {
    familyName: 'Жумабекова',
    givenNames: 'Айгерим',
    birthDate: '1995-11-02',
    sex: 'female',
    citizenship: 'KZ',
    languages: ['kk'],
    facility: 'ivs-astana',
  },
  {
    familyName: 'Сериков',
    givenNames: 'Данияр',
    birthDate: '2009-06-30',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['kk', 'ru'],
    facility: 'ivs-astana',
  },
  {
    familyName: 'Karimov',
    givenNames: 'Rustam',
    birthDate: '1979-01-09',
    sex: 'male',
    citizenship: 'UZ',
    languages: ['uz'],
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
    facility: 'ivs-almaty',
  },
  {
    familyName: 'Нурланова',
    givenNames: 'Динара',
    birthDate: '1991-02-14',
    sex: 'female',
    citizenship: 'KZ',
    languages: ['kk', 'ru'],
    facility: 'sizo-almaty',
  },
  {
    familyName: 'Ким',
    givenNames: 'Виктор',
    birthDate: '1984-12-05',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['ru'],
    facility: 'sizo-almaty',
  },
  {
    familyName: 'Токтаров',
    givenNames: 'Асхат',
    birthDate: '1990-07-19',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['kk'],
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
    facility: 'prison-karaganda',
  },
  {
    familyName: 'Омарова',
    givenNames: 'Салтанат',
    birthDate: '1993-09-27',
    sex: 'female',
    citizenship: 'KZ',
    languages: ['kk', 'ru'],
    facility: 'prison-women',
  },
  {
    familyName: 'Литвиненко',
    givenNames: 'Оксана',
    birthDate: '1987-05-11',
    sex: 'female',
    citizenship: 'KZ',
    languages: ['ru'],
    facility: 'prison-women',
  },
  {
    familyName: 'Бекболатов',
    givenNames: 'Нурсултан',
    birthDate: '2008-10-08',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['kk'],
    facility: 'colony-juveniles',
  },
  {
    familyName: 'Ахметов',
    givenNames: 'Болат',
    birthDate: '1966-01-25',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['kk', 'ru'],
    facility: 'life-mangystau',
  },
  {
    familyName: 'Смагулов',
    givenNames: 'Арман',
    birthDate: '1982-06-06',
    sex: 'male',
    citizenship: 'KZ',
    languages: ['kk', 'ru'],
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
    description: 'head of the Karaganda prison',
  },
  {
    username: 'medical',
    role: 'medical',
    name: 'Д-р Л. Исаева',
    facilities: ['ivs-astana', 'sizo-almaty'],
    regions: [],
    sex: 'female',
    description: 'health official',
  },
  {
    username: 'complaints',
    role: 'complaints-officer',
    name: 'Т. Мусина',
    facilities: [],
    regions: [],
    sex: 'female',
    description: 'central complaints authority',
  },
  {
    username: 'procurator',
    role: 'procurator',
    name: 'Прокурор Е. Касымов',
    facilities: [],
    regions: [],
    sex: 'male',
    description: 'procurator’s office',
  },
  {
    username: 'judge',
    role: 'judge',
    name: 'Судья Р. Алиева',
    facilities: [],
    regions: ['KZ-AST'],
    sex: 'female',
    description: 'investigating judge, Astana',
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
];

export interface DemoAccounts {
  users: { username: string; role: Role; description: string }[];
  kiosk: { facility: string; token: string };
  facilities: Record<string, string>;
}

export async function seedDemo(store: Store, _clock: () => Date): Promise<DemoAccounts> {
  const facilityIds: Record<string, string> = {};
  for (const facility of FACILITIES) {
    const { key, ...input } = facility;
    facilityIds[key] = (await createFacility(store, input, ACTOR)).id;
  }
  const idOf = (key: string): string => {
    const id = facilityIds[key];
    if (!id) throw new Error(`demo data names an unknown facility ${key}`);
    return id;
  };
  for (const { facility, ...person } of PEOPLE) {
    await createPerson(store, { ...person, facilityId: idOf(facility) }, ACTOR);
  }
  for (const { description: _description, ...user } of USERS) {
    await createUser(
      store,
      { ...user, password: DEMO_PASSWORD, facilities: user.facilities.map(idOf) },
      ACTOR,
    );
  }
  const kiosk = await createToken(
    store,
    {
      role: 'kiosk',
      name: 'Kiosk, women’s prison, block A',
      facilities: [idOf('prison-women')],
      regions: [],
    },
    ACTOR,
  );
  return {
    users: USERS.map(({ username, role, description }) => ({ username, role, description })),
    kiosk: { facility: 'prison-women', token: kiosk.token },
    facilities: facilityIds,
  };
}
