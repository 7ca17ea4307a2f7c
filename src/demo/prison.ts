import type { z } from 'zod';
import type { Principal, Role, Sex } from '../access/principal.js';
import { RefusedError } from '../app/errors.js';
import { admitPrisoner, recordStayEvent, type PrisonServices } from '../app/prison.js';
import type { StayView } from '../app/prison-views.js';
import { createPerson } from '../app/registry.js';
import { ClockScheduler } from '../clocks/scheduler.js';
import type { CustodyState } from '../domain/custody/state.js';
import { addDays, daysBetween, kzCalendarDate, kzDayStart } from '../domain/prison/facts.js';
import type { AdmissionInput, StayEventInput } from '../domain/prison/inputs.js';
import { KZ_UTC_OFFSET, KZ_UTC_OFFSET_MINUTES } from '../rules/kz/custody.js';

/*
 * Remand centres and prisons for `habeas demo` (issue 5 item 7), made through the application
 * services as the facilities' officers, governors and doctors would have made them: each entry is
 * recorded a few minutes after it happened, with the service's `now` set to that moment, so the
 * deciders flag only what was late or short; the routine of each day (the exercise register, the
 * doctor's round in the punishment block) is written in time order between the other entries.
 * Then one scheduler tick at the demo's `now` records what fell due since. Timed relative to
 * `now` on Kazakhstan's calendar, whenever the demo starts there are —
 *
 *   refused decisions kept in the log (discipline-refused): a punishment block for a pregnant
 *     woman, a juvenile and a woman whose infant lives in the facility (kz.discipline.exempt); a
 *     16-day punishment block (kz.discipline.punishment-block); solitary with no earlier
 *     punishment block (kz.discipline.solitary-prior); a punishment block for a man never
 *     examined by a doctor (kz.discipline.medical-before);
 *   a lawful 30-day solitary placement, flagged at once (intl.solitary.prolonged), with two days
 *     the doctor did not come (intl.solitary.health-visits); a 15-day punishment block followed
 *     back to back by solitary, flagged by the scheduler on day 16; a "quarantine" cell with 23 h a
 *     day alone (intl.solitary.definition); a breastfeeding mother in a punishment block
 *     (intl.solitary.exempt); a personal search of a woman by a male officer (intl.search.women);
 *     a life-sentenced man's missed day outdoors (kz.life.exercise, intl.exercise); an admission
 *     examination not done in 24 hours (kz.admission.medical);
 *   an admission from a police custody episode of the custody demo (custodyId carried over), with
 *     HIV and TB screening; examinations noting bodily harm (open medical referrals); incentives;
 *     an appeal that quashed a punishment block; a transfer for overcrowding with the family
 *     notified; a release;
 *   a reprisal flag (kz.complaint.reprisal): Токтаров, who complained at the Karaganda kiosk of
 *     being beaten (src/demo/complaints.ts), placed in the punishment block days later.
 *
 * Names, case numbers and events are invented. Reasons and orders cite the Criminal Code (УК РК),
 * the Code of Criminal Procedure (УПК РК) and the Penal Enforcement Code (УИК РК).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How long after an event the official records it, unless a step says otherwise. */
const RECORDING_DELAY_MINUTES = 5;

type StayEvent = z.input<typeof StayEventInput>;
/** Entries that carry a date, not a moment. */
const UNTIMED: ReadonlySet<string> = new Set([
  'exercise-logged',
  'vulnerability-recorded',
  'vulnerability-ended',
]);
type Admission = z.input<typeof AdmissionInput>;

/** A demo account of the prison system, as seed.ts creates them (facilities by the seed's keys). */
export interface PrisonDemoUser {
  username: string;
  role: Role;
  name: string;
  facilities: string[];
  regions: string[];
  sex: Sex;
  description: string;
}

/**
 * The prison staff accounts this demo acts as, besides those seed.ts already has (`prison`:
 * officer of the Almaty remand centre and the women's prison; `governor`: head of the Karaganda
 * prison; `medical`: health official of the Astana custody unit and the Almaty remand centre).
 */
export const PRISON_USERS: PrisonDemoUser[] = [
  {
    username: 'prison-karaganda',
    role: 'prison-officer',
    name: 'Капитан Н. Есенгалиев',
    facilities: ['prison-karaganda'],
    regions: [],
    sex: 'male',
    description: 'officer, Karaganda prison',
  },
  {
    username: 'prison-mangystau',
    role: 'prison-officer',
    name: 'Ст. лейтенант Е. Утепов',
    facilities: ['life-mangystau'],
    regions: [],
    sex: 'male',
    description: 'officer, life prison Mangystau',
  },
  {
    username: 'governor-almaty',
    role: 'governor',
    name: 'Полковник Б. Тасмагамбетов',
    facilities: ['sizo-almaty'],
    regions: [],
    sex: 'male',
    description: 'head of the Almaty remand centre',
  },
  {
    username: 'governor-women',
    role: 'governor',
    name: 'Подполковник Г. Сейтова',
    facilities: ['prison-women'],
    regions: [],
    sex: 'female',
    description: 'head of the women’s prison',
  },
  {
    username: 'governor-mangystau',
    role: 'governor',
    name: 'Полковник Т. Жанабаев',
    facilities: ['life-mangystau'],
    regions: [],
    sex: 'male',
    description: 'head of the life prison Mangystau',
  },
  {
    username: 'medical-karaganda',
    role: 'medical',
    name: 'Д-р А. Кенжебаева',
    facilities: ['prison-karaganda'],
    regions: [],
    sex: 'female',
    description: 'doctor, Karaganda prison',
  },
  {
    username: 'medical-women',
    role: 'medical',
    name: 'Д-р М. Ахмедова',
    facilities: ['prison-women'],
    regions: [],
    sex: 'female',
    description: 'doctor, women’s prison',
  },
  {
    username: 'medical-mangystau',
    role: 'medical',
    name: 'Д-р С. Нургазиев',
    facilities: ['life-mangystau'],
    regions: [],
    sex: 'male',
    description: 'doctor, life prison Mangystau',
  },
];

