import { expect } from 'vitest';
import type { Principal } from '../../src/access/principal.js';
import { admitPrisoner } from '../../src/app/prison.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { CSRF_HEADER } from '../../src/http/session-cookie.js';
import type { Engine } from '../../src/store/types.js';
import { startHarness, type Harness } from '../http/harness.js';
import { form } from './jar.js';

/*
 * A world for the medical pages (issue 19) through the real server: a police custody unit (the
 * harness's Astana unit) and a remand centre; a man arrested in Astana whose first language is
 * Kazakh, and a woman admitted to the remand centre; two doctors of both, each with a signing key
 * made on the key page; a doctor without a key; and the other roles that must not read clinical
 * content. Reports are finished through the API with the doctor's page session, whose unlocked key
 * signs them (the injury report's own form is another page's).
 */

export const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
export const PASSPHRASE = 'зелёный чайник над рекой Ишим';
export const PASSPHRASE_2 = 'жёлтый автобус у моста Есиль';

export type Session = { cookie: string; csrfToken: string };

export interface MedicalWorld {
  h: Harness;
  remand: string;
  /** Arrested in Astana, speaks Kazakh. */
  arrested: { personId: string; custodyId: string };
  /** Admitted to the remand centre. */
  admitted: { personId: string; stayId: string };
  doctor: Session;
  secondDoctor: Session;
  /** A medical user who has not made a key yet. */
  newDoctor: Session;
  custodyOfficer: Session;
  prisonOfficer: Session;
  procurator: Session;
  monitor: Session;
  admin: Session;
}

export async function startMedicalWorld(engine: Engine, clock: () => Date): Promise<MedicalWorld> {
  const h = await startHarness(engine, { clock, clinicianKdf: KDF });
  const now = clock();
  const remand = (
    await createFacility(
      h.store,
      { name: 'СИЗО г. Астаны', kind: 'remand-centre', population: 'mixed', region: 'KZ-AST' },
      'test',
    )
  ).id;
  const arrestedId = (
    await createPerson(
      h.store,
      {
        familyName: 'Жумабаев',
        givenNames: 'Нурлан',
        birthDate: '1990-02-03',
        sex: 'male',
        facilityId: h.facilities.astana,
        languages: ['kk', 'ru'],
      },
      'test',
      now,
    )
  ).id;
  const arrest = await h.app.inject({
    method: 'POST',
    url: '/api/v1/custody',
    headers: h.bearer('custody-officer'),
    payload: {
      personId: arrestedId,
      facilityId: h.facilities.astana,
      apprehendedAt: new Date(now.getTime() - 2 * 3_600_000).toISOString(),
      place: 'ул. Кенесары 40, Астана',
      grounds: 'ст. 188 УК РК, кража',
      arrestingOfficer: 'ст. лейтенант Ахметов Б.',
    },
  });
  expect(arrest.statusCode, arrest.body).toBe(201);
  const admittedId = (
    await createPerson(
      h.store,
      {
        familyName: 'Сейтова',
        givenNames: 'Айгуль',
        birthDate: '1985-07-21',
        sex: 'female',
        facilityId: remand,
        languages: ['ru'],
      },
      'test',
      now,
    )
  ).id;
  const officer: Principal = {
    id: 'prison-officer-remand',
    kind: 'user',
    name: 'prison officer',
    role: 'prison-officer',
    facilities: [remand],
    regions: [],
  };
  const stay = await admitPrisoner(
    { store: h.store, rules: h.app.habeas.rules, prisonRules: h.app.habeas.prisonRules },
    officer,
    {
      personId: admittedId,
      facilityId: remand,
      admittedAt: new Date(now.getTime() - 3_600_000).toISOString(),
      commitmentOrder: '2-5/2026',
    },
    now,
  );
  const both = { facilities: [h.facilities.astana, remand] };
  const world: MedicalWorld = {
    h,
    remand,
    arrested: { personId: arrestedId, custodyId: (arrest.json() as { id: string }).id },
    admitted: { personId: admittedId, stayId: stay.id },
    doctor: await h.session('medical', both),
    secondDoctor: await h.session('medical', both),
    newDoctor: await h.session('medical', both),
    custodyOfficer: await h.session('custody-officer'),
    prisonOfficer: await h.session('prison-officer', { facilities: [remand] }),
    procurator: await h.session('procurator'),
    monitor: await h.session('monitor'),
    admin: await h.session('admin'),
  };
  for (const [session, passphrase] of [
    [world.doctor, PASSPHRASE],
    [world.secondDoctor, PASSPHRASE_2],
  ] as const) {
    const created = await postForm(world, session, '/medical/key', {
      passphrase,
      passphraseRepeat: passphrase,
    });
    expect(created.statusCode, created.body).toBe(303);
  }
  return world;
}

export function getPage(world: MedicalWorld, session: Session | null, url: string) {
  return world.h.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
}

/** A page's form, posted with the session's CSRF token. */
export function postForm(
  world: MedicalWorld,
  session: Session,
  url: string,
  fields: Record<string, string | string[]>,
) {
  const body = form({ _csrf: session.csrfToken, ...fields });
  return world.h.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, cookie: session.cookie },
  });
}

/** The API with the page session (its cookie and CSRF header): the session's unlocked key signs. */
export function api(
  world: MedicalWorld,
  session: Session,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
) {
  return world.h.app.inject({
    method,
    url,
    headers: { cookie: session.cookie, [CSRF_HEADER]: session.csrfToken },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** A complete Istanbul Protocol report on an examination, in the API's shape. */
export function reportInput(examinationId: string, overrides: Record<string, unknown> = {}) {
  return {
    examinationId,
    consent: { examination: 'given', photographs: 'given', sharingWithProcurator: 'refused' },
    circumstances: { description: 'Осмотр в медицинском кабинете ИВС, без конвоя.' },
    account: {
      text: 'Меня били дубинкой по спине в кабинете оперативников.',
      language: 'ru',
      attributedTo: 'officials',
    },
    physicalFindings: [
      {
        type: 'bruise',
        site: { view: 'back', region: 'upper-back-left' },
        size: { lengthMm: 120, widthMm: 30 },
        shape: 'линейный, двойной',
        colour: 'багрово-синий',
        estimatedAge: '1–2 суток',
        photographs: [],
        consistency: 'highly-consistent',
      },
      {
        type: 'abrasion',
        site: { view: 'front', region: 'wrist-left' },
        size: { lengthMm: 40, widthMm: 5 },
        shape: 'кольцевидная',
        colour: 'красная',
        estimatedAge: 'менее суток',
        photographs: [],
        consistency: 'consistent',
      },
    ],
    psychologicalFindings: { text: 'Тревожен, нарушения сна.', consistency: 'consistent' },
    opinion: { overall: 'highly-consistent', interpretation: 'Следы соответствуют рассказу.' },
    treatment: { given: 'Холод, обезболивающее.' },
    ...overrides,
  };
}
