import type { Principal } from '../access/principal.js';
import { ClinicianKeySessions, createSigningKey } from '../app/clinician-keys.js';
import { discloseReport, finishReport, recordExamination, type MedicalServices } from '../app/medical.js';
import type { KdfParameters } from '../crypto/passphrase-wrap.js';
import type { ReportInput } from '../domain/medical/inputs.js';
import { uploadMedicalPhoto } from '../app/medical-photos.js';
import { deflateSync } from 'node:zlib';
import { addDays, kzCalendarDate, kzDayStart } from '../domain/prison/facts.js';
import type { Store } from '../store/types.js';

/*
 * Medical documentation for `habeas demo` (issue 19 item 8). Three clinicians create their own
 * signing keys (the demo's passphrase below, for demonstration only); then:
 * - the Astana police custody doctor examines Абенов on arrest (nothing found), and Жумабекова,
 *   who arrived injured and was left unexamined for a day and a half: the examination is late
 *   (kz.custody.medical), her Istanbul Protocol report with its body diagram is late too
 *   (kz.medical.report-duty), and, her injuries attributed to the arresting police with an opinion
 *   of "highly consistent", it goes to the procurator at once (kz.torture.referral) — she consented
 *   to sharing, so the report is disclosed to the procurator (intl.medical.disclosure); a forensic
 *   physician's second opinion disagrees with it, finding the wrist marks typical of handcuffing
 *   (kz.medical.second-opinion);
 * - the remand centre's doctor examines Ким, bruised on the way back from court (noted at 14:30
 *   yesterday, documented within the hour): he refuses
 *   photographs and sharing with the procurator; the report's findings are "highly consistent"
 *   with blows by the convoy yet its overall opinion says "not consistent", so it was never
 *   referred — the withheld referral the oversight bodies are shown (kz.medical.report-duty,
 *   seed ¶42: a falsified forensic examination exposed by a second one).
 * Every name is invented.
 */

/** The demonstration clinicians' signing key passphrase (demo data only). */
export const DEMO_CLINICIAN_PASSPHRASE = 'habeas-demo-clinician-key';

const HOUR = 3_600_000;

export interface MedicalCast {
  store: Store;
  /** The data directory (its integrity key seals the photographs); without it the demo takes none. */
  dataDir?: string;
  principal: (username: string) => Promise<Principal>;
  /** The person's id by family name (the register's). */
  person: (familyName: string) => string;
  /** argon2id parameters of the clinicians' keys (tests pass small ones). */
  clinicianKdf?: KdfParameters;
}

export interface DemoMedical {
  clinicians: number;
  examinations: number;
  reports: number;
  referrals: number;
}

async function episodeOf(store: Store, context: 'custody' | 'prison', personId: string): Promise<string> {
  const row =
    context === 'custody'
      ? await store.db
          .selectFrom('custody_episodes')
          .select('id')
          .where('person_id', '=', personId)
          .orderBy('apprehended_at', 'desc')
          .executeTakeFirst()
      : await store.db
          .selectFrom('prison_stays')
          .select('id')
          .where('person_id', '=', personId)
          .orderBy('admitted_at', 'desc')
          .executeTakeFirst();
  if (!row) throw new Error(`demo data: no ${context} record for person ${personId}`);
  return row.id;
}

