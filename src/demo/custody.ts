import type { z } from 'zod';
import type { Principal, Sex } from '../access/principal.js';
import {
  correctCustodyEntry,
  recordCustodyEvent,
  recordInterview,
  registerArrest,
  type CustodyServices,
} from '../app/custody.js';
import { createPerson } from '../app/registry.js';
import { ClockScheduler } from '../clocks/scheduler.js';
import type { CustodyEventInput, InterviewInput } from '../domain/custody/inputs.js';
import { kzCalendarDate } from '../rules/custody-checks.js';
import { KZ_UTC_OFFSET, KZ_UTC_OFFSET_MINUTES } from '../rules/kz/custody.js';

/*
 * Police custody episodes for `habeas demo` (issue 3 item 7), made through the real services as
 * the custody units and the courts would have made them: each step is recorded a few minutes
 * after it happened, with `now` set to that moment, so the decider flags only what was late. Then
 * one scheduler tick at the demo's `now` records what fell due since. Timed relative to `now`:
 * whenever the demo starts, its desk shows every clock state and every custody finding —
 *
 *   running (plenty of time) · the 75% and 90% warnings · kz.custody.limit breached (a juvenile
 *   and an adult) · met by a court approval · stopped by release · transferred to the remand centre
 *
 *   kz.custody.limit, kz.custody.actual-time, kz.custody.rights, kz.custody.counsel,
 *   kz.custody.medical, kz.custody.family, kz.custody.deposition, intl.custody.consular,
 *   intl.custody.interpreter, intl.custody.transfer-notice; an injury entry with an open medical
 *   referral (kz.custody.injury-log) and a corrected apprehension time (kz.custody.actual-time);
 *   and an arrest of a man registered elsewhere, identified by his IIN (issue 17), which the
 *   monitor sees among the people reached by a document.
 *
 * Names, addresses and case details are invented. Grounds cite the Criminal Code of the Republic
 * of Kazakhstan (УК РК); places are in Astana and Almaty, times are stated in Kazakhstan's time.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How long after an event the officer records it, unless a step says otherwise. */
const RECORDING_DELAY_MINUTES = 4;

/** Who acts in the demo's custody units and courts (principals of the accounts the seed made). */
export interface CustodyCast {
  astana: { facilityId: string; officer: Principal; judge: Principal };
  almaty: { facilityId: string; officer: Principal; judge: Principal };
  /** The remand centre the Almaty unit transfers to. */
  remandCentreId: string;
  /** People the seed already registered, by family name. */
  people: Record<string, string>;
}

type Unit = CustodyCast['astana'];
type SafeguardInput = z.input<typeof CustodyEventInput>;

interface NewPerson {
  familyName: string;
  givenNames: string;
  patronymic?: string;
  /** A fixed birth date, or an age at the demo's `now` (juveniles stay juveniles whenever it runs). */
  birthDate: string | { years: number; days: number };
  sex: Sex;
  languages: string[];
}

/** A moment as a Kazakh officer states it: local time with the +05:00 offset. */
function kzTime(moment: Date): string {
  return `${new Date(moment.getTime() + KZ_UTC_OFFSET_MINUTES * MINUTE).toISOString().slice(0, 19)}${KZ_UTC_OFFSET}`;
}

/** The birth date of someone `years` and `days` old on the demo's day (in Kazakhstan). */
function birthDateFor(now: Date, age: { years: number; days: number }): string {
  const day = kzCalendarDate(new Date(now.getTime() - age.days * 24 * HOUR).toISOString());
  const date = `${String(Number(day.slice(0, 4)) - age.years).padStart(4, '0')}${day.slice(4)}`;
  return date.endsWith('-02-29') ? date.replace(/-29$/, '-28') : date;
}

/** The actual moment of an apprehension `hoursAgo` before `now`, on the minute. */
function apprehension(now: Date, hoursAgo: number): number {
  return Math.floor((now.getTime() - hoursAgo * HOUR) / MINUTE) * MINUTE;
}

/**
 * One custody episode as it happened: `t0` is the actual moment of apprehension, every step is
 * given in minutes after it, and each is recorded with the service's `now` a few minutes later.
 */
class Episode {
  private constructor(
    private readonly services: CustodyServices,
    private readonly unit: Unit,
    private readonly now: Date,
    private readonly t0: number,
    readonly id: string,
    /** The log seq of the arrest record, for corrections. */
    readonly openedSeq: number,
  ) {}