/** Who acts in a facility: its officer, its governor and its doctor. */
interface Staff {
  officer: Principal;
  governor: Principal;
  medical: Principal;
}
type Who = keyof Staff;

interface Facility {
  id: string;
  staff: Staff;
}

/** What the seed gives the prison demo. */
export interface PrisonCast {
  /** A facility id by the seed's key. */
  facility: (key: string) => string;
  /** The principal of a demo account, by username. */
  principal: (username: string) => Promise<Principal>;
  /** People the seed already registered, by family name. */
  people: Record<string, string>;
}

export interface DemoPrison {
  stays: number;
  /** Disciplinary decisions refused by national law and kept in the log. */
  refused: number;
  /** Prison findings recorded. */
  findings: number;
}

/** A moment as a Kazakh official states it: local time with the +05:00 offset. */
function kzTime(moment: number): string {
  return `${new Date(moment + KZ_UTC_OFFSET_MINUTES * MINUTE).toISOString().slice(0, 19)}${KZ_UTC_OFFSET}`;
}

/** Days and times on Kazakhstan's calendar, counted back from the demo's `now`. */
class Calendar {
  readonly today: string;
  constructor(readonly now: Date) {
    this.today = kzCalendarDate(now.toISOString());
  }

  /** The date `daysAgo` days before today. */
  date(daysAgo: number): string {
    return addDays(this.today, -daysAgo);
  }

  /** `time` (HH:MM, Kazakhstan) on the day `daysAgo` days before today. */
  at(daysAgo: number, time: string): number {
    const [hours = 0, minutes = 0] = time.split(':').map(Number);
    return kzDayStart(this.date(daysAgo)) + hours * HOUR + minutes * MINUTE;
  }

  /** `hours` before `now`, on the minute. */
  ago(hours: number): number {
    return Math.floor((this.now.getTime() - hours * HOUR) / MINUTE) * MINUTE;
  }

  /** How many days before today the moment's date is. */
  daysAgo(moment: number): number {
    return daysBetween(kzCalendarDate(new Date(moment).toISOString()), this.today);
  }

  /** The birth date of someone `years` and `days` old today (juveniles stay juveniles whenever the demo runs). */
  birthDate(years: number, days: number): string {
    const day = this.date(days);
    const date = `${String(Number(day.slice(0, 4)) - years).padStart(4, '0')}${day.slice(4)}`;
    return date.endsWith('-02-29') ? date.replace(/-29$/, '-28') : date;
  }

  /** The year, two digits, as court and register numbers carry it. */
  get yy(): string {
    return this.today.slice(2, 4);
  }
}

/** One entry of a day's routine, written in time order between the other entries of the stay. */
interface Routine {
  moment: number;
  who: Who;
  input: StayEvent;
}

/**
 * One stay as it happened: entries are recorded in time order, each `RECORDING_DELAY_MINUTES`
 * after its moment (never after `now`); the daily routine queued by `exercise` and `healthVisits`
 * is written as time reaches it, so that no day is found missing that was not.
 */
class Stay {
  private routine: Routine[] = [];
  /** The moment of the latest entry written: a story never steps back in time. */
  private last: number;
  private releasedAt: number | null = null;
  /** Disciplinary decisions refused by national law (kept in the log as discipline-refused). */
  refused = 0;

  private constructor(
    private readonly services: PrisonServices,
    private readonly calendar: Calendar,
    private facility: Facility,
    readonly id: string,
    private readonly admittedAt: number,
  ) {
    this.last = admittedAt;
  }

  static async admit(
    services: PrisonServices,
    calendar: Calendar,
    facility: Facility,
    spec: Omit<Admission, 'facilityId' | 'admittedAt'> & { at: number },
  ): Promise<Stay> {
    const { at, ...admission } = spec;
    const recordedAt = Stay.recording(calendar, at, RECORDING_DELAY_MINUTES + 10);
    const view = await admitPrisoner(
      services,
      facility.staff.officer,
      { ...admission, facilityId: facility.id, admittedAt: kzTime(at) },
      recordedAt,
    );
    return new Stay(services, calendar, facility, view.id, at);
  }

  /** When an entry of `moment` is recorded: `delay` minutes later, never after `now`. */
  private static recording(calendar: Calendar, moment: number, delay: number): Date {
    const now = calendar.now.getTime();
    if (moment > now)
      throw new Error(`demo data: a step at ${new Date(moment).toISOString()} is in the future`);
    return new Date(Math.min(moment + delay * MINUTE, now));
  }

  private queue(entries: Routine[]): void {
    this.routine = [...this.routine, ...entries].sort((a, b) => a.moment - b.moment);
  }

  /**
   * The exercise register: `minutes` outdoors on every complete day of the stay up to `until`
   * days ago (default yesterday), logged at `time` when the walk ends — except the `missed` days.
   */
  exercise(options: { time?: string; minutes?: number; missed?: number[]; until?: number } = {}): this {
    const { time = '11:10', minutes = 60, missed = [], until = 1 } = options;
    const entries: Routine[] = [];
    for (let daysAgo = this.calendar.daysAgo(this.admittedAt) - 1; daysAgo >= until; daysAgo--) {
      if (missed.includes(daysAgo)) continue;
      entries.push({
        moment: this.calendar.at(daysAgo, time),
        who: 'officer',
        input: { type: 'exercise-logged', date: this.calendar.date(daysAgo), minutes },
      });
    }
    this.queue(entries);
    return this;
  }

  /** The doctor's round on each day from `from` to `to` days ago (the first day at `firstAt`), except `skip`. */
  healthVisits(
    from: number,
    to: number,
    options: { at?: string; firstAt?: string; skip?: number[] } = {},
  ): this {
    const { at = '10:30', firstAt = at, skip = [] } = options;
    const entries: Routine[] = [];
    for (let daysAgo = from; daysAgo >= to; daysAgo--) {
      if (skip.includes(daysAgo)) continue;
      const moment = this.calendar.at(daysAgo, daysAgo === from ? firstAt : at);
      entries.push({ moment, who: 'medical', input: { type: 'health-visit', at: kzTime(moment) } });
    }
    this.queue(entries);
    return this;
  }