export async function seedMedical(cast: MedicalCast, now: Date): Promise<DemoMedical> {
  const { store } = cast;
  const services: MedicalServices = {
    store,
    clinicianKeys: new ClinicianKeySessions(() => now, cast.clinicianKdf),
  };
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
  const iso = (hours: number) => ago(hours).toISOString();
  const holder = (principal: Principal) => `demo:${principal.id}`;
  /** `time` (HH:MM, Kazakhstan) yesterday: the remand centre's doctor noted Ким's bruises at 14:30. */
  const yesterday = (time: string) => {
    const [hours = 0, minutes = 0] = time.split(':').map(Number);
    return new Date(
      kzDayStart(addDays(kzCalendarDate(now.toISOString()), -1)) + (hours * 60 + minutes) * 60_000,
    );
  };

  const astanaDoctor = await cast.principal('medical');
  const forensic = await cast.principal('medical-forensic');
  const karagandaDoctor = await cast.principal('medical-karaganda');
  for (const clinician of [astanaDoctor, forensic, karagandaDoctor])
    await createSigningKey(services, clinician, holder(clinician), DEMO_CLINICIAN_PASSPHRASE, ago(30 * 24));
  let examinations = 0;
  let reports = 0;
  let referrals = 0;

  // Абенов: examined on arrest by the custody unit's doctor; nothing found.
  const abenov = cast.person('Абенов');
  await recordExamination(
    services,
    astanaDoctor,
    abenov,
    {
      examination: 'on-arrest',
      episode: { context: 'custody', id: await episodeOf(store, 'custody', abenov) },
      at: iso(1.4),
      place: 'ИВС ДП г. Астаны, медицинский кабинет',
      present: [{ role: 'nurse', name: 'фельдшер Г. Нуртаева' }],
      injuriesNoted: false,
      notes: 'Жалоб нет. АД 125/80, ЧСС 76. Видимых повреждений нет.',
    },
    ago(1.3),
  );
  examinations += 1;

  // Жумабекова: arrived injured 36 h ago; examined only now, the report follows.
  const zhumabekova = cast.person('Жумабекова');
  const examined = await recordExamination(
    services,
    astanaDoctor,
    zhumabekova,
    {
      examination: 'on-request',
      episode: { context: 'custody', id: await episodeOf(store, 'custody', zhumabekova) },
      at: iso(6),
      place: 'ИВС ДП г. Астаны, медицинский кабинет',
      present: [{ role: 'nurse', name: 'фельдшер Г. Нуртаева' }],
      injuriesNoted: true,
      notes: 'Ссадины обоих запястий, кровоподтёк левого предплечья. Жалуется на боль в левой руке.',
    },
    ago(5.8),
  );
  examinations += 1;
  // Two photographs with a scale in the picture, sealed at rest (demo images drawn here).
  const photos: { sha256: string; withScale: boolean; takenAt: string }[] = [];
  if (cast.dataDir !== undefined)
    for (const [index, hue] of [
      [0, [150, 40, 40]],
      [1, [90, 50, 120]],
    ] as const) {
      const uploaded = await uploadMedicalPhoto(
        { store, dataDir: cast.dataDir },
        astanaDoctor,
        zhumabekova,
        { mediaType: 'image/png', stream: oneChunk(demoPhotograph(hue, index)) },
        ago(5.7),
      );
      photos.push({ sha256: uploaded.sha256, withScale: true, takenAt: iso(5.7) });
    }
  const first: ReportInput = {
    examinationId: examined.examinationId,
    consent: { examination: 'given', photographs: 'given', sharingWithProcurator: 'given' },
    circumstances: {
      description:
        'Осмотр по просьбе задержанной в медицинском кабинете ИВС, без сотрудников полиции; дверь закрыта.',
      present: [{ role: 'nurse', name: 'фельдшер Г. Нуртаева' }],
    },
    account: {
      text:
        'При задержании у подъезда меня повалили на землю, один сотрудник держал за волосы, другой ' +
        'заломил левую руку и ударил по ней несколько раз. Наручники затянули так, что руки онемели; ' +
        'сняли только в отделении через несколько часов.',
      language: 'ru',
      attributedTo: 'officials',
    },
    physicalFindings: [
      {
        type: 'abrasion',
        site: { view: 'front', region: 'wrist-right', detail: 'циркулярно' },
        size: { lengthMm: 60, widthMm: 8 },
        shape: 'полосовидная, циркулярная',
        colour: 'красно-бурая корочка',
        estimatedAge: '1–2 суток',
        photographs: photos.slice(0, 1),
        consistency: 'highly-consistent',
      },
      {
        type: 'abrasion',
        site: { view: 'front', region: 'wrist-left', detail: 'циркулярно' },
        size: { lengthMm: 55, widthMm: 7 },
        shape: 'полосовидная, циркулярная',
        colour: 'красно-бурая корочка',
        estimatedAge: '1–2 суток',
        photographs: [],
        consistency: 'highly-consistent',
      },
      {
        type: 'bruise',
        site: { view: 'back', region: 'back-of-forearm-left' },
        size: { lengthMm: 90, widthMm: 40 },
        shape: 'овальный',
        colour: 'сине-багровый',
        estimatedAge: '1–2 суток',
        photographs: photos.slice(1, 2),
        consistency: 'highly-consistent',
      },
    ],
    psychologicalFindings: {
      text: 'Тревожна, плачет при рассказе о задержании, нарушен сон; ориентирована, мышление последовательное.',
      consistency: 'consistent',
    },
    opinion: {
      overall: 'highly-consistent',
      interpretation:
        'Циркулярные ссадины запястий и кровоподтёк предплечья по давности и локализации высоко ' +
        'соответствуют описанному задержанию с применением силы и тугих наручников.',
    },
    treatment: {
      given: 'Обработка ссадин, холод на предплечье, ибупрофен 400 мг.',
      referral: 'Рентгенография левого предплечья.',
    },
  };
  const report = await finishReport(services, astanaDoctor, holder(astanaDoctor), zhumabekova, first, ago(5));
  reports += 1;
  if (report.referred) referrals += 1;
  await discloseReport(
    services,
    astanaDoctor,
    zhumabekova,
    report.reportId,
    { recipient: 'procurator', recipientName: 'Прокуратура г. Астаны', legalBasis: 'consent' },
    ago(4.5),
  );
  // The forensic physician reviews it and disagrees on the wrists: typical of tight handcuffs.
  const second = await finishReport(
    services,
    forensic,
    holder(forensic),
    zhumabekova,
    {
      ...first,
      secondOpinionOf: report.reportId,
      circumstances: {
        description:
          'Повторный осмотр судебно-медицинским экспертом по материалам и лично, в медицинском кабинете ИВС.',
        present: [],
      },
      physicalFindings: (first.physicalFindings ?? []).map((finding) =>
        finding.type === 'abrasion' ? { ...finding, consistency: 'typical-of' as const } : finding,
      ),
      opinion: {
        overall: 'typical-of',
        interpretation:
          'Циркулярные ссадины запястий типичны для длительного тугого наложения наручников; ' +
          'кровоподтёк предплечья соответствует удару тупым предметом.',
      },
    },
    ago(2),
  );
  reports += 1;
  if (second.referred) referrals += 1;

  // Ким: bruised on the way back from court; refuses photographs and sharing with the procurator.
  const kim = cast.person('Ким');
  const kimExamined = await recordExamination(
    services,
    astanaDoctor,
    kim,
    {
      examination: 'on-request',
      episode: { context: 'prison', id: await episodeOf(store, 'prison', kim) },
      at: yesterday('15:00').toISOString(),
      place: 'СИЗО г. Алматы, медицинская часть',
      present: [],
      injuriesNoted: true,
      notes: 'Кровоподтёки скуловой области слева и левой боковой поверхности грудной клетки.',
    },
    yesterday('15:10'),
  );
  examinations += 1;
  await finishReport(
    services,
    astanaDoctor,
    holder(astanaDoctor),
    kim,
    {
      examinationId: kimExamined.examinationId,
      consent: {
        examination: 'given',
        photographs: 'refused',
        sharingWithProcurator: 'refused',
        note: 'Опасается последствий; от фотографирования и передачи заключения прокурору отказался письменно.',
      },
      circumstances: { description: 'Осмотр в медицинской части СИЗО, без сотрудников.', present: [] },
      account: {
        text: 'Конвой бил в машине, когда везли из суда, по лицу и по рёбрам.',
        language: 'ru',
        attributedTo: 'officials',
      },
      physicalFindings: [
        {
          type: 'bruise',
          site: { view: 'front', region: 'face', detail: 'скуловая область слева' },
          size: { lengthMm: 40, widthMm: 30 },
          shape: 'округлый',
          colour: 'сине-фиолетовый',
          estimatedAge: '3–4 суток',
          photographs: [],
          consistency: 'highly-consistent',
        },
        {
          type: 'bruise',
          site: { view: 'front', region: 'chest-left' },
          size: { lengthMm: 80, widthMm: 50 },
          shape: 'неправильной формы',
          colour: 'сине-зелёный',
          estimatedAge: '3–4 суток',
          photographs: [],
          consistency: 'highly-consistent',
        },
      ],
      psychologicalFindings: { text: 'Насторожен, отвечает односложно.' },
      opinion: { overall: 'not-consistent', interpretation: 'Телесные повреждения получены при падении.' },
      treatment: { given: 'Анальгетики.', referral: 'Рентгенография рёбер.' },
    },
    yesterday('16:00'),
  );
  reports += 1;

  return { clinicians: 3, examinations, reports, referrals };
}

async function* oneChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/**
 * A small PNG standing in for a clinical photograph: skin-coloured ground, a mark of the given
 * colour, and a black-and-white scale with a tick every 10 pixels along the bottom edge.
 */
function demoPhotograph(mark: readonly [number, number, number], variant: number): Uint8Array {
  const width = 240;
  const height = 160;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      let pixel: readonly [number, number, number] = [222, 184, 160];
      const dx = (x - 120 - variant * 20) / (70 - variant * 20);
      const dy = (y - 60) / (18 + variant * 14);
      if (dx * dx + dy * dy < 1) pixel = mark;
      if (y >= 130) pixel = y >= 140 && x % 10 === 0 ? [0, 0, 0] : [250, 250, 250];
      if (y >= 130 && y < 134) pixel = [0, 0, 0];
      row.set(pixel, 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** CRC-32 (ISO 3309) as PNG chunks use it. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