  static async open(
    services: CustodyServices,
    unit: Unit,
    now: Date,
    spec: {
      personId: string;
      /** How long ago the person was actually apprehended. */
      hoursAgo: number;
      /** When the arrest record was drawn up, in minutes after the apprehension. */
      recordedAfter: number;
      /** The apprehension time the officer first wrote, if not the actual one (minutes after it). */
      statedAfter?: number;
      place: string;
      grounds: string;
      arrestingOfficer: string;
      orderingAuthority?: string;
      /** The document the officer holds, for a person registered elsewhere (issue 17). */
      identityDocument?: { kind: 'iin' | 'passport'; number: string };
    },
  ): Promise<Episode> {
    const t0 = apprehension(now, spec.hoursAgo);
    const recordedAt = Episode.moment(now, t0, spec.recordedAfter, 0);
    const view = await registerArrest(
      services,
      unit.officer,
      {
        personId: spec.personId,
        facilityId: unit.facilityId,
        apprehendedAt: kzTime(new Date(t0 + (spec.statedAfter ?? 0) * MINUTE)),
        place: spec.place,
        grounds: spec.grounds,
        arrestingOfficer: spec.arrestingOfficer,
        ...(spec.orderingAuthority !== undefined ? { orderingAuthority: spec.orderingAuthority } : {}),
        ...(spec.identityDocument !== undefined ? { identityDocument: spec.identityDocument } : {}),
      },
      recordedAt,
    );
    const opened = view.timeline.find((entry) => entry.type === 'custody-opened');
    if (!opened) throw new Error(`demo data: episode ${view.id} has no arrest record`);
    return new Episode(services, unit, now, t0, view.id, opened.seq);
  }

  /** `minutes` after the apprehension, recorded `delay` minutes later (never after `now`). */
  private static moment(now: Date, t0: number, minutes: number, delay: number): Date {
    const at = t0 + minutes * MINUTE;
    if (at > now.getTime())
      throw new Error(`demo data: a step at ${new Date(at).toISOString()} is in the future`);
    return new Date(Math.min(at + delay * MINUTE, now.getTime()));
  }

  /** A safeguard event that happened `minutes` after the apprehension. */
  async record(
    minutes: number,
    input: SafeguardInput,
    options: { by?: 'officer' | 'judge'; delay?: number } = {},
  ): Promise<this> {
    const at = new Date(this.t0 + minutes * MINUTE);
    const recordedAt = Episode.moment(this.now, this.t0, minutes, options.delay ?? RECORDING_DELAY_MINUTES);
    const actor = options.by === 'judge' ? this.unit.judge : this.unit.officer;
    await recordCustodyEvent(this.services, actor, this.id, { ...input, at: kzTime(at) }, recordedAt);
    return this;
  }

  /** An interview (kz.custody.interview) from `from` to `to` minutes after the apprehension. */
  async interview(
    from: number,
    to: number,
    input: Omit<z.input<typeof InterviewInput>, 'startedAt' | 'endedAt'>,
  ): Promise<this> {
    const recordedAt = Episode.moment(this.now, this.t0, to, RECORDING_DELAY_MINUTES);
    await recordInterview(
      this.services,
      this.unit.officer,
      this.id,
      {
        ...input,
        startedAt: kzTime(new Date(this.t0 + from * MINUTE)),
        endedAt: kzTime(new Date(this.t0 + to * MINUTE)),
      },
      recordedAt,
    );
    return this;
  }

  /** Corrects the stated apprehension time to the actual one, `minutes` after the apprehension. */
  async correctApprehension(minutes: number, reason: string): Promise<this> {
    await correctCustodyEntry(
      this.services,
      this.unit.officer,
      this.id,
      { correctsSeq: this.openedSeq, field: 'apprehendedAt', to: kzTime(new Date(this.t0)), reason },
      Episode.moment(this.now, this.t0, minutes, 0),
    );
    return this;
  }
}

const ASTANA_COURT = 'Специализированный следственный суд г. Астаны';
const ALMATY_COURT = 'Специализированный следственный суд г. Алматы';
const ASTANA_MEDIC = 'фельдшер ИВС Г. Нуртаева';
const ALMATY_MEDIC = 'врач ИВС А. Шайхиева';

