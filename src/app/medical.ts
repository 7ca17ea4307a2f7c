import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Resource } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import { isRefusal } from '../domain/decision.js';
import { REFERENCE_RANDOM_BYTES, referenceFromBytes } from '../domain/complaints/reference.js';
import type { AmendReport, FinishReport, MedicalCommand } from '../domain/medical/commands.js';
import { medicalDecider } from '../domain/medical/decide.js';
import {
  medicalStream,
  type Episode,
  type MedicalEvent,
  type ReportFinished,
  type ReportSignature,
} from '../domain/medical/events.js';
import { AmendmentInput, DisclosureInput, ExaminationInput, ReportInput } from '../domain/medical/inputs.js';
import type { MedicalRecordState } from '../domain/medical/state.js';
import { canonicalString } from '../ledger/canonical.js';
import type { JsonObject } from '../ledger/json.js';
import { REPORT_FORMAT, type SignedReport } from '../medical/signing.js';
import { VersionConflictError, type AppendResult, type StoredEvent, type Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';
import { signingKeyFor, type ClinicianKeyServices } from './clinician-keys.js';
import {
  appendEpisodeFact,
  checkEpisodeFact,
  episodeFactOf,
  type EpisodeFactOutcome,
  type EpisodeFactServices,
} from './medical-episode.js';
import { NotFoundError, RefusedError } from './errors.js';
import { newId } from './ids.js';
import { personResource } from './person-scope.js';
import { parseInput } from './validate.js';

/*
 * Medical documentation (issue 19; RULES.md "Medical documentation"): the application services
 * behind /api/v1/medical. A person's record is one stream, `medical/<recordId>`, whose id is opaque
 * and random (the person's id never appears in a stream name); the medical role writes it and reads
 * it (kz.medical.system), every read of clinical content recorded with its purpose. Other roles
 * learn what their work needs from `medical_examinations` (that an examination took place, when,
 * by whom, fit or unfit); the procurator learns of a referral from `medical_referrals` and reads the
 * report only once it was disclosed to them (intl.medical.disclosure).
 *
 * A finished report (and each amendment) is signed with the clinician's own key, unlocked for their
 * session (src/app/clinician-keys.ts): the entry holds the report and its signature, so the log
 * holds the digest and a reviewer can check the report offline (`habeas medical verify`).
 */

export interface MedicalServices extends ClinicianKeyServices, EpisodeFactServices {
  store: Store;
}

const CONFLICT_RETRIES = 3;

/** Who writes: the clinician as their reports name them. */
const clinicianOf = (principal: Principal) => ({ accountId: principal.id, name: principal.name });

async function facilityResource(store: Store, facilityId: string): Promise<Resource> {
  const row = await store.db
    .selectFrom('facilities')
    .select(['region', 'population'])
    .where('id', '=', facilityId)
    .executeTakeFirst();
  return {
    facilities: [facilityId],
    regions: row ? [row.region] : [],
    populations: row ? [row.population] : [],
  };
}

/** The custody episode or prison stay an examination belongs to: its person and facility. */
async function episodeOf(
  store: Store,
  episode: Episode,
): Promise<{ personId: string; facilityId: string } | undefined> {
  const row =
    episode.context === 'custody'
      ? await store.db
          .selectFrom('custody_episodes')
          .select(['person_id', 'facility_id'])
          .where('id', '=', episode.id)
          .executeTakeFirst()
      : await store.db
          .selectFrom('prison_stays')
          .select(['person_id', 'facility_id'])
          .where('id', '=', episode.id)
          .executeTakeFirst();
  return row ? { personId: row.person_id, facilityId: row.facility_id } : undefined;
}

export async function recordRowOf(store: Store, personId: string) {
  return store.db
    .selectFrom('medical_records')
    .selectAll()
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/**
 * Where a person's medical record sits for access: the facilities holding or having held the
 * person, and those of their examinations (a doctor of the remand centre reads what the police
 * custody doctor found: seed ¶25).
 */
export async function recordResource(store: Store, personId: string): Promise<Resource> {
  const person = await personResource(store, personId);
  const examined = await store.db
    .selectFrom('medical_examinations as m')
    .innerJoin('facilities as f', 'f.id', 'm.facility_id')
    .select(['f.id', 'f.region', 'f.population'])
    .where('m.person_id', '=', personId)
    .execute();
  return {
    facilities: [...new Set([...(person.facilities ?? []), ...examined.map((row) => row.id)])],
    regions: [...new Set([...(person.regions ?? []), ...examined.map((row) => row.region)])],
    populations: [...new Set([...(person.populations ?? []), ...examined.map((row) => row.population)])],
  };
}

export async function requirePerson(store: Store, personId: string): Promise<void> {
  const row = await store.db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
  if (!row) throw new NotFoundError(`there is no person ${personId}`);
}

/** The folded record and the stored events it came from. */
async function loadRecord(
  store: Store,
  recordId: string,
): Promise<{ history: StoredEvent[]; state: MedicalRecordState }> {
  const decider = medicalDecider();
  const history = await store.readStream(medicalStream(recordId));
  const state = history.reduce(
    (current, stored) =>
      decider.evolve(current, { type: stored.entry.type, payload: stored.payload } as MedicalEvent, {
        seq: stored.entry.seq,
        version: stored.entry.version,
        recordedAt: stored.entry.at,
        actor: stored.entry.actor,
      }),
    decider.initialState,
  );
  return { history, state };
}

/** A report version's payload as stored, found in the history (the exact object that was signed). */
function storedReport(history: StoredEvent[], reportId: string, version: number): ReportFinished | null {
  for (const stored of history) {
    const payload = stored.payload as Partial<ReportFinished> | null;
    if (
      payload !== null &&
      payload.kind === 'report-finished' &&
      payload.reportId === reportId &&
      payload.version === version
    )
      return payload as ReportFinished;
  }
  return null;
}

/** The signed object of a report version: its payload without the signature. */
function unsigned(report: ReportFinished): JsonObject {
  const copy = { ...report } as Record<string, unknown>;
  delete copy.signed;
  return JSON.parse(canonicalString(copy as JsonObject)) as JsonObject;
}

/** The habeas-medical-report/1 envelope of a stored, signed report version. */
export function envelopeOf(report: ReportFinished): SignedReport | null {
  const signed = report.signed;
  if (!signed) return null;
  return {
    format: REPORT_FORMAT,
    version: report.version,
    previous: signed.previous as SignedReport['previous'],
    report: unsigned(report),
    digest: signed.digest as SignedReport['digest'],
    signer: { keyId: signed.keyId, publicKey: signed.publicKey },
    signature: signed.signature,
  };
}

/**
 * Reads the record, decides, signs any report version the decision finishes, and appends with the
 * version seen; on a version conflict, decides again on the fresh stream.
 */
async function decideAndAppend(
  services: MedicalServices,
  recordId: string,
  command: MedicalCommand,
  options: {
    sign?: (report: ReportFinished, history: StoredEvent[]) => Promise<ReportSignature>;
    personId: string;
  },
): Promise<{ result: AppendResult; events: MedicalEvent[] }> {
  const { store } = services;
  const decider = medicalDecider();
  for (let attempt = 0; ; attempt++) {
    const { history, state } = await loadRecord(store, recordId);
    const decision = decider.decide(command, state);
    if (isRefusal(decision)) throw new RefusedError(decision);
    const events: MedicalEvent[] = [];
    for (const event of decision) {
      if (event.payload.kind === 'report-finished' && options.sign) {
        const signed = await options.sign(event.payload, history);
        events.push({ type: event.type, payload: { ...event.payload, signed } });
      } else events.push(event);
    }
    try {
      const result = await store.append({
        stream: medicalStream(recordId),
        expectedVersion: history.length,
        actor: command.actor,
        events,
        guard: {
          // One record per person: two first examinations racing must not open two records.
          key: `medical-record/${options.personId}`,
          check: async (trx) => {
            const other = await trx
              .selectFrom('medical_records')
              .select('id')
              .where('person_id', '=', options.personId)
              .where('id', '!=', recordId)
              .executeTakeFirst();
            return other ? new VersionConflictError(medicalStream(recordId), history.length, -1) : undefined;
          },
        },
      });
      return { result, events };
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= CONFLICT_RETRIES) throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing: examinations, reports, amendments, disclosures (the medical role)

export type ExaminationRecordedView = {
  examinationId: string;
  personId: string;
  facilityId: string;
  seq: number;
  /**
   * The examination's non-clinical fact in its episode's stream, which meets that episode's clocks
   * (src/app/medical-episode.ts); null for the kinds no clock asks for.
   */
  episodeFact: EpisodeFactOutcome | null;
};

/**
 * Records an examination of any kind, linked to the person's custody episode or prison stay; the
 * examinations that custody or prison clocks ask for also state their fact in the episode's
 * stream, in this same request (src/app/medical-episode.ts).
 */
export async function recordExamination(
  services: MedicalServices,
  principal: Principal | null,
  personId: string,
  input: z.input<typeof ExaminationInput>,
  now: Date,
): Promise<ExaminationRecordedView> {
  requireAccess(principal, 'medical.write');
  const parsed = parseInput(ExaminationInput, input);
  const { store } = services;
  await requirePerson(store, personId);
  const episode = await episodeOf(store, parsed.episode);
  if (!episode || episode.personId !== personId)
    throw new RefusedError({
      detail: `there is no ${parsed.episode.context === 'custody' ? 'custody episode' : 'prison stay'} ${parsed.episode.id} of this person`,
      field: 'episode',
    });
  const clinician = requireAccess(
    principal,
    'medical.write',
    await facilityResource(store, episode.facilityId),
  );
  const recordId = (await recordRowOf(store, personId))?.id ?? newId(now.getTime());
  const examinationId = newId(now.getTime());
  const fact = episodeFactOf(
    {
      examinationId,
      examination: parsed.examination,
      episode: parsed.episode,
      at: parsed.at ?? now.toISOString(),
      clinician: clinicianOf(clinician),
      injuriesNoted: parsed.injuriesNoted ?? false,
      fitness: parsed.fitness ?? null,
      ...(parsed.screening ? { screening: parsed.screening } : {}),
    },
    now.toISOString(),
    clinician.id,
  );
  // What the episode would refuse is refused before the medical record is written.
  if (fact) await checkEpisodeFact(services, fact);
  const { result } = await decideAndAppend(
    services,
    recordId,
    {
      type: 'record-examination',
      examinationId,
      personId,
      facilityId: episode.facilityId,
      input: parsed,
      clinician: clinicianOf(clinician),
      now: now.toISOString(),
      actor: clinician.id,
    },
    { personId },
  );
  return {
    examinationId,
    personId,
    facilityId: episode.facilityId,
    seq: result.entries[0]?.seq ?? -1,
    episodeFact: fact ? await appendEpisodeFact(services, fact) : null,
  };
}

/** The clinician may write in this person's record: the facility of the examination is theirs. */
export async function writableRecord(
  store: Store,
  principal: Principal | null,
  personId: string,
): Promise<{ clinician: Principal; recordId: string }> {
  requireAccess(principal, 'medical.write');
  const row = await recordRowOf(store, personId);
  if (!row) throw new NotFoundError('this person has no medical record: record an examination first');
  const clinician = requireAccess(principal, 'medical.write', await recordResource(store, personId));
  return { clinician, recordId: row.id };
}

/**
 * intl.medical.report: a finding's photographs are the ones hashed at capture and sealed in THIS
 * person's record (src/app/medical-photos.ts); a hash of any other file, or of a photograph of
 * someone else, is refused before anything is decided or signed.
 */
async function requirePhotographsOfRecord(
  store: Store,
  recordId: string,
  findings: ReportInput['physicalFindings'],
): Promise<void> {
  const wanted = (findings ?? []).flatMap((finding, index) =>
    (finding.photographs ?? []).map((photograph) => ({ index, sha256: photograph.sha256 })),
  );
  if (wanted.length === 0) return;
  const stored = new Set(
    (
      await store.db
        .selectFrom('medical_photos')
        .select('sha256')
        .where('record_id', '=', recordId)
        .where('sha256', 'in', [...new Set(wanted.map((photograph) => photograph.sha256))])
        .execute()
    ).map((row) => row.sha256),
  );
  const unknown = wanted.find((photograph) => !stored.has(photograph.sha256));
  if (unknown)
    throw new RefusedError({
      detail: `photograph ${unknown.sha256} of physical finding ${unknown.index + 1} was not uploaded to this person's record: upload it first (POST /api/v1/medical/people/{personId}/photos)`,
      rule: 'intl.medical.report',
      field: `physicalFindings.${unknown.index}.photographs`,
    });
}

function signerFor(services: MedicalServices, clinician: Principal, holder: string) {
  return async (report: ReportFinished, history: StoredEvent[]): Promise<ReportSignature> => {
    const key = await signingKeyFor(services, clinician, holder);
    const previous = report.version > 1 ? storedReport(history, report.reportId, report.version - 1) : null;
    const amends = previous ? envelopeOf(previous) : null;
    if (report.version > 1 && !amends)
      throw new RefusedError({
        detail: `version ${report.version - 1} of this report was not signed: it cannot be amended with a signature`,
        rule: 'intl.medical.report',
      });
    let envelope: SignedReport;
    try {
      envelope = key.signReport(unsigned(report), amends ?? undefined);
    } catch (error) {
      if (error instanceof TypeError)
        throw new RefusedError({
          detail: `the amendment cannot be signed: ${error.message} (only the key that signed the report amends it)`,
          rule: 'kz.medical.second-opinion',
        });
      throw error;
    }
    return {
      digest: envelope.digest,
      previous: envelope.previous,
      keyId: envelope.signer.keyId,
      publicKey: envelope.signer.publicKey,
      signature: envelope.signature,
    };
  };
}

export type ReportWrittenView = {
  reportId: string;
  version: number;
  digest: string;
  /** Whether this version opened an allegation for the procurator (kz.torture.referral). */
  referred: boolean;
  /** The allegation's reference, when referred. */
  reference: string | null;
  seq: number;
};

function writtenView(reportId: string, events: MedicalEvent[], result: AppendResult): ReportWrittenView {
  const report = events.find((event) => event.payload.kind === 'report-finished')?.payload as
    ReportFinished | undefined;
  const referral = events.find((event) => event.payload.kind === 'referral-assessed')?.payload;
  const reference = referral?.kind === 'referral-assessed' ? referral.reference : null;
  return {
    reportId,
    version: report?.version ?? 1,
    digest: report?.signed?.digest ?? '',
    referred: reference !== null,
    reference,
    seq: result.entries[0]?.seq ?? -1,
  };
}

/**
 * A finished report (intl.medical.report) on an examination, or a second opinion on another
 * clinician's report (kz.medical.second-opinion), signed with the clinician's unlocked key. A
 * report about injuries attributed to officials with an opinion of "consistent" or stronger opens
 * an allegation in the procurator's list in this same request (kz.torture.referral).
 */
export async function finishReport(
  services: MedicalServices,
  principal: Principal | null,
  holder: string,
  personId: string,
  input: z.input<typeof ReportInput>,
  now: Date,
): Promise<ReportWrittenView> {
  const { clinician, recordId } = await writableRecord(services.store, principal, personId);
  const parsed = parseInput(ReportInput, input);
  const reportId = newId(now.getTime());
  return writeSignedVersion(services, { clinician, holder, recordId, personId, reportId, now }, (common) => ({
    type: 'finish-report',
    input: parsed,
    ...common,
  }));
}

/** A new signed version of the clinician's own report; every earlier version stays. */
export async function amendReport(
  services: MedicalServices,
  principal: Principal | null,
  holder: string,
  personId: string,
  reportId: string,
  input: z.input<typeof AmendmentInput>,
  now: Date,
): Promise<ReportWrittenView> {
  const { clinician, recordId } = await writableRecord(services.store, principal, personId);
  const parsed = parseInput(AmendmentInput, input);
  return writeSignedVersion(services, { clinician, holder, recordId, personId, reportId, now }, (common) => ({
    type: 'amend-report',
    input: parsed,
    ...common,
  }));
}

/**
 * The one path of a report version (a first report, a second opinion, an amendment): its
 * photographs must be this record's, the clinician's key must be unlocked before anything is
 * decided (nothing is written otherwise), and the version is signed as it is appended.
 */
async function writeSignedVersion(
  services: MedicalServices,
  target: {
    clinician: Principal;
    holder: string;
    recordId: string;
    personId: string;
    reportId: string;
    now: Date;
  },
  command: (common: {
    reportId: string;
    referralReference: string;
    clinician: { accountId: string; name: string };
    now: string;
    actor: string;
  }) => FinishReport | AmendReport,
): Promise<ReportWrittenView> {
  const { clinician, holder, recordId, personId, reportId, now } = target;
  const decided = command({
    reportId,
    referralReference: referenceFromBytes(randomBytes(REFERENCE_RANDOM_BYTES)),
    clinician: clinicianOf(clinician),
    now: now.toISOString(),
    actor: clinician.id,
  });
  await requirePhotographsOfRecord(services.store, recordId, decided.input.physicalFindings);
  await signingKeyFor(services, clinician, holder);
  const { result, events } = await decideAndAppend(services, recordId, decided, {
    personId,
    sign: signerFor(services, clinician, holder),
  });
  return writtenView(reportId, events, result);
}

/** A copy of a report given to the person, the procurator or another, with its legal basis (intl.medical.disclosure). */
export async function discloseReport(
  services: MedicalServices,
  principal: Principal | null,
  personId: string,
  reportId: string,
  input: z.input<typeof DisclosureInput>,
  now: Date,
): Promise<{ disclosureId: string; seq: number }> {
  const { clinician, recordId } = await writableRecord(services.store, principal, personId);
  const parsed = parseInput(DisclosureInput, input);
  const disclosureId = newId(now.getTime());
  const { result } = await decideAndAppend(
    services,
    recordId,
    {
      type: 'disclose-report',
      disclosureId,
      reportId,
      input: parsed,
      clinician: clinicianOf(clinician),
      now: now.toISOString(),
      actor: clinician.id,
    },
    { personId },
  );
  return { disclosureId, seq: result.entries[0]?.seq ?? -1 };
}

// ---------------------------------------------------------------------------------------------
// Reading: the clinical record (medical role, audited), what others see, the signed report

export type ReportVersionView = {
  version: number;
  clinician: { accountId: string; name: string };
  finishedAt: string;
  amends: { version: number; reason: string } | null;
  content: ReportFinished['content'];
  digest: string | null;
  keyId: string | null;
  seq: number;
};

export type ReportView = {
  reportId: string;
  examinationId: string;
  author: { accountId: string; name: string };
  secondOpinionOf: { reportId: string; version: number } | null;
  /** Second opinions on this report, by id. */
  secondOpinions: string[];
  versions: ReportVersionView[];
  referral: { outcome: string; reference: string | null; assessedAt: string } | null;
  disclosures: MedicalRecordState['disclosures'];
};

export type MedicalRecordView = {
  personId: string;
  examinations: (MedicalRecordState['examinations'][string] & { reportIds: string[] })[];
  reports: ReportView[];
};

function recordView(personId: string, state: MedicalRecordState): MedicalRecordView {
  const reports = Object.entries(state.reports).map(([reportId, versions]): ReportView => {
    const first = versions[0] as NonNullable<(typeof versions)[0]>;
    const referrals = state.referrals.filter((referral) => referral.reportId === reportId);
    const decisive =
      referrals.find((referral) => referral.outcome === 'referred') ??
      referrals.find((referral) => referral.outcome === 'already-referred') ??
      referrals.at(-1);
    return {
      reportId,
      examinationId: first.examinationId,
      author: first.clinician,
      secondOpinionOf: first.secondOpinionOf,
      secondOpinions: Object.entries(state.reports)
        .filter(([, other]) => other[0]?.secondOpinionOf?.reportId === reportId)
        .map(([id]) => id),
      versions: versions.map((version) => ({
        version: version.version,
        clinician: version.clinician,
        finishedAt: version.finishedAt,
        amends: version.amends,
        content: version.content,
        digest: version.signed?.digest ?? null,
        keyId: version.signed?.keyId ?? null,
        seq: version.seq,
      })),
      referral: decisive
        ? {
            outcome: decisive.outcome,
            reference: decisive.reference ?? null,
            assessedAt: decisive.assessedAt,
          }
        : null,
      disclosures: state.disclosures.filter((disclosure) => disclosure.reportId === reportId),
    };
  });
  return {
    personId,
    examinations: Object.values(state.examinations)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((examination) => ({
        ...examination,
        reportIds: reports
          .filter((report) => report.examinationId === examination.examinationId)
          .map((report) => report.reportId),
      })),
    reports: reports.sort((a, b) =>
      (a.versions[0]?.finishedAt ?? '').localeCompare(b.versions[0]?.finishedAt ?? ''),
    ),
  };
}

/**
 * The person's medical record with its clinical content: health officials of the facilities that
 * hold or held the person, or examined them (kz.medical.system). The read is recorded with its purpose.
 */
export async function readMedicalRecord(
  services: MedicalServices,
  principal: Principal | null,
  personId: string,
  purpose: string | undefined,
): Promise<MedicalRecordView> {
  requireAccess(principal, 'medical.read');
  const { store } = services;
  await requirePerson(store, personId);
  const reader = requireAccess(principal, 'medical.read', await recordResource(store, personId));
  const row = await recordRowOf(store, personId);
  if (!row) return { personId, examinations: [], reports: [] };
  const { state } = await loadRecord(store, row.id);
  await appendRead(store, reader, medicalStream(row.id), purpose);
  return recordView(personId, state);
}

/**
 * The signed report of one version (`signed`: the habeas-medical-report/1 envelope, exactly what
 * `habeas medical verify` reads) with where its entry lies in the log: the entry's payload is the
 * signed report plus its signature, salted with `salt` (hex), so a reviewer holding a bundle
 * recomputes the entry's digest and finds it at `seq` (`habeas medical verify --bundle`).
 */
export type SignedReportExport = {
  format: 'habeas-medical-report-export/1';
  signed: SignedReport;
  log: { seq: number; stream: string; salt: string };
};

export async function exportSignedReport(
  services: MedicalServices,
  principal: Principal | null,
  personId: string,
  reportId: string,
  version: number | undefined,
  purpose: string | undefined,
): Promise<SignedReportExport> {
  requireAccess(principal, 'medical.read');
  const { store } = services;
  await requirePerson(store, personId);
  const reader = requireAccess(principal, 'medical.read', await recordResource(store, personId));
  const row = await recordRowOf(store, personId);
  if (!row) throw new NotFoundError(`there is no report ${reportId} in this record`);
  return signedExport(store, reader, row.id, reportId, version, purpose);
}

async function signedExport(
  store: Store,
  reader: Principal,
  recordId: string,
  reportId: string,
  version: number | undefined,
  purpose: string | undefined,
): Promise<SignedReportExport> {
  const { history, state } = await loadRecord(store, recordId);
  const versions = state.reports[reportId] ?? [];
  const wanted = version === undefined ? versions.at(-1) : versions[version - 1];
  if (!wanted)
    throw new NotFoundError(`there is no report ${reportId}${version ? ` version ${version}` : ''}`);
  const stored = storedReport(history, reportId, wanted.version);
  const envelope = stored ? envelopeOf(stored) : null;
  if (!envelope) throw new NotFoundError(`version ${wanted.version} of report ${reportId} is not signed`);
  const [event] = await store.events(wanted.seq, wanted.seq + 1);
  if (!event?.salt) throw new NotFoundError(`the entry of report ${reportId} has no payload (erased)`);
  await appendRead(store, reader, medicalStream(recordId), purpose);
  return {
    format: 'habeas-medical-report-export/1',
    signed: envelope,
    log: { seq: wanted.seq, stream: medicalStream(recordId), salt: Buffer.from(event.salt).toString('hex') },
  };
}

/** What other roles may know of a person's examinations (issue 19 item 1): no clinical content. */
export type ExaminationSummary = {
  examinationId: string;
  kind: string;
  episode: { context: string; id: string };
  facilityId: string;
  at: string;
  clinicianName: string;
  /** Fit or unfit for separation; null for other examinations. */
  fitness: string | null;
};

const summaryOf = (row: {
  id: string;
  kind: string;
  episode_context: string;
  episode_id: string;
  facility_id: string;
  at: string;
  clinician_name: string;
  fitness: string | null;
}): ExaminationSummary => ({
  examinationId: row.id,
  kind: row.kind,
  episode: { context: row.episode_context, id: row.episode_id },
  facilityId: row.facility_id,
  at: row.at,
  clinicianName: row.clinician_name,
  fitness: row.fitness,
});

/** That examinations took place: for the staff, governor and oversight with the person in their scope. */
export async function examinationSummaries(
  services: Pick<MedicalServices, 'store'>,
  principal: Principal | null,
  personId: string,
): Promise<ExaminationSummary[]> {
  requireAccess(principal, 'medical.summary');
  const { store } = services;
  await requirePerson(store, personId);
  requireAccess(principal, 'medical.summary', await recordResource(store, personId));
  const rows = await store.db
    .selectFrom('medical_examinations')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map(summaryOf);
}

/** The examinations of one custody episode or prison stay, for whoever may see that examinations took place there. */
export async function episodeExaminations(
  services: Pick<MedicalServices, 'store'>,
  principal: Principal | null,
  episode: Episode,
): Promise<ExaminationSummary[]> {
  requireAccess(principal, 'medical.summary');
  const { store } = services;
  const found = await episodeOf(store, episode);
  if (!found)
    throw new NotFoundError(
      `there is no ${episode.context === 'custody' ? 'custody episode' : 'prison stay'} ${episode.id}`,
    );
  requireAccess(principal, 'medical.summary', await facilityResource(store, found.facilityId));
  const rows = await store.db
    .selectFrom('medical_examinations')
    .selectAll()
    .where('episode_context', '=', episode.context)
    .where('episode_id', '=', episode.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map(summaryOf);
}

// ---------------------------------------------------------------------------------------------
// The procurator's: medical referrals (kz.torture.referral, source `medical`)

export type MedicalReferralView = {
  reference: string;
  source: 'medical';
  personId: string;
  facilityId: string;
  facilityName: string | null;
  examinedAt: string;
  referredAt: string;
  clinicianName: string;
  /** Whether the report was disclosed to the procurator (consent or court order): then it can be read. */
  disclosed: boolean;
};

async function referralRow(store: Store, reference: string) {
  return store.db
    .selectFrom('medical_referrals as r')
    .leftJoin('facilities as f', 'f.id', 'r.facility_id')
    .selectAll('r')
    .select(['f.name as facility_name', 'f.region', 'f.population'])
    .where('r.reference', '=', reference)
    .executeTakeFirst();
}

const referralView = (row: NonNullable<Awaited<ReturnType<typeof referralRow>>>): MedicalReferralView => ({
  reference: row.reference,
  source: 'medical',
  personId: row.person_id,
  facilityId: row.facility_id,
  facilityName: row.facility_name ?? null,
  examinedAt: row.examined_at,
  referredAt: row.referred_at,
  clinicianName: row.clinician_name,
  disclosed: row.disclosed === 1,
});

/**
 * A medical referral as the procurator sees it: that signs of ill-treatment were documented, when
 * and by whom; the signed report itself when it was disclosed to them (consent or court order,
 * intl.medical.disclosure), and then the read is recorded.
 */
export async function readMedicalReferral(
  services: MedicalServices,
  principal: Principal | null,
  reference: string,
  purpose: string | undefined,
): Promise<MedicalReferralView & { report: SignedReportExport | null }> {
  requireAccess(principal, 'medical.referral');
  const { store } = services;
  const row = await referralRow(store, reference);
  if (!row) throw new NotFoundError(`there is no medical referral ${reference}`);
  const reader = requireAccess(principal, 'medical.referral', {
    facilities: [row.facility_id],
    regions: row.region ? [row.region] : [],
    populations: row.population ? [row.population] : [],
  });
  const view = referralView(row);
  if (!view.disclosed) return { ...view, report: null };
  const disclosure = await store.db
    .selectFrom('medical_disclosures')
    .select(['report_id', 'version'])
    .where('record_id', '=', row.record_id)
    .where('recipient', '=', 'procurator')
    .orderBy('disclosed_at', 'desc')
    .executeTakeFirst();
  if (!disclosure) return { ...view, report: null };
  return {
    ...view,
    report: await signedExport(
      store,
      reader,
      row.record_id,
      disclosure.report_id,
      disclosure.version,
      purpose,
    ),
  };
}

/** The medical referrals of some facilities (null: all), newest first: the procurator's list joins them with complaints. */
export function medicalReferralsMatching(
  store: Store,
  facilities: string[] | null,
  filters: { from?: string; to?: string },
) {
  let select = store.db
    .selectFrom('medical_referrals as r')
    .leftJoin('facilities as f', 'f.id', 'r.facility_id');
  if (facilities !== null)
    select = select.where('r.facility_id', 'in', facilities.length ? facilities : ['']);
  if (filters.from !== undefined) select = select.where('r.referred_at', '>=', filters.from);
  if (filters.to !== undefined) select = select.where('r.referred_at', '<', filters.to);
  return select;
}
