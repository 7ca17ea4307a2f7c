import type { Principal, Role } from '../../src/access/principal.js';
import type {
  ClockView,
  CustodySummary,
  CustodyView,
  FindingListItem,
  TimelineEntryView,
} from '../../src/app/custody-views.js';
import type { PageContext } from '../../src/web/context.js';
import { translator, type Lang } from '../../src/web/i18n.js';
import type { ListState } from '../../src/web/list-export.js';
import type { DeskFilters } from '../../src/web/pages/custody-desk.js';
import { navigationFor } from '../../src/web/navigation.js';

/*
 * Views as the custody services answer them (src/app/custody-views.ts), for rendering the pages
 * without a store: an adult in custody for 40 hours with every kind of clock, a correction of the
 * time of apprehension, an interpreter and a foreign national's consular entries.
 */

export const HOUR = 3_600_000;
/** The moment the fixtures are rendered at. */
export const NOW = Date.parse('2026-05-04T06:00:00.000Z');
export const iso = (ms: number): string => new Date(ms).toISOString();

export function official(role: Role, facilities = ['fac-ast']): Principal {
  return {
    id: 'acc1',
    kind: 'user',
    username: 'officer',
    name: 'Айгерим Садыкова',
    role,
    facilities,
    regions: [],
  };
}

export function context(principal: Principal | null, lang: Lang = 'en', path = '/custody'): PageContext {
  return {
    tr: translator(lang),
    principal,
    facilityNames: ['ИВС г. Астаны'],
    csrfToken: principal ? 'csrf-token' : null,
    path,
    navigation: navigationFor(principal),
    treeSize: 42,
  };
}

export const render = async (page: JSX.Element): Promise<string> => '<!doctype html>' + (await page);

/** A clock started `startedHoursAgo` ago that falls due `allowedHours` after its start. */
export function clock(
  rule: string,
  startedHoursAgo: number,
  allowedHours: number,
  overrides: Partial<ClockView> = {},
): ClockView {
  const startedAt = NOW - startedHoursAgo * HOUR;
  const dueAt = startedAt + allowedHours * HOUR;
  const elapsed = Math.min(1, startedHoursAgo / allowedHours);
  const breached = NOW >= dueAt;
  return {
    rule,
    dueAt: iso(dueAt),
    state: breached ? 'breached' : 'running',
    kind: rule === 'kz.custody.limit' ? 'breach' : 'flag',
    pack: rule.startsWith('kz.') ? 'kz' : 'intl',
    packVersion: '2026.1',
    startedAt: iso(startedAt),
    endedAt: null,
    warning: breached ? null : elapsed >= 0.9 ? 90 : elapsed >= 0.75 ? 75 : null,
    elapsed,
    ...overrides,
  };
}

const APPREHENDED = NOW - 40 * HOUR;
const FIRST_STATED = APPREHENDED + 2 * HOUR;

function entry(
  seq: number,
  type: TimelineEntryView['type'],
  at: number | null,
  details: TimelineEntryView['details'],
  extra: Partial<TimelineEntryView> = {},
): TimelineEntryView {
  return {
    seq,
    version: seq - 100,
    type,
    at: at === null ? null : iso(at),
    recordedAt: iso((at ?? NOW) + 10 * 60_000),
    actor: 'acc1',
    actorName: 'Айгерим Садыкова',
    details,
    corrections: [],
    ...extra,
  };
}