/** Kazakh citizens first registered by the custody units on arrival (the register's other people are in seed.ts). */
const ARRESTED = {
  mukanov: {
    familyName: 'Муканов',
    givenNames: 'Тимур',
    patronymic: 'Болатович',
    birthDate: '1992-03-14',
    sex: 'male',
    languages: ['kk', 'ru'],
  },
  yerzhanov: {
    familyName: 'Ержанов',
    givenNames: 'Алихан',
    patronymic: 'Маратович',
    birthDate: { years: 16, days: 143 },
    sex: 'male',
    languages: ['kk', 'ru'],
  },
  li: {
    familyName: 'Ли',
    givenNames: 'Максим',
    patronymic: 'Александрович',
    birthDate: '1986-09-02',
    sex: 'male',
    languages: ['ru'],
  },
  bekmukhanov: {
    familyName: 'Бекмуханов',
    givenNames: 'Нурлан',
    patronymic: 'Кайратович',
    birthDate: '1998-12-19',
    sex: 'male',
    languages: ['kk', 'ru'],
  },
  ospanov: {
    familyName: 'Оспанов',
    givenNames: 'Ерболат',
    patronymic: 'Жанатович',
    birthDate: '1977-05-30',
    sex: 'male',
    languages: ['kk', 'ru'],
  },
  zhaksylykov: {
    familyName: 'Жаксылыков',
    givenNames: 'Руслан',
    patronymic: 'Ерикович',
    birthDate: '1989-01-23',
    sex: 'male',
    languages: ['ru', 'kk'],
  },
  abdrakhmanova: {
    familyName: 'Абдрахманова',
    givenNames: 'Дана',
    patronymic: 'Ериковна',
    birthDate: { years: 15, days: 61 },
    sex: 'female',
    languages: ['kk', 'ru'],
  },
  tleubayev: {
    familyName: 'Тлеубаев',
    givenNames: 'Азамат',
    patronymic: 'Серикович',
    birthDate: '1995-07-08',
    sex: 'male',
    languages: ['kk', 'ru'],
  },
} satisfies Record<string, NewPerson>;
type ArrestedKey = keyof typeof ARRESTED;