  /** Writes the routine entries due by `moment`. */
  private async catchUp(moment: number): Promise<void> {
    while (this.routine[0] && this.routine[0].moment <= moment) {
      const entry = this.routine.shift();
      if (!entry) break;
      if (this.releasedAt !== null && entry.moment >= this.releasedAt) continue;
      await this.write(entry.moment, entry.who, entry.input);
    }
  }

  private async write(moment: number, who: Who, input: StayEvent): Promise<StayView> {
    if (moment < this.last)
      throw new Error(`demo data: stay ${this.id} steps back to ${new Date(moment).toISOString()}`);
    this.last = moment;
    return recordStayEvent(
      this.services,
      this.facility.staff[who],
      this.id,
      input,
      Stay.recording(this.calendar, moment, RECORDING_DELAY_MINUTES),
    );
  }

  /** An entry that happened at `moment`, stated with that time where the event has one. */
  async record(moment: number, who: Who, input: StayEvent): Promise<StayView> {
    await this.catchUp(moment);
    const stated = UNTIMED.has(input.type) ? input : ({ ...input, at: kzTime(moment) } as StayEvent);
    const view = await this.write(moment, who, stated);
    if (input.type === 'released' || input.type === 'died') this.releasedAt = moment;
    return view;
  }

  /** A breach report; returns its id for the decision. */
  async breach(moment: number, description: string, reportedBy: string): Promise<string> {
    const view = await this.record(moment, 'officer', { type: 'breach-reported', description, reportedBy });
    const report = view.timeline.filter((entry) => entry.type === 'breach-reported').at(-1);
    const reportId = report?.details.reportId;
    if (typeof reportId !== 'string') throw new Error(`demo data: stay ${this.id} has no breach report`);
    return reportId;
  }

  /** A disciplinary decision national law refuses: the governor gets the refusal, the log keeps the attempt. */
  async refusedDecision(
    moment: number,
    input: Extract<StayEvent, { type: 'discipline-decided' }>,
    rule: string,
  ): Promise<void> {
    try {
      await this.record(moment, 'governor', input);
    } catch (error) {
      if (error instanceof RefusedError && error.rule === rule) {
        this.refused += 1;
        return;
      }
      throw error;
    }
    throw new Error(`demo data: stay ${this.id}: ${input.measure} was not refused with ${rule}`);
  }

  /** A transfer: recorded by the sending facility; from then on the receiving facility's staff act. */
  async transfer(
    moment: number,
    destination: Facility,
    input: Omit<Extract<StayEvent, { type: 'transferred' }>, 'type' | 'destinationFacilityId'>,
  ): Promise<void> {
    await this.record(moment, 'officer', {
      type: 'transferred',
      destinationFacilityId: destination.id,
      ...input,
    });
    this.facility = destination;
  }

  /** Writes the rest of the routine that has happened by `now`. */
  async finish(): Promise<void> {
    await this.catchUp(this.calendar.now.getTime() - RECORDING_DELAY_MINUTES * MINUTE);
  }

  /** The decision id of the latest disciplinary decision (for an appeal). */
  static decisionOf(view: StayView): string {
    const decision = view.discipline.at(-1);
    if (!decision) throw new Error(`demo data: stay ${view.id} has no disciplinary decision`);
    return decision.decisionId;
  }
}

interface NewPerson {
  familyName: string;
  givenNames: string;
  patronymic: string;
  /** A fixed birth date, or an age today. */
  birthDate: string | { years: number; days: number };
  sex: Sex;
  languages: string[];
}

/** People first registered on admission (the register's other people are in seed.ts and custody.ts). */
const ADMITTED = {
  orazaliyev: {
    familyName: 'Оразалиев',
    givenNames: 'Мирас',
    patronymic: 'Ерланович',
    birthDate: { years: 17, days: 74 },
    sex: 'male',
    languages: ['kk', 'ru'],
  },
  sarsenov: {
    familyName: 'Сарсенов',
    givenNames: 'Даурен',
    patronymic: 'Нурланович',
    birthDate: '1985-10-12',
    sex: 'male',
    languages: ['kk', 'ru'],
  },
  abishev: {
    familyName: 'Абишев',
    givenNames: 'Нуржан',
    patronymic: 'Маратович',
    birthDate: '1979-02-03',
    sex: 'male',
    languages: ['kk', 'ru'],
  },
  zhumabayev: {
    familyName: 'Жумабаев',
    givenNames: 'Галым',
    patronymic: 'Серикович',
    birthDate: '1991-08-25',
    sex: 'male',
    languages: ['kk', 'ru'],
  },
  kaliyev: {
    familyName: 'Калиев',
    givenNames: 'Ринат',
    patronymic: 'Болатович',
    birthDate: '1983-05-16',
    sex: 'male',
    languages: ['kk', 'ru'],
  },
  baiturov: {
    familyName: 'Байтуров',
    givenNames: 'Марат',
    patronymic: 'Ерикович',
    birthDate: '1994-12-01',
    sex: 'male',
    languages: ['ru'],
  },
  doszhanov: {
    familyName: 'Досжанов',
    givenNames: 'Айбек',
    patronymic: 'Кайратович',
    birthDate: '1997-04-09',
    sex: 'male',
    languages: ['kk'],
  },
  seitkaliyev: {
    familyName: 'Сейткалиев',
    givenNames: 'Бауржан',
    patronymic: 'Амангельдиевич',
    birthDate: '1980-11-27',
    sex: 'male',
    languages: ['kk', 'ru'],
  },
  turginbayeva: {
    familyName: 'Тургинбаева',
    givenNames: 'Жанар',
    patronymic: 'Бахытовна',
    birthDate: '1996-01-30',
    sex: 'female',
    languages: ['kk', 'ru'],
  },
} satisfies Record<string, NewPerson>;
type AdmittedKey = keyof typeof ADMITTED;

const ALMATY_REMAND_COURT = 'Специализированный следственный суд г. Алматы';
const PROCURATOR_KARAGANDA = 'прокурор по надзору за законностью в учреждениях УИС Карагандинской области';

