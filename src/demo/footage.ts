import type { Principal } from '../access/principal.js';
import { deleteFootage, placeEvidenceHold, registerFootage, type FootageServices } from '../app/footage.js';

/*
 * Camera footage for `habeas demo` (issue 18 item 4): recordings registered by the staff of the
 * women's prison, the Karaganda prison and the Almaty remand centre; one recording of Karaganda
 * deleted by its governor when its retention ended; an evidence hold placed by the complaints
 * authority on a corridor of the women's prison (an allegation) and one by the national preventive
 * mechanism on the Karaganda punishment block. So that kz.cctv.women can be seen: the women's
 * prison's recordings are viewed by its female officer and governor and the (female) monitor, and
 * refused to the (male) procurator, who still sees the list and the hold.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface FootageCast {
  /** A facility id by the seed's key. */
  facility: (key: string) => string;
  /** The principal of a demo account, by username. */
  principal: (username: string) => Promise<Principal>;
}

export interface DemoFootage {
  recordings: number;
  holds: number;
}

interface Recording {
  facility: string;
  by: string;
  camera: string;
  place: string;
  /** Days before now the recording starts, and its length in hours. */
  daysAgo: number;
  hours: number;
  /** Days the video system keeps it after it ends. */
  keptDays: number;
}

const RECORDINGS: Recording[] = [
  // Women's prison (kz.cctv.women): viewed by female officials only.
  {
    facility: 'prison-women',
    by: 'prison',
    camera: 'CAM-03',
    place: 'Коридор отряда № 2',
    daysAgo: 2,
    hours: 12,
    keptDays: 30,
  },
  {
    facility: 'prison-women',
    by: 'prison',
    camera: 'CAM-07',
    place: 'Комната длительных свиданий',
    daysAgo: 2,
    hours: 12,
    keptDays: 30,
  },
  {
    facility: 'prison-women',
    by: 'governor-women',
    camera: 'CAM-11',
    place: 'Медицинская часть',
    daysAgo: 1,
    hours: 8,
    keptDays: 30,
  },
  // Karaganda prison.
  {
    facility: 'prison-karaganda',
    by: 'prison-karaganda',
    camera: 'CAM-21',
    place: 'Штрафной изолятор, коридор',
    daysAgo: 3,
    hours: 24,
    keptDays: 30,
  },
  {
    facility: 'prison-karaganda',
    by: 'prison-karaganda',
    camera: 'CAM-22',
    place: 'Прогулочный двор № 1',
    daysAgo: 3,
    hours: 24,
    keptDays: 30,
  },
  {
    facility: 'prison-karaganda',
    by: 'prison-karaganda',
    camera: 'CAM-05',
    place: 'КПП',
    daysAgo: 40,
    hours: 24,
    keptDays: 30,
  },
  // Almaty remand centre.
  {
    facility: 'sizo-almaty',
    by: 'prison',
    camera: 'CAM-14',
    place: 'Приёмное отделение',
    daysAgo: 1,
    hours: 12,
    keptDays: 30,
  },
];

export async function seedFootage(
  services: FootageServices,
  cast: FootageCast,
  now: Date,
): Promise<DemoFootage> {
  const at = (ms: number) => new Date(ms).toISOString();
  const ids: string[] = [];
  for (const recording of RECORDINGS) {
    const from = now.getTime() - recording.daysAgo * DAY;
    const to = from + recording.hours * HOUR;
    const view = await registerFootage(
      services,
      await cast.principal(recording.by),
      {
        facilityId: cast.facility(recording.facility),
        camera: recording.camera,
        place: recording.place,
        from: at(from),
        to: at(to),
        retainUntil: at(to + recording.keptDays * DAY),
      },
      now,
    );
    ids.push(view.id);
  }
  // The checkpoint's recording of 40 days ago: its retention ended, the governor records the deletion.
  const expired = ids[RECORDINGS.findIndex((recording) => recording.camera === 'CAM-05')];
  if (expired)
    await deleteFootage(
      services,
      await cast.principal('governor'),
      expired,
      { reason: 'истёк срок хранения (30 суток)' },
      now,
    );
  // An allegation about the corridor of the women's prison: the complaints authority keeps it.
  await placeEvidenceHold(
    services,
    await cast.principal('complaints'),
    {
      facilityId: cast.facility('prison-women'),
      place: 'Коридор отряда № 2',
      from: at(now.getTime() - 2 * DAY),
      to: at(now.getTime() - 2 * DAY + 12 * HOUR),
      basis: 'allegation',
      reference: 'ЕРДР № 261975031000214',
      reason:
        'заявление о применении силы сотрудниками в коридоре отряда № 2 (жалоба, поступившая через терминал)',
    },
    now,
  );
  // The national preventive mechanism's visit: the punishment block's corridor, any grounds.
  await placeEvidenceHold(
    services,
    await cast.principal('monitor'),
    {
      facilityId: cast.facility('prison-karaganda'),
      place: 'Штрафной изолятор, коридор',
      from: at(now.getTime() - 3 * DAY),
      to: at(now.getTime() - 2 * DAY),
      basis: 'other',
      reference: 'НПМ: посещение № 14/2026',
      reason: 'проверка сведений о содержании в штрафном изоляторе, полученных при посещении',
    },
    now,
  );
  return { recordings: RECORDINGS.length, holds: 2 };
}