export function custodyView(overrides: Partial<CustodyView> = {}): CustodyView {
  return {
    id: 'cus1',
    personId: 'per1',
    facilityId: 'fac-ast',
    juvenile: false,
    apprehendedAt: iso(APPREHENDED),
    recordedAt: iso(APPREHENDED + 4 * HOUR),
    status: 'in-custody',
    clocks: [
      clock('kz.custody.limit', 40, 48),
      clock('kz.custody.counsel', 2.8, 3),
      clock('kz.custody.family', 5, 3),
      clock('kz.custody.rights', 40, 1, {
        state: 'met',
        endedAt: iso(APPREHENDED + 0.5 * HOUR),
        warning: null,
        elapsed: 0.5,
      }),
      clock('intl.custody.consular', 40, 24, {
        state: 'stopped',
        endedAt: iso(APPREHENDED + 3 * HOUR),
        warning: null,
        elapsed: 0.125,
      }),
    ],
    findings: [
      {
        seq: 104,
        rule: 'kz.custody.actual-time',
        kind: 'flag',
        at: iso(APPREHENDED + 4 * HOUR),
        detail: 'record drawn up 4 h after the apprehension (more than 3 h)',
        pack: 'kz',
        packVersion: '2026.1',
        recordedAt: iso(APPREHENDED + 4 * HOUR),
      },
      {
        seq: 120,
        rule: 'kz.custody.family',
        kind: 'breach',
        at: iso(NOW - 2 * HOUR),
        detail: 'family not notified within 3 h',
        pack: 'kz',
        packVersion: '2026.1',
        recordedAt: iso(NOW - 2 * HOUR),
      },
    ],
    version: 7,
    place: 'ул. Кенесары 42, Астана',
    grounds: 'ст. 188 УК РК, кража',
    arrestingOfficer: 'ст. лейтенант Ахметов Б.',
    orderingAuthority: null,
    foreignNational: true,
    person: {
      familyName: 'Каримов',
      givenNames: 'Бахтиёр',
      patronymic: null,
      birthDate: '1990-02-02',
      sex: 'male',
      citizenship: 'UZ',
      languages: ['uz', 'ru'],
    },
    facility: { id: 'fac-ast', name: 'ИВС г. Астаны' },
    timeline: [
      entry(
        103,
        'custody-opened',
        FIRST_STATED,
        {
          apprehendedAt: iso(FIRST_STATED),
          place: 'ул. Кенесары 40, Астана',
          grounds: 'ст. 188 УК РК, кража',
          arrestingOfficer: 'ст. лейтенант Ахметов Б.',
          orderingAuthority: null,
          juvenile: false,
          foreignNational: true,
          languages: ['uz', 'ru'],
        },
        {
          corrections: [
            {
              seq: 110,
              field: 'apprehendedAt',
              from: iso(FIRST_STATED),
              to: iso(APPREHENDED),
              reason: 'по рапорту патруля задержан на два часа раньше',
              correctedAt: iso(APPREHENDED + 6 * HOUR),
              actor: 'acc2',
            },
            {
              seq: 111,
              field: 'place',
              from: 'ул. Кенесары 40, Астана',
              to: 'ул. Кенесары 42, Астана',
              reason: 'опечатка в номере дома',
              correctedAt: iso(APPREHENDED + 6 * HOUR),
              actor: 'acc2',
            },
          ],
        },
      ),
      entry(104, 'finding-recorded', null, {
        rule: 'kz.custody.actual-time',
        kind: 'flag',
        detail: 'record drawn up 4 h after the apprehension (more than 3 h)',
      }),
      entry(105, 'rights-explained', APPREHENDED + 0.5 * HOUR, {
        language: 'uz',
        method: 'oral-and-written',
        interpreter: 'Юсупова Д., переводчик',
      }),
      entry(106, 'consular-rights-explained', APPREHENDED + 1 * HOUR, { notificationRequested: true }),
      entry(107, 'consulate-notified', APPREHENDED + 3 * HOUR, {
        consulate: 'Генеральное консульство Узбекистана в Алматы',
      }),
      entry(108, 'counsel-requested', NOW - 2.8 * HOUR, {}),
      entry(
        110,
        'custody-corrected',
        null,
        {
          correctsSeq: 103,
          field: 'apprehendedAt',
          from: iso(FIRST_STATED),
          to: iso(APPREHENDED),
          reason: 'rapport',
        },
        { actorName: 'Ерлан Абенов', actor: 'acc2' },
      ),
      entry(
        111,
        'custody-corrected',
        null,
        {
          correctsSeq: 103,
          field: 'place',
          from: 'ул. Кенесары 40, Астана',
          to: 'ул. Кенесары 42, Астана',
          reason: 'x',
        },
        { actorName: 'Ерлан Абенов', actor: 'acc2' },
      ),
    ],
    referrals: [],
    interviews: [],
    ...overrides,
  };
}

export function summaryOf(view: CustodyView, overrides: Partial<CustodySummary> = {}): CustodySummary {
  return {
    id: view.id,
    personId: view.personId,
    personName: `${view.person.familyName} ${view.person.givenNames}`,
    facilityId: view.facilityId,
    facilityName: view.facility.name,
    juvenile: view.juvenile,
    apprehendedAt: view.apprehendedAt,
    recordedAt: view.recordedAt,
    status: view.status,
    limit: view.clocks.find((item) => item.rule === 'kz.custody.limit') ?? null,
    clocks: view.clocks,
    findings: view.findings.map((finding) => ({ rule: finding.rule, kind: finding.kind })),
    ...overrides,
  };
}

export function findingItem(overrides: Partial<FindingListItem> = {}): FindingListItem {
  return {
    seq: 120,
    rule: 'kz.custody.limit',
    kind: 'breach',
    at: iso(NOW - HOUR),
    detail: 'custody without court approval beyond 48 h',
    pack: 'kz',
    packVersion: '2026.1',
    recordedAt: iso(NOW - HOUR),
    custodyId: 'cus1',
    facilityId: 'fac-ast',
    facilityName: 'ИВС г. Астаны',
    juvenile: false,
    ...overrides,
  };
}

/** A register list's state as a route hands it to its page: one page shown, links that keep the filters. */
export function listOf(path: string, overrides: Partial<ListState> = {}): ListState {
  return {
    total: null,
    nextPage: null,
    csv: `${path}?format=csv`,
    print: `${path}?print=1`,
    printing: false,
    truncated: false,
    ...overrides,
  };
}

/** The desk's filters as the route reads an address without any: who is held now, no range. */
export function deskFilters(overrides: Partial<DeskFilters> = {}): DeskFilters {
  return {
    status: 'in-custody',
    clock: '',
    facilityId: '',
    apprehendedFrom: '',
    apprehendedTo: '',
    ...overrides,
  };
}