/** Adds the demo's prison stays; returns how many stays, refused decisions and findings there are. */
export async function seedPrison(
  services: PrisonServices,
  cast: PrisonCast,
  now: Date,
  /** What else is recorded on the stays before the scheduler looks (the doctors' records: src/demo/medical.ts). */
  beforeTick?: () => Promise<void>,
): Promise<DemoPrison> {
  const calendar = new Calendar(now);
  const at = (daysAgo: number, time: string): number => calendar.at(daysAgo, time);
  const { yy } = calendar;
  const facility = async (key: string, usernames: Record<Who, string>): Promise<Facility> => ({
    id: cast.facility(key),
    staff: {
      officer: await cast.principal(usernames.officer),
      governor: await cast.principal(usernames.governor),
      medical: await cast.principal(usernames.medical),
    },
  });
  const remand = await facility('sizo-almaty', {
    officer: 'prison',
    governor: 'governor-almaty',
    medical: 'medical',
  });
  const karaganda = await facility('prison-karaganda', {
    officer: 'prison-karaganda',
    governor: 'governor',
    medical: 'medical-karaganda',
  });
  const women = await facility('prison-women', {
    officer: 'prison',
    governor: 'governor-women',
    medical: 'medical-women',
  });
  const life = await facility('life-mangystau', {
    officer: 'prison-mangystau',
    governor: 'governor-mangystau',
    medical: 'medical-mangystau',
  });

  const registered = (familyName: string): string => {
    const id = cast.people[familyName];
    if (!id) throw new Error(`demo data names an unknown person ${familyName}`);
    return id;
  };
  /** Registers one of ADMITTED at the admitting facility, minutes before the admission. */
  const newcomer = async (key: AdmittedKey, where: Facility, admittedAt: number): Promise<string> => {
    const { birthDate, ...details } = ADMITTED[key];
    return (
      await createPerson(
        services.store,
        {
          ...details,
          birthDate:
            typeof birthDate === 'string' ? birthDate : calendar.birthDate(birthDate.years, birthDate.days),
          citizenship: 'KZ',
          facilityId: where.id,
        },
        where.staff.officer.id,
        new Date(Math.min(admittedAt + 5 * MINUTE, now.getTime())),
      )
    ).id;
  };
  const admit = (where: Facility, spec: Parameters<typeof Stay.admit>[3]) =>
    Stay.admit(services, calendar, where, spec);
  /** The admission examination with both screenings (kz.admission.medical). */
  const screened = (notes = 'жалоб нет, видимых телесных повреждений нет'): StayEvent => ({
    type: 'medical-examined',
    purpose: 'admission',
    hivScreening: 'done',
    tbScreening: 'done',
    bodilyHarm: false,
    results: { hiv: 'экспресс-тест: отрицательно', tb: 'флюорография: без патологии', notes },
  });
  const prePlacement = (notes = 'противопоказаний к содержанию в ШИЗО не выявлено'): StayEvent => ({
    type: 'medical-examined',
    purpose: 'pre-placement',
    bodilyHarm: false,
    results: { notes },
  });
  const remandOrder = (number: number, article: string) => ({
    reference: `7511-${yy}-00-4с/${number}`,
    authority: ALMATY_REMAND_COURT,
    grounds: `мера пресечения — содержание под стражей (ст. 147 УПК РК); подозрение: ${article}`,
  });

  // Each stay's story is told in time order; the stories run side by side, so that their entries
  // share the store's group commits.
  const stories: Promise<Stay>[] = [];
  const story = (tell: () => Promise<Stay>): void => {
    stories.push(
      tell().then(async (stay) => {
        await stay.finish();
        return stay;
      }),
    );
  };

  // ── Следственный изолятор г. Алматы ─────────────────────────────────────────────────────────

  // Transferred from the police custody demo (the Almaty unit's episode): custodyId carried over,
  // examined with HIV and TB screening within hours.
  story(async () => {
    const episode = await transferredEpisode(services, 'Жаксылыков', remand.id);
    const stay = await admit(remand, {
      personId: episode.personId,
      custodyId: episode.id,
      at: episode.transferredAt + 50 * MINUTE,
      commitmentOrder: {
        ...remandOrder(2194, 'вымогательство в крупном размере (ст. 194 ч. 3 УК РК)'),
        issuedOn: calendar.date(calendar.daysAgo(episode.transferredAt)),
      },
    });
    await stay.record(
      episode.transferredAt + 150 * MINUTE,
      'medical',
      screened('ссадин и кровоподтёков нет; жалоб на здоровье не предъявляет'),
    );
    return stay;
  });

  // A remand prisoner whose lawyer wrote to the authority that the convoy beat him
  // (src/demo/complaints.ts): the doctor notes bodily harm, which opens a medical referral.
  story(async () => {
    const stay = await admit(remand, {
      personId: registered('Ким'),
      at: at(8, '16:20'),
      commitmentOrder: remandOrder(2061, 'мошенничество в крупном размере (ст. 190 ч. 3 УК РК)'),
      deprivedOfLiberty: {
        at: kzTime(at(10, '07:15')),
        place: 'г. Алматы, Бостандыкский район, ул. Тимирязева, 42, офис 305',
        authority: 'СУ ДП г. Алматы',
      },
    });
    stay.exercise({ time: '10:40' });
    await stay.record(at(8, '18:05'), 'medical', screened());
    await stay.record(at(1, '14:30'), 'medical', {
      type: 'medical-examined',
      purpose: 'routine',
      bodilyHarm: true,
      results: {
        notes:
          'кровоподтёки на лице (скуловая область слева) и на левой боковой поверхности грудной клетки, ' +
          'давностью 3–4 суток; со слов — удары при конвоировании из суда. Направлен на рентгенографию рёбер',
      },
    });
    return stay;
  });

  // A pregnant woman: a punishment block refused (kz.discipline.exempt), a reprimand instead;
  // searched at night by a male officer (intl.search.women).
  story(async () => {
    const stay = await admit(remand, {
      personId: registered('Нурланова'),
      at: at(6, '15:00'),
      commitmentOrder: remandOrder(2127, 'присвоение вверенного имущества (ст. 189 ч. 2 УК РК)'),
    });
    stay.exercise({ time: '11:30' });
    await stay.record(
      at(6, '17:30'),
      'medical',
      screened('беременность 19–20 недель, состояние удовлетворительное'),
    );
    await stay.record(at(6, '17:40'), 'medical', {
      type: 'vulnerability-recorded',
      kind: 'pregnant',
      from: calendar.date(140),
      note: 'беременность 19–20 недель (обменная карта женской консультации № 7 г. Алматы)',
    });
    await stay.record(at(4, '23:10'), 'officer', {
      type: 'search-recorded',
      kind: 'personal',
      searchedBy: 'ст. прапорщик К. Бекетов, дежурный помощник начальника изолятора',
      searcherSex: 'male',
    });
    const report = await stay.breach(
      at(3, '09:15'),
      'отказалась выйти на утреннюю проверку, вступила в пререкания с контролёром',
      'мл. сержант А. Исмаилова, контролёр',
    );
    await stay.refusedDecision(
      at(3, '15:00'),
      {
        type: 'discipline-decided',
        measure: 'punishment-block',
        days: 5,
        reason: 'нарушение распорядка дня, пререкания с сотрудником',
        reportId: report,
      },
      'kz.discipline.exempt',
    );
    await stay.record(at(3, '15:20'), 'governor', {
      type: 'discipline-decided',
      measure: 'reprimand',
      reason: 'нарушение распорядка дня, пререкания с сотрудником (ст. 130 УИК РК)',
      reportId: report,
      informedLanguage: 'ru',
    });
    return stay;
  });

  // A juvenile on remand: a punishment block refused (kz.discipline.exempt), a warning instead.
  story(async () => {
    const admittedAt = at(9, '12:40');
    const stay = await admit(remand, {
      personId: await newcomer('orazaliyev', remand, admittedAt - 20 * MINUTE),
      at: admittedAt,
      commitmentOrder: remandOrder(2088, 'грабёж, совершённый группой лиц (ст. 192 ч. 2 п. 2 УК РК)'),
    });
    // Juveniles walk two hours a day.
    stay.exercise({ time: '12:10', minutes: 120 });
    await stay.record(at(9, '16:00'), 'medical', screened());
    const report = await stay.breach(
      at(5, '20:10'),
      'драка с сокамерником в камере № 118',
      'ст. сержант Д. Оспанов, младший инспектор',
    );
    await stay.refusedDecision(
      at(4, '11:30'),
      {
        type: 'discipline-decided',
        measure: 'punishment-block',
        days: 7,
        reason: 'драка с сокамерником',
        reportId: report,
      },
      'kz.discipline.exempt',
    );
    await stay.record(at(4, '11:45'), 'governor', {
      type: 'discipline-decided',
      measure: 'warning',
      reason: 'драка с сокамерником; беседа проведена в присутствии педагога',
      reportId: report,
      informedLanguage: 'kk',
    });
    return stay;
  });

  // Never examined since admission (kz.admission.medical, found by the scheduler), so a
  // punishment block is refused (kz.discipline.medical-before).
  story(async () => {
    const admittedAt = calendar.ago(40);
    const stay = await admit(remand, {
      personId: await newcomer('sarsenov', remand, admittedAt - 20 * MINUTE),
      at: admittedAt,
      commitmentOrder: remandOrder(
        2203,
        'умышленное причинение средней тяжести вреда здоровью (ст. 107 ч. 1 УК РК)',
      ),
    });
    stay.exercise({ time: '10:40' });
    const report = await stay.breach(
      calendar.ago(20),
      'драка в камере № 214, нанёс удары сокамернику',
      'ст. сержант Е. Жакупов, младший инспектор',
    );
    await stay.refusedDecision(
      calendar.ago(6),
      {
        type: 'discipline-decided',
        measure: 'punishment-block',
        days: 5,
        reason: 'драка в камере',
        reportId: report,
      },
      'kz.discipline.medical-before',
    );
    return stay;
  });

  // Released by the investigating judge (house arrest instead).
  story(async () => {
    const admittedAt = at(12, '17:00');
    const stay = await admit(remand, {
      personId: await newcomer('abishev', remand, admittedAt - 20 * MINUTE),
      at: admittedAt,
      commitmentOrder: remandOrder(2032, 'уклонение от уплаты налогов (ст. 245 ч. 2 УК РК)'),
    });
    stay.exercise({ time: '11:30', until: 4 });
    await stay.record(at(12, '19:10'), 'medical', screened());
    await stay.record(at(3, '16:30'), 'officer', {
      type: 'released',
      reason: `постановление ${ALMATY_REMAND_COURT}: мера пресечения изменена на домашний арест (ст. 146 УПК РК)`,
    });
    return stay;
  });

  // Transferred for overcrowding to the Karaganda prison; the family told; examined on arrival.
  story(async () => {
    const admittedAt = at(20, '14:00');
    const stay = await admit(remand, {
      personId: await newcomer('zhumabayev', remand, admittedAt - 20 * MINUTE),
      at: admittedAt,
      commitmentOrder: {
        reference: `1-412/${calendar.today.slice(0, 4)}`,
        authority: 'Медеуский районный суд г. Алматы',
        issuedOn: calendar.date(34),
        grounds:
          'приговор: 4 года лишения свободы, кража в крупном размере (ст. 188 ч. 3 УК РК); вступил в силу',
      },
      deprivedOfLiberty: {
        at: kzTime(at(200, '09:30')),
        place: 'г. Алматы, Медеуский район, ул. Кунаева, 21',
        authority: 'УП Медеуского района ДП г. Алматы',
      },
    });
    stay.exercise({ time: '16:10' });
    await stay.record(at(20, '16:30'), 'medical', screened());
    await stay.transfer(at(4, '07:30'), karaganda, {
      reason: 'overcrowding',
      detail:
        'переполненность изолятора (1 243 человека при лимите 1 100); этапирован для отбывания наказания',
    });
    await stay.record(at(4, '09:50'), 'officer', {
      type: 'family-notified',
      contact: 'супруга, Жумабаева А. К.',
      means: 'phone',
    });
    await stay.record(
      at(4, '11:30'),
      'medical',
      screened('прибыл этапом; жалоб нет, телесных повреждений нет'),
    );
    return stay;
  });

  // ── Исправительное учреждение средней безопасности, Карагандинская обл. ─────────────────────

  // kz.complaint.reprisal: complained at the kiosk of being beaten (src/demo/complaints.ts, nine
  // days ago), then placed in the punishment block; the doctor notes healing bruises.
  story(async () => {
    const stay = await admit(karaganda, {
      personId: registered('Токтаров'),
      at: at(21, '11:00'),
      commitmentOrder: {
        reference: `1-287/${calendar.today.slice(0, 4)}`,
        authority: 'Казыбекбийский районный суд г. Караганды',
        grounds: 'приговор: 3 года лишения свободы, грабёж (ст. 192 ч. 2 УК РК)',
      },
    });
    stay.exercise({ time: '17:10' });
    stay.healthVisits(5, 1, { firstAt: '13:00' });
    await stay.record(at(21, '15:00'), 'medical', screened());
    const report = await stay.breach(
      at(6, '19:40'),
      'нарушение формы одежды, пререкания с сотрудником при вечерней проверке',
      'мл. сержант Д. Ахметов, младший инспектор',
    );
    await stay.record(at(5, '10:00'), 'medical', {
      type: 'medical-examined',
      purpose: 'pre-placement',
      bodilyHarm: true,
      results: {
        notes:
          'кровоподтёки на спине и задней поверхности бёдер в стадии заживления (7–10 суток); ' +
          'противопоказаний к содержанию в ШИЗО не выявлено',
      },
    });
    await stay.record(at(5, '12:00'), 'governor', {
      type: 'discipline-decided',
      measure: 'punishment-block',
      days: 7,
      reason: 'нарушение формы одежды, пререкания с сотрудником (ст. 130 УИК РК)',
      reportId: report,
      informedLanguage: 'kk',
    });
    return stay;
  });

  // Asked for protection at the kiosk three hours ago (src/demo/complaints.ts); his cell was searched yesterday.
  story(async () => {
    const stay = await admit(karaganda, {
      personId: registered('Иванов'),
      at: at(17, '10:30'),
      commitmentOrder: {
        reference: `1-301/${calendar.today.slice(0, 4)}`,
        authority: 'Октябрьский районный суд г. Караганды',
        grounds:
          'приговор: 5 лет лишения свободы, мошенничество в особо крупном размере (ст. 190 ч. 4 УК РК)',
      },
    });
    stay.exercise({ time: '17:10' });
    await stay.record(at(17, '14:00'), 'medical', screened());
    await stay.record(at(1, '15:00'), 'officer', {
      type: 'search-recorded',
      kind: 'cell',
      searchedBy: 'ст. сержант Р. Жунусов, младший инспектор',
      searcherSex: 'male',
    });
    return stay;
  });

  // A 16-day punishment block refused (kz.discipline.punishment-block), 10 days instead; later a
  // lawful 30-day solitary placement, prolonged solitary from the moment it is decided
  // (intl.solitary.prolonged), and two days without the doctor's round (intl.solitary.health-visits).
  story(async () => {
    const admittedAt = at(26, '12:00');
    const stay = await admit(karaganda, {
      personId: await newcomer('kaliyev', karaganda, admittedAt - 20 * MINUTE),
      at: admittedAt,
      commitmentOrder: {
        reference: `1-266/${calendar.today.slice(0, 4)}`,
        authority: 'Специализированный межрайонный суд по уголовным делам Карагандинской области',
        grounds:
          'приговор: 6 лет лишения свободы, незаконный оборот наркотических средств (ст. 297 ч. 2 УК РК)',
      },
    });
    stay.exercise({ time: '09:40' });
    stay.healthVisits(24, 14, { firstAt: '13:10' });
    stay.healthVisits(8, 1, { firstAt: '12:15', skip: [5, 3] });
    await stay.record(at(26, '15:30'), 'medical', screened());
    const refusal = await stay.breach(
      at(25, '08:30'),
      'отказ от выхода на работу, оскорбление сотрудника',
      'лейтенант С. Мукашев, начальник отряда',
    );
    await stay.refusedDecision(
      at(24, '11:00'),
      {
        type: 'discipline-decided',
        measure: 'punishment-block',
        days: 16,
        reason: 'отказ от работы, оскорбление сотрудника',
        reportId: refusal,
      },
      'kz.discipline.punishment-block',
    );
    await stay.record(at(24, '11:30'), 'medical', prePlacement());
    await stay.record(at(24, '12:00'), 'governor', {
      type: 'discipline-decided',
      measure: 'punishment-block',
      days: 10,
      reason: 'отказ от работы, оскорбление сотрудника (ст. 130 УИК РК)',
      reportId: refusal,
      informedLanguage: 'kk',
    });
    const phone = await stay.breach(
      at(10, '21:00'),
      'хранение запрещённого предмета: мобильный телефон обнаружен при обыске спального места',
      'ст. лейтенант А. Кудайбергенов, дежурный помощник начальника учреждения',
    );
    await stay.record(
      at(8, '10:00'),
      'medical',
      prePlacement('противопоказаний к одиночному содержанию не выявлено'),
    );
    await stay.record(at(8, '11:00'), 'governor', {
      type: 'discipline-decided',
      measure: 'solitary',
      days: 30,
      reason:
        'злостное нарушение: хранение мобильного телефона после ранее наложенного взыскания (ст. 131 УИК РК)',
      reportId: phone,
      informedLanguage: 'kk',
    });
    return stay;
  });

  // Solitary with no earlier punishment block refused (kz.discipline.solitary-prior); then 15 days
  // in the punishment block and, back to back, 10 days of solitary: day 16 passed yesterday
  // evening with nothing recorded since, so the scheduler flags it (intl.solitary.prolonged).
  story(async () => {
    const admittedAt = at(22, '13:00');
    const stay = await admit(karaganda, {
      personId: await newcomer('baiturov', karaganda, admittedAt - 20 * MINUTE),
      at: admittedAt,
      commitmentOrder: {
        reference: `1-239/${calendar.today.slice(0, 4)}`,
        authority: 'Темиртауский городской суд Карагандинской области',
        grounds: 'приговор: 7 лет лишения свободы, разбой (ст. 192 ч. 2 УК РК)',
      },
    });
    // In the punishment block the walk is in the morning, the doctor's round after it.
    stay.exercise({ time: '09:50' });
    stay.healthVisits(16, 1, { firstAt: '18:20' });
    await stay.record(at(22, '16:00'), 'medical', screened());
    const report = await stay.breach(
      at(17, '09:00'),
      'нападение на другого осуждённого в столовой',
      'ст. лейтенант А. Кудайбергенов, дежурный помощник начальника учреждения',
    );
    await stay.refusedDecision(
      at(16, '10:30'),
      {
        type: 'discipline-decided',
        measure: 'solitary',
        days: 20,
        reason: 'нападение на другого осуждённого',
        reportId: report,
      },
      'kz.discipline.solitary-prior',
    );
    await stay.record(at(16, '14:00'), 'medical', prePlacement());
    await stay.record(at(16, '17:30'), 'governor', {
      type: 'discipline-decided',
      measure: 'punishment-block',
      days: 15,
      reason: 'нападение на другого осуждённого (ст. 130 УИК РК)',
      reportId: report,
      informedLanguage: 'ru',
    });
    const damage = await stay.breach(
      at(3, '08:00'),
      'порча имущества камеры ШИЗО № 6 (разбит плафон освещения)',
      'мл. сержант Н. Байгабулов, контролёр ШИЗО',
    );
    await stay.record(
      at(1, '09:20'),
      'medical',
      prePlacement('противопоказаний к одиночному содержанию не выявлено'),
    );
    // Starts when the punishment block ends (the decision's default), yesterday at 17:30.
    await stay.record(at(1, '11:00'), 'governor', {
      type: 'discipline-decided',
      measure: 'solitary',
      days: 10,
      reason: 'порча имущества в период отбывания взыскания в ШИЗО (ст. 131 УИК РК)',
      reportId: damage,
      informedLanguage: 'ru',
    });
    return stay;
  });

  // The "quarantine" cell: 23 hours a day alone is solitary whatever its name (intl.solitary.definition).
  story(async () => {
    const admittedAt = at(12, '14:00');
    const stay = await admit(karaganda, {
      personId: await newcomer('doszhanov', karaganda, admittedAt - 20 * MINUTE),
      at: admittedAt,
      commitmentOrder: {
        reference: `1-355/${calendar.today.slice(0, 4)}`,
        authority: 'Районный суд № 2 Октябрьского района г. Караганды',
        grounds: 'приговор: 2 года 6 месяцев лишения свободы, кража (ст. 188 ч. 2 УК РК)',
      },
    });
    stay.exercise({ time: '15:10' });
    stay.healthVisits(12, 2, { firstAt: '18:00' });
    await stay.record(at(12, '16:30'), 'medical', screened());
    await stay.record(at(12, '17:00'), 'officer', {
      type: 'placed',
      unit: 'карантинное отделение, камера № 3 (одиночная)',
      localName: 'карантин',
      hoursWithoutContact: 23,
    });
    await stay.record(at(2, '11:00'), 'officer', {
      type: 'placed',
      unit: 'отряд № 4, общежитие',
      hoursWithoutContact: 2,
    });
    return stay;
  });

  // A punishment block quashed on appeal two days in; a commendation since.
  story(async () => {
    const admittedAt = at(18, '11:00');
    const stay = await admit(karaganda, {
      personId: await newcomer('seitkaliyev', karaganda, admittedAt - 20 * MINUTE),
      at: admittedAt,
      commitmentOrder: {
        reference: `1-318/${calendar.today.slice(0, 4)}`,
        authority: 'Абайский районный суд Карагандинской области',
        grounds:
          'приговор: 3 года лишения свободы, причинение тяжкого вреда здоровью по неосторожности (ст. 114 УК РК)',
      },
    });
    stay.exercise({ time: '17:10' });
    stay.healthVisits(10, 8, { firstAt: '12:30' });
    await stay.record(at(18, '15:20'), 'medical', screened());
    const report = await stay.breach(
      at(11, '18:00'),
      'курение в неотведённом месте (цех № 2)',
      'мастер цеха № 2 Т. Абдиров',
    );
    await stay.record(at(10, '09:30'), 'medical', prePlacement());
    const decided = await stay.record(at(10, '11:00'), 'governor', {
      type: 'discipline-decided',
      measure: 'punishment-block',
      days: 7,
      reason: 'курение в неотведённом месте (ст. 130 УИК РК)',
      reportId: report,
      informedLanguage: 'kk',
    });
    const decisionId = Stay.decisionOf(decided);
    await stay.record(at(9, '10:00'), 'officer', {
      type: 'discipline-appealed',
      decisionId,
      to: PROCURATOR_KARAGANDA,
    });
    await stay.record(at(8, '16:00'), 'governor', {
      type: 'appeal-decided',
      decisionId,
      outcome: 'quashed',
    });
    await stay.record(at(2, '12:00'), 'governor', {
      type: 'incentive-granted',
      incentive: 'commendation',
      note: 'благодарность за добросовестный труд в швейном цехе',
    });
    return stay;
  });

  // ── Исправительное учреждение для женщин, Алматинская обл. ──────────────────────────────────

  // Her son lives with her in the facility's children's home: a punishment block refused
  // (kz.discipline.exempt), a reprimand instead — which she then complained of (src/demo/complaints.ts).
  story(async () => {
    const stay = await admit(women, {
      personId: registered('Литвиненко'),
      at: at(19, '12:00'),
      commitmentOrder: {
        reference: `1-198/${calendar.today.slice(0, 4)}`,
        authority: 'Талгарский районный суд Алматинской области',
        grounds: 'приговор: 3 года лишения свободы, мошенничество (ст. 190 ч. 2 УК РК)',
      },
    });
    stay.exercise({ time: '16:10' });
    await stay.record(at(19, '15:00'), 'medical', screened());
    await stay.record(at(19, '15:10'), 'medical', {
      type: 'vulnerability-recorded',
      kind: 'infant-in-facility',
      from: calendar.date(19),
      note: 'сын, 1 год 2 месяца, в доме ребёнка при учреждении',
    });
    const report = await stay.breach(
      at(5, '07:30'),
      'не вышла на утреннюю проверку',
      'мл. сержант Ж. Касенова, контролёр',
    );
    await stay.refusedDecision(
      at(4, '11:00'),
      {
        type: 'discipline-decided',
        measure: 'punishment-block',
        days: 5,
        reason: 'невыход на утреннюю проверку',
        reportId: report,
      },
      'kz.discipline.exempt',
    );
    await stay.record(at(4, '11:20'), 'governor', {
      type: 'discipline-decided',
      measure: 'reprimand',
      reason: 'невыход на утреннюю проверку (ст. 130 УИК РК)',
      reportId: report,
      informedLanguage: 'ru',
    });
    return stay;
  });

  // Complained of toothache at the kiosk five weeks ago (src/demo/complaints.ts); extra visits for her work.
  story(async () => {
    const stay = await admit(women, {
      personId: registered('Омарова'),
      at: at(38, '10:00'),
      commitmentOrder: {
        reference: `1-151/${calendar.today.slice(0, 4)}`,
        authority: 'Алатауский районный суд г. Алматы',
        grounds: 'приговор: 2 года лишения свободы, кража (ст. 188 ч. 2 УК РК)',
      },
    });
    stay.exercise({ time: '16:10' });
    await stay.record(at(38, '13:30'), 'medical', screened());
    await stay.record(at(7, '12:00'), 'governor', {
      type: 'incentive-granted',
      incentive: 'extra-visits',
      note: 'дополнительное краткосрочное свидание за добросовестный труд и участие в работе библиотеки',
    });
    return stay;
  });

  // A breastfeeding mother (her daughter lives with her grandmother) in the punishment block: lawful
  // nationally, short of SMR 45(2) and BR 22 (intl.solitary.exempt).
  story(async () => {
    const admittedAt = at(15, '13:00');
    const stay = await admit(women, {
      personId: await newcomer('turginbayeva', women, admittedAt - 20 * MINUTE),
      at: admittedAt,
      commitmentOrder: {
        reference: `1-377/${calendar.today.slice(0, 4)}`,
        authority: 'Илийский районный суд Алматинской области',
        grounds:
          'приговор: 2 года лишения свободы, незаконный оборот наркотических средств (ст. 296 ч. 2 УК РК)',
      },
    });
    stay.exercise({ time: '16:10' });
    stay.healthVisits(6, 1, { firstAt: '13:00' });
    await stay.record(at(15, '15:40'), 'medical', screened());
    await stay.record(at(15, '15:50'), 'medical', {
      type: 'vulnerability-recorded',
      kind: 'breastfeeding',
      from: calendar.date(15),
      note: 'кормит грудью дочь 7 месяцев; ребёнок у бабушки, сцеживание молока в медчасти',
    });
    const report = await stay.breach(
      at(7, '19:00'),
      'оскорбление сотрудника при обыске в отряде',
      'ст. сержант А. Ержанова, контролёр',
    );
    await stay.record(at(6, '10:00'), 'medical', prePlacement());
    await stay.record(at(6, '12:00'), 'governor', {
      type: 'discipline-decided',
      measure: 'punishment-block',
      days: 5,
      reason: 'оскорбление сотрудника (ст. 130 УИК РК)',
      reportId: report,
      informedLanguage: 'kk',
    });
    return stay;
  });

  // ── Учреждение для пожизненно осуждённых, Мангистауская обл. ────────────────────────────────

  // Serving life: an hour outdoors every day but one (kz.life.exercise, intl.exercise); extra parcels.
  story(async () => {
    const stay = await admit(life, {
      personId: registered('Ахметов'),
      at: at(25, '16:00'),
      commitmentOrder: {
        reference: `1-12/${calendar.today.slice(0, 4)}`,
        authority: 'Мангистауский областной суд',
        issuedOn: calendar.date(61),
        grounds:
          'приговор: пожизненное лишение свободы, убийство двух лиц (ст. 99 ч. 2 п. 1 УК РК); вступил в силу',
      },
      deprivedOfLiberty: {
        at: kzTime(at(640, '06:40')),
        place: 'г. Жанаозен, мкр. Самал, д. 14',
        authority: 'ДП Мангистауской области',
      },
    });
    stay.exercise({ time: '11:10', missed: [7] });
    await stay.record(at(25, '18:00'), 'medical', screened('прибыл этапом из СИЗО г. Актау; жалоб нет'));
    await stay.record(at(3, '14:00'), 'governor', {
      type: 'incentive-granted',
      incentive: 'extra-parcels',
      note: 'дополнительная посылка: отсутствие взысканий, участие в заочном обучении',
    });
    return stay;
  });

  const told = await Promise.allSettled(stories);
  const failed = told.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  const stays = told.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));

  await beforeTick?.();
  // What fell due since the last record of each stay (the server's scheduler does this every second).
  await new ClockScheduler(services, { clock: () => now }).tick();
  const findings = await services.store.db
    .selectFrom('prison_findings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    stays: stays.length,
    refused: stays.reduce((sum, stay) => sum + stay.refused, 0),
    findings: Number(findings.n),
  };
}

/** The custody demo's episode of `familyName` that ended in a transfer to the remand centre. */
async function transferredEpisode(
  services: PrisonServices,
  familyName: string,
  remandCentreId: string,
): Promise<{ id: string; personId: string; transferredAt: number }> {
  // The custody demo registered this person on arrest; its episode is read from the read model.
  const rows = await services.store.db
    .selectFrom('custody_episodes as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.person_id', 'e.state'])
    .where('e.status', '=', 'transferred')
    .where('p.family_name', '=', familyName)
    .execute();
  for (const row of rows) {
    const state = JSON.parse(row.state) as CustodyState;
    const transfer = state.timeline.find(
      (item) =>
        item.event.type === 'transferred' && item.event.payload.destinationFacilityId === remandCentreId,
    );
    if (transfer?.event.type === 'transferred')
      return { id: row.id, personId: row.person_id, transferredAt: Date.parse(transfer.event.payload.at) };
  }
  throw new Error(
    `demo data: no police custody episode of ${familyName} ends in a transfer to the remand centre`,
  );
}