/** Adds the demo's custody episodes; returns how many episodes and findings there are. */
export async function seedCustody(
  services: CustodyServices,
  cast: CustodyCast,
  now: Date,
): Promise<{ episodes: number; findings: number }> {
  const { astana, almaty } = cast;
  /**
   * Opens an episode for a person the register already holds (by family name) or for one of
   * ARRESTED, whom the unit registers a few minutes before drawing up the arrest record.
   */
  const open = async (
    unit: Unit,
    spec: Omit<Parameters<typeof Episode.open>[3], 'personId'> & {
      person: { registered: string } | { arrested: ArrestedKey };
    },
  ): Promise<Episode> => {
    const { person, ...arrest } = spec;
    let personId: string;
    if ('registered' in person) {
      const id = cast.people[person.registered];
      if (!id) throw new Error(`demo data names an unknown person ${person.registered}`);
      personId = id;
    } else {
      const { birthDate, ...details } = ARRESTED[person.arrested];
      const registeredAt = new Date(apprehension(now, arrest.hoursAgo) + (arrest.recordedAfter - 5) * MINUTE);
      personId = (
        await createPerson(
          services.store,
          {
            ...details,
            birthDate: typeof birthDate === 'string' ? birthDate : birthDateFor(now, birthDate),
            citizenship: 'KZ',
            facilityId: unit.facilityId,
          },
          unit.officer.id,
          registeredAt,
        )
      ).id;
    }
    return Episode.open(services, unit, now, { ...arrest, personId });
  };
  const rightsIn = (language: string): SafeguardInput => ({
    type: 'rights-explained',
    language,
    method: 'oral-and-written',
  });
  const examined = (by: string): SafeguardInput => ({
    type: 'medical-examined',
    examinedBy: by,
    injuriesSeen: false,
  });
  const told = (contact: string, means: 'phone' | 'in-person' | 'message' = 'phone'): SafeguardInput => ({
    type: 'family-notified',
    outcome: 'notified',
    contact,
    means,
  });

  let episodes = 0;
  const count = <T>(episode: T): T => {
    episodes += 1;
    return episode;
  };

  // ── Astana ──────────────────────────────────────────────────────────────────────────────────

  // Running, plenty of time: every safeguard in time, counsel within two hours.
  const abenov = count(
    await open(astana, {
      person: { registered: 'Абенов' },
      hoursAgo: 2.2,
      recordedAfter: 20,
      place: 'г. Астана, район Есиль, пр. Мангилик Ел, 20, у входа в бизнес-центр',
      grounds: 'подозрение в мошенничестве (ст. 190 ч. 2 УК РК), задержан по ст. 128 УПК РК',
      arrestingOfficer: 'ст. лейтенант полиции Д. Кенжебаев',
    }),
  );
  await abenov.record(28, rightsIn('kk'));
  await abenov.record(33, { type: 'counsel-requested' });
  await abenov.record(48, examined(ASTANA_MEDIC));
  await abenov.record(64, told('супруга, Абенова Г. К.'));
  await abenov.record(112, {
    type: 'counsel-arrived',
    counsel: 'адвокат М. Жунусов, Коллегия адвокатов г. Астаны',
  });

  // The 75% warning; arrived injured, never examined: kz.custody.medical and an open referral.
  const zhumabekova = count(
    await open(astana, {
      person: { registered: 'Жумабекова' },
      hoursAgo: 37,
      recordedAfter: 25,
      place: 'г. Астана, район Сарыарка, ул. Бейбитшилик, 33, подъезд жилого дома',
      grounds: 'подозрение в незаконном обороте наркотических средств без цели сбыта (ст. 296 ч. 1 УК РК)',
      arrestingOfficer: 'капитан полиции Е. Турсынов',
    }),
  );
  await zhumabekova.record(30, {
    type: 'injury-recorded',
    observedBy: 'дежурный ИВС ст. сержант А. Оразбаев',
    description:
      'при поступлении: ссадины на обоих запястьях, кровоподтёк на левом предплечье; со слов задержанной — получены при задержании',
  });
  await zhumabekova.record(34, rightsIn('kk'));
  await zhumabekova.record(95, told('сестра, Жумабекова А. Б.'));

  // The 90% warning; counsel asked for and never came: kz.custody.counsel.
  const mukanov = count(
    await open(astana, {
      person: { arrested: 'mukanov' },
      hoursAgo: 44,
      recordedAfter: 30,
      place: 'г. Астана, район Алматы, ул. Жубанова, 7, кафе «Самал»',
      grounds: 'подозрение в хулиганстве, совершённом группой лиц (ст. 293 ч. 2 УК РК)',
      arrestingOfficer: 'лейтенант полиции С. Абдрахманов',
    }),
  );
  await mukanov.record(35, rightsIn('ru'));
  await mukanov.record(62, examined(ASTANA_MEDIC));
  await mukanov.record(80, told('мать, Муканова Р. С.'));
  await mukanov.record(120, { type: 'counsel-requested' });

  // A juvenile held past 24 hours without a court decision: kz.custody.limit breached.
  const yerzhanov = count(
    await open(astana, {
      person: { arrested: 'yerzhanov' },
      hoursAgo: 27,
      recordedAfter: 20,
      place: 'г. Астана, район Байконур, ул. Сейфуллина, 12, кв. 4 (жилой дом)',
      grounds: 'подозрение в краже с незаконным проникновением в жилище (ст. 188 ч. 2 п. 3 УК РК)',
      arrestingOfficer: 'капитан полиции Ж. Исмаилов (ювенальная полиция)',
    }),
  );
  await yerzhanov.record(24, rightsIn('kk'));
  await yerzhanov.record(26, { type: 'counsel-requested' });
  await yerzhanov.record(38, told('мать, Ержанова Г. Т.', 'in-person'));
  // Interviewed before the lawyer he asked for arrived, with his mother present: recorded, and flagged
  // (kz.custody.interview); the recording is in the file by its digest.
  await yerzhanov.interview(45, 95, {
    interviewer: { name: 'Д. Омаров', position: 'следователь СУ ДП г. Астаны, капитан полиции' },
    present: [
      { name: 'Ержанова Г. Т.', role: 'legal-representative' },
      { name: 'А. Жумабаева', role: 'psychologist' },
    ],
    counsel: 'not-requested',
    interpreter: null,
    recording: {
      sha256: '5d1c1ad3e7a5b3c3a9a4f0d3f1e8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a190',
      size: 734_003_200,
      mediaType: 'video/mp4',
    },
  });
  await yerzhanov.record(65, examined(ASTANA_MEDIC));
  await yerzhanov.record(105, {
    type: 'counsel-arrived',
    counsel: 'адвокат А. Сарсенбаева (гарантированная юридическая помощь)',
  });

  // Met: the court approved custody in time; but a deposition request went unanswered (kz.custody.deposition).
  const li = count(
    await open(astana, {
      person: { arrested: 'li' },
      hoursAgo: 30,
      recordedAfter: 35,
      place: 'г. Астана, район Есиль, ул. Сыганак, 29, подземный паркинг',
      grounds: 'подозрение в неправомерном завладении автомобилем (ст. 200 ч. 2 УК РК)',
      arrestingOfficer: 'майор полиции К. Нургалиев',
      orderingAuthority: 'следователь СУ ДП г. Астаны А. Байкенов',
    }),
  );
  await li.record(40, rightsIn('ru'));
  await li.record(58, { type: 'family-notified', outcome: 'declined' });
  await li.record(75, examined(ASTANA_MEDIC));
  await li.record(180, { type: 'judicial-requested', kind: 'deposition' });
  await li.record(
    22 * 60,
    { type: 'court-decision', decision: 'approved', court: ASTANA_COURT },
    { by: 'judge', delay: 12 },
  );

  // Running; the apprehension time was first written 40 minutes late, then corrected.
  const bekmukhanov = count(
    await open(astana, {
      person: { arrested: 'bekmukhanov' },
      hoursAgo: 7,
      statedAfter: 40,
      recordedAfter: 55,
      place: 'г. Астана, трасса Астана — Караганда, 12-й км, пост «Косшы»',
      grounds: 'подозрение в грабеже (ст. 192 ч. 2 УК РК)',
      arrestingOfficer: 'ст. сержант полиции Б. Касенов (патрульная полиция)',
    }),
  );
  await bekmukhanov.record(58, rightsIn('kk'));
  await bekmukhanov.correctApprehension(
    90,
    'время задержания уточнено по записи видеорегистратора патрульного автомобиля (рапорт ст. сержанта Касенова)',
  );
  await bekmukhanov.record(110, told('отец, Бекмуханов К. Н.'));
  await bekmukhanov.record(125, examined(ASTANA_MEDIC));

  // Registered at the Pavlodar open prison, arrested in Astana: identified by the IIN on his
  // identity card, so the monitor sees the arrest among people reached by a document (issue 17).
  const smagulov = count(
    await open(astana, {
      person: { registered: 'Смагулов' },
      hoursAgo: 0.9,
      recordedAfter: 15,
      place: 'г. Астана, железнодорожный вокзал «Нурлы Жол», зал ожидания',
      grounds: 'подозрение в краже (ст. 188 ч. 2 УК РК), задержан по ст. 128 УПК РК',
      arrestingOfficer: 'лейтенант полиции А. Сатпаев (линейный отдел полиции)',
      identityDocument: { kind: 'iin', number: '820606305732' },
    }),
  );
  await smagulov.record(22, rightsIn('ru'));
  await smagulov.record(35, told('брат, Смагулов Е. А.'));

  // ── Almaty ──────────────────────────────────────────────────────────────────────────────────

  // A foreign national who speaks Uzbek: rights in Russian without an interpreter
  // (intl.custody.interpreter), never told of the consulate (intl.custody.consular).
  const karimov = count(
    await open(almaty, {
      person: { registered: 'Karimov' },
      hoursAgo: 26,
      recordedAfter: 30,
      place: 'г. Алматы, Алатауский район, рынок «Алтын Орда», павильон 14',
      grounds:
        'подозрение в краже, совершённой группой лиц по предварительному сговору (ст. 188 ч. 2 п. 1 УК РК)',
      arrestingOfficer: 'лейтенант полиции Р. Галиев',
    }),
  );
  await karimov.record(35, { type: 'rights-explained', language: 'ru', method: 'written' });
  await karimov.record(70, examined(ALMATY_MEDIC));
  await karimov.record(140, told('брат, Каримов Ф. (по телефону, Ташкент)'));

  // An adult held past 48 hours without a court decision (kz.custody.limit); rights explained late.
  const petrov = count(
    await open(almaty, {
      person: { registered: 'Петров' },
      hoursAgo: 51,
      recordedAfter: 25,
      place: 'г. Алматы, Ауэзовский район, мкр. Жетысу-2, д. 61, кв. 18',
      grounds: 'подозрение в умышленном причинении тяжкого вреда здоровью (ст. 106 ч. 1 УК РК)',
      arrestingOfficer: 'капитан полиции Н. Сейдахметов',
    }),
  );
  await petrov.record(88, examined(ALMATY_MEDIC));
  await petrov.record(120, told('супруга, Петрова Л. В.'));
  await petrov.record(135, rightsIn('ru'));
  await petrov.record(140, { type: 'counsel-requested' });
  await petrov.record(245, {
    type: 'counsel-arrived',
    counsel: 'адвокат В. Цой, Алматинская городская коллегия адвокатов',
  });

  // Stopped by release; the family was told late (kz.custody.family).
  const ospanov = count(
    await open(almaty, {
      person: { arrested: 'ospanov' },
      hoursAgo: 20,
      recordedAfter: 20,
      place: 'г. Алматы, Бостандыкский район, пр. Аль-Фараби, 77, автостоянка',
      grounds: 'подозрение в вымогательстве (ст. 194 ч. 1 УК РК)',
      arrestingOfficer: 'ст. лейтенант полиции Т. Жумагулов',
    }),
  );
  await ospanov.record(24, rightsIn('kk'));
  await ospanov.record(50, examined(ALMATY_MEDIC));
  await ospanov.record(5 * 60 + 10, told('супруга, Оспанова М. Е.'));
  await ospanov.record(12 * 60, {
    type: 'released',
    reason: 'освобождён постановлением следователя: подозрение не подтвердилось (ст. 131 УПК РК)',
  });

  // Court approval, then transferred to the remand centre; the family not told of the transfer
  // (intl.custody.transfer-notice).
  const zhaksylykov = count(
    await open(almaty, {
      person: { arrested: 'zhaksylykov' },
      hoursAgo: 40,
      recordedAfter: 22,
      place: 'г. Алматы, Медеуский район, ул. Зенкова, 59, офис 3',
      grounds: 'подозрение в вымогательстве в крупном размере (ст. 194 ч. 3 УК РК)',
      arrestingOfficer: 'майор полиции А. Тасболатов',
      orderingAuthority: 'следователь СУ ДП г. Алматы Д. Оразова',
    }),
  );
  await zhaksylykov.record(26, rightsIn('ru'));
  await zhaksylykov.record(30, { type: 'counsel-requested' });
  await zhaksylykov.record(60, examined(ALMATY_MEDIC));
  await zhaksylykov.record(92, told('мать, Жаксылыкова С. Т.'));
  await zhaksylykov.record(125, { type: 'counsel-arrived', counsel: 'адвокат Е. Сапарбаев' });
  await zhaksylykov.record(
    30 * 60,
    { type: 'court-decision', decision: 'approved', court: ALMATY_COURT },
    { by: 'judge', delay: 15 },
  );
  await zhaksylykov.record(34 * 60, {
    type: 'transferred',
    destinationFacilityId: cast.remandCentreId,
    reason: 'мера пресечения — содержание под стражей (постановление следственного суда)',
  });

  // A juvenile, running: every safeguard in time, counsel present.
  const abdrakhmanova = count(
    await open(almaty, {
      person: { arrested: 'abdrakhmanova' },
      hoursAgo: 5,
      recordedAfter: 18,
      place: 'г. Алматы, Алмалинский район, ТРЦ «Мега Парк», ул. Макатаева, 127',
      grounds: 'подозрение в краже (ст. 188 ч. 1 УК РК)',
      arrestingOfficer: 'лейтенант полиции А. Ермекова (ювенальная полиция)',
    }),
  );
  await abdrakhmanova.record(22, rightsIn('kk'));
  await abdrakhmanova.record(25, { type: 'counsel-requested' });
  await abdrakhmanova.record(31, told('мать, Абдрахманова Ж. С.', 'in-person'));
  await abdrakhmanova.record(58, examined(ALMATY_MEDIC));
  await abdrakhmanova.record(90, {
    type: 'counsel-arrived',
    counsel: 'адвокат Л. Ким (гарантированная юридическая помощь)',
  });

  // A late record: apprehended at night, the record drawn up hours later (kz.custody.actual-time),
  // so rights and the family's notification were late too.
  const tleubayev = count(
    await open(almaty, {
      person: { arrested: 'tleubayev' },
      hoursAgo: 12,
      recordedAfter: 4 * 60 + 30,
      place: 'г. Алматы, Турксибский район, ул. Майлина, 85, у круглосуточного магазина',
      grounds: 'подозрение в грабеже (ст. 192 ч. 1 УК РК)',
      arrestingOfficer: 'сержант полиции Е. Смагулов',
    }),
  );
  await tleubayev.record(4 * 60 + 40, rightsIn('kk'));
  await tleubayev.record(4 * 60 + 55, told('супруга, Тлеубаева А. М.'));
  await tleubayev.record(5 * 60 + 20, examined(ALMATY_MEDIC));

  // What fell due since the last record of each episode (the server's scheduler does this every second).
  await new ClockScheduler(services, { clock: () => now }).tick();
  const findings = await services.store.db
    .selectFrom('custody_findings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { episodes, findings: Number(findings.n) };
}
