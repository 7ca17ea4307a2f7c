import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../access/policy.js';
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../app/access.js';
import { Purpose } from '../../app/audit.js';
import {
  changeSigningPassphrase,
  CLINICIAN_KEY_IDLE_MS,
  clinicianKeyStatus,
  createSigningKey,
  lockSigningKey,
  unlockSigningKey,
} from '../../app/clinician-keys.js';
import { AccessDeniedError, ConflictError, InvalidInputError, NotFoundError } from '../../app/errors.js';
import {
  discloseReport,
  readMedicalRecord,
  readMedicalReferral,
  recordExamination,
} from '../../app/medical.js';
import { caseStatusOfAllegation } from '../../app/cases.js';
import { examinableEpisodes, medicalPerson, registeredClinicianKeys } from '../../app/medical-person.js';
import { medicalWorklist } from '../../app/medical-worklist.js';
import { listFacilities } from '../../app/registry.js';
import { parseInput } from '../../app/validate.js';
import { sealingHolder } from '../../app/sealing-session.js';
import { passwordWeaknessKind } from '../../domain/accounts/password-strength.js';
import { normaliseReference } from '../../domain/complaints/reference.js';
import {
  DISCLOSURE_RECIPIENTS,
  EXAMINATION_KINDS,
  FITNESS_VERDICTS,
  LEGAL_BASES,
  PRESENT_ROLES,
  STAFF_ROLES,
  type PresentRole,
} from '../../domain/medical/events.js';
import type { DisclosureInput, ExaminationInput } from '../../domain/medical/inputs.js';
import { SCREENING_OUTCOMES } from '../../domain/prison/events.js';
import type { Store } from '../../store/types.js';
import type { PageContext } from '../context.js';
import { localFromMoment, momentFromLocal } from '../custody-time.js';
import {
  formValues,
  inFormOrder,
  type FieldError,
  type FieldMessages,
  type FormValues,
  verdictAsFieldErrors,
} from '../forms.js';
import { translator } from '../i18n.js';
import { pageContext, requireAction, sendPage } from '../page.js';
import {
  episodeValue,
  EXAMINATION_FIELDS,
  ExaminationFormPage,
  presentField,
  PRESENT_ROWS,
} from '../pages/medical-examination-form.js';
import { KEY_DONE, MedicalKeyPage, type KeyDone } from '../pages/medical-key.js';
import { MedicalRecordPage } from '../pages/medical-record.js';
import { MedicalReferralPage } from '../pages/medical-referral.js';
import { DISCLOSURE_FIELDS, MedicalReportPage } from '../pages/medical-report.js';
import { MedicalReportPrintPage } from '../pages/medical-report-print.js';
import { MedicalWorklistPage } from '../pages/medical-worklist.js';
import { localPath, paths } from '../paths.js';
import { UNLOCK_RATE_LIMIT } from './complaints.js';
import { recordLanguage } from './custody.js';

/*
 * The medical pages (issue 19 item 7), for health officials: their own signing key, the worklist,
 * a person's medical record, the examination form, a signed report with its print copy and its
 * disclosures; and what the procurator sees of a medical referral. Every page goes through the
 * services and policy of the API (src/app/medical.ts, src/app/clinician-keys.ts, src/http/routes/
 * medical.ts): clinical content is the medical role's alone (kz.medical.system), every read of it
 * recorded with its purpose. The injury report's form and its amendment are in
 * src/web/routes/medical-report.tsx.
 */

/** A query parameter as text ('' when absent, repeated or not text). */
function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

const oneOf = <Value extends string>(value: string, allowed: readonly Value[]): Value | '' =>
  (allowed as readonly string[]).includes(value) ? (value as Value) : '';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The URL pattern of a report's printed copy: its `?lang=` is the person's language, not the reader's choice. */
export const MEDICAL_PRINT_ROUTE = '/medical/people/:personId/reports/:reportId/print';

/** A record id of the address (`:personId`, `:reportId`); a 404 when it cannot be one. */
function idParam(request: FastifyRequest, name: string): string {
  const id = (request.params as Record<string, unknown> | undefined)?.[name];
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new NotFoundError(`no such ${name}`);
  return id;
}

/** The stated purpose of a read (`?purpose=`), checked as the read audit checks it. */
function purposeOf(typed: string): { purpose: string | undefined; error: FieldError | null } {
  const trimmed = typed.trim();
  if (trimmed === '') return { purpose: undefined, error: null };
  try {
    return { purpose: parseInput(Purpose, trimmed), error: null };
  } catch (error) {
    if (error instanceof InvalidInputError)
      return { purpose: undefined, error: { field: 'purpose', message: 'medical.read.purpose.invalid' } };
    throw error;
  }
}

/** The words of the examination form for each field the service names. */
const EXAMINATION_MESSAGES: Record<string, FieldMessages> = {
  examination: { required: 'medicalExam.kind.required', invalid: 'medicalExam.kind.required' },
  episode: { required: 'medicalExam.episode.required', invalid: 'medicalExam.episode.required' },
  at: { required: 'medicalExam.at.required', invalid: 'medicalExam.at.invalid' },
  place: { required: 'medicalExam.place.required', invalid: 'medicalExam.place.invalid' },
  ...Object.fromEntries(
    Array.from({ length: PRESENT_ROWS }, (_, index) => [
      [presentField(index, 'role'), { invalid: 'medicalExam.present.role.required' } as FieldMessages],
      [presentField(index, 'name'), { invalid: 'medicalExam.present.name.invalid' } as FieldMessages],
    ]).flat(),
  ),
  staffPresenceReason: {
    required: 'medicalExam.staffPresenceReason.required',
    invalid: 'medicalExam.staffPresenceReason.invalid',
  },
  injuriesNoted: {
    required: 'medicalExam.injuriesNoted.required',
    invalid: 'medicalExam.injuriesNoted.required',
  },
  fitness: { required: 'medicalExam.fitness.required', invalid: 'medicalExam.fitness.required' },
  screeningHiv: { invalid: 'medicalExam.screening.both' },
  screeningTb: { invalid: 'medicalExam.screening.both' },
  notes: { invalid: 'medicalExam.notes.invalid' },
};

/** The service's `present.1.name` is the form's `present-1-name`. */
const formField = (field: string): string =>
  field === 'screening.hiv' || field === 'screening'
    ? 'screeningHiv'
    : field === 'screening.tb'
      ? 'screeningTb'
      : field.replace(/^present\.(\d+)\.(role|name)$/, 'present-$1-$2');

/** Where to go after creating or unlocking the key: a local path other than the home page, or ''. */
function nextOf(value: unknown): string {
  const next = localPath(value);
  return next === paths.home ? '' : next;
}

/** A new passphrase's problems, as the accounts' passwords are checked: empty, too easy, typed differently. */
function newPassphraseErrors(
  passphrase: string,
  repeat: string,
  field: string,
  repeatField: string,
): FieldError[] {
  if (passphrase === '') return [{ field, message: 'medicalKey.passphrase.required' }];
  const weakness = passwordWeaknessKind(passphrase);
  if (weakness !== null) return [{ field, message: `medicalKey.weak.${weakness}` }];
  if (passphrase !== repeat) return [{ field: repeatField, message: 'medicalKey.passphrase.mismatch' }];
  return [];
}

export function medicalRoutes(app: FastifyInstance, store: Store): void {
  const services = app.habeas;
  const { clock } = services;
  const rateLimit = { rateLimit: { max: UNLOCK_RATE_LIMIT.max, timeWindow: UNLOCK_RATE_LIMIT.timeWindowMs } };

  /** Who holds the unlocked key: this page session. */
  const holderOf = (request: FastifyRequest, principal: Principal): string =>
    sealingHolder(principal, request.pageSession?.id ?? null);

  // ------------------------------------------------------------------------------------------
  // The clinician's own signing key

  async function sendKey(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    page: { errors: FieldError[]; next: string; done: KeyDone | null },
    status: number,
  ): Promise<FastifyReply> {
    const keyStatus = await clinicianKeyStatus(services, principal, holderOf(request, principal));
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <MedicalKeyPage
        ctx={ctx}
        status={keyStatus}
        errors={page.errors}
        done={page.done}
        next={page.next}
        idleMinutes={CLINICIAN_KEY_IDLE_MS / 60_000}
      />,
      status,
    );
  }

  const afterKey = (reply: FastifyReply, next: string, done: KeyDone) =>
    reply.redirect(next !== '' ? next : `${paths.medicalKey}?done=${done}`, 303);

  app.get(paths.medicalKey, { preHandler: requireAction(store, 'medical.key') }, async (request, reply) => {
    const principal = requireAccess(request.principal, 'medical.key');
    const done = oneOf(queryText(request, 'done'), KEY_DONE);
    return sendKey(
      request,
      reply,
      principal,
      { errors: [], next: nextOf(queryText(request, 'next')), done: done === '' ? null : done },
      200,
    );
  });

  app.post(
    paths.medicalKey,
    { preHandler: requireAction(store, 'medical.key'), config: rateLimit },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'medical.key');
      const values = formValues(request.body, ['passphrase', 'passphraseRepeat', 'next']);
      const next = nextOf(values.next);
      const passphrase = values.passphrase ?? '';
      let errors = newPassphraseErrors(
        passphrase,
        values.passphraseRepeat ?? '',
        'passphrase',
        'passphraseRepeat',
      );
      if (errors.length === 0)
        try {
          await createSigningKey(services, principal, holderOf(request, principal), passphrase, clock());
          return afterKey(reply, next, 'created');
        } catch (error) {
          if (error instanceof ConflictError)
            errors = [{ field: 'unlockPassphrase', message: 'medicalKey.exists' }];
          else if (error instanceof InvalidInputError)
            errors = [{ field: 'passphrase', message: 'medicalKey.weak.common' }];
          else throw error;
        }
      return sendKey(request, reply, principal, { errors, next, done: null }, 422);
    },
  );

  app.post(
    paths.medicalKeyUnlock,
    { preHandler: requireAction(store, 'medical.key'), config: rateLimit },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'medical.key');
      const values = formValues(request.body, ['unlockPassphrase', 'next']);
      const next = nextOf(values.next);
      const passphrase = values.unlockPassphrase ?? '';
      let errors: FieldError[] = [];
      let status = 422;
      if (passphrase === '')
        errors = [{ field: 'unlockPassphrase', message: 'medicalKey.passphrase.required' }];
      else
        try {
          await unlockSigningKey(services, principal, holderOf(request, principal), passphrase);
          return afterKey(reply, next, 'unlocked');
        } catch (error) {
          if (error instanceof AccessDeniedError && error.status === 403) {
            errors = [{ field: 'unlockPassphrase', message: 'medicalKey.passphrase.wrong' }];
            status = 403;
          } else if (error instanceof NotFoundError) return reply.redirect(paths.medicalKey, 303);
          else if (error instanceof ConflictError) {
            errors = [{ field: 'unlockPassphrase', message: 'medicalKey.altered' }];
            status = 409;
          } else throw error;
        }
      return sendKey(request, reply, principal, { errors, next, done: null }, status);
    },
  );

  app.post(
    paths.medicalKeyLock,
    { preHandler: requireAction(store, 'medical.key') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'medical.key');
      lockSigningKey(services, holderOf(request, principal));
      return afterKey(reply, '', 'locked');
    },
  );

  app.post(
    paths.medicalKeyPassphrase,
    { preHandler: requireAction(store, 'medical.key'), config: rateLimit },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'medical.key');
      const values = formValues(request.body, ['currentPassphrase', 'newPassphrase', 'newPassphraseRepeat']);
      const current = values.currentPassphrase ?? '';
      const fresh = values.newPassphrase ?? '';
      let errors: FieldError[] = [
        ...(current === ''
          ? [{ field: 'currentPassphrase', message: 'medicalKey.passphrase.required' } as const]
          : []),
        ...newPassphraseErrors(
          fresh,
          values.newPassphraseRepeat ?? '',
          'newPassphrase',
          'newPassphraseRepeat',
        ),
      ];
      let status = 422;
      if (errors.length === 0)
        try {
          await changeSigningPassphrase(services, principal, current, fresh);
          return afterKey(reply, '', 'changed');
        } catch (error) {
          if (error instanceof AccessDeniedError && error.status === 403) {
            errors = [{ field: 'currentPassphrase', message: 'medicalKey.passphrase.wrong' }];
            status = 403;
          } else if (error instanceof InvalidInputError)
            errors = [{ field: 'newPassphrase', message: 'medicalKey.weak.common' }];
          else if (error instanceof NotFoundError) return reply.redirect(paths.medicalKey, 303);
          else if (error instanceof ConflictError) {
            errors = [{ field: 'currentPassphrase', message: 'medicalKey.altered' }];
            status = 409;
          } else throw error;
        }
      return sendKey(request, reply, principal, { errors, next: '', done: null }, status);
    },
  );

  // ------------------------------------------------------------------------------------------
  // The worklist: the doctor's home

  app.get(paths.medical, { preHandler: requireAction(store, 'medical.read') }, async (request, reply) => {
    const principal = requireAccess(request.principal, 'medical.read');
    const now = clock();
    const worklist = await medicalWorklist(services, principal, now);
    const keyStatus = await clinicianKeyStatus(services, principal, holderOf(request, principal));
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <MedicalWorklistPage ctx={ctx} worklist={worklist} keyStatus={keyStatus} now={now.toISOString()} />,
    );
  });

  // ------------------------------------------------------------------------------------------
  // A person's medical record (kz.medical.system): every read recorded with its purpose

  async function facilityNames(): Promise<Record<string, string>> {
    return Object.fromEntries((await listFacilities(store)).map((facility) => [facility.id, facility.name]));
  }

  app.get(
    '/medical/people/:personId',
    { preHandler: requireAction(store, 'medical.read') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'medical.read');
      const personId = idParam(request, 'personId');
      const stated = purposeOf(queryText(request, 'purpose'));
      // The service checks the reader's scope and records the read before anything is shown.
      const record = await readMedicalRecord(services, principal, personId, stated.purpose);
      const ctx = await pageContext(store, request);
      const examination = queryText(request, 'examination');
      return sendPage(
        reply,
        <MedicalRecordPage
          ctx={ctx}
          person={await medicalPerson(store, personId)}
          record={record}
          facilities={await facilityNames()}
          purpose={stated.error === null ? (stated.purpose ?? '') : queryText(request, 'purpose')}
          errors={stated.error === null ? [] : [stated.error]}
          recordedExamination={
            queryText(request, 'recorded') === 'examination' && ID_PATTERN.test(examination)
              ? examination
              : null
          }
          canWrite={can(principal, 'medical.write')}
        />,
        stated.error === null ? 200 : 422,
      );
    },
  );

  // ------------------------------------------------------------------------------------------
  // An examination (issue 19 item 2), linked to its custody episode or prison stay

  async function sendExaminationForm(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    personId: string,
    values: FormValues,
    errors: readonly FieldError[],
    status: number,
  ): Promise<FastifyReply> {
    const { person, episodes } = await examinableEpisodes(store, principal, personId);
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <ExaminationFormPage
        ctx={ctx}
        person={person}
        episodes={episodes}
        values={values}
        errors={errors}
        now={clock().toISOString()}
      />,
      status,
    );
  }

  app.get(
    '/medical/people/:personId/examinations/new',
    { preHandler: requireAction(store, 'medical.write') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'medical.write');
      const personId = idParam(request, 'personId');
      const { episodes } = await examinableEpisodes(store, principal, personId);
      const wanted = queryText(request, 'episode');
      const episode =
        episodes.find((candidate) => episodeValue(candidate) === wanted) ??
        (episodes.filter((candidate) => candidate.current).length === 1
          ? episodes.find((candidate) => candidate.current)
          : undefined);
      return sendExaminationForm(
        request,
        reply,
        principal,
        personId,
        {
          examination: oneOf(queryText(request, 'kind'), EXAMINATION_KINDS),
          episode: episode ? episodeValue(episode) : '',
          at: localFromMoment(clock().toISOString()),
        },
        [],
        200,
      );
    },
  );

  app.post(
    '/medical/people/:personId/examinations',
    { preHandler: requireAction(store, 'medical.write') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'medical.write');
      const personId = idParam(request, 'personId');
      const values = formValues(request.body, EXAMINATION_FIELDS);
      const text = (field: string): string => (values[field] ?? '').trim();
      const now = clock();
      const errors: FieldError[] = [];
      const examination = oneOf(text('examination'), EXAMINATION_KINDS);
      if (examination === '') errors.push({ field: 'examination', message: 'medicalExam.kind.required' });
      const { episodes } = await examinableEpisodes(store, principal, personId);
      const episode = episodes.find((candidate) => episodeValue(candidate) === text('episode'));
      if (!episode) errors.push({ field: 'episode', message: 'medicalExam.episode.required' });
      const at = momentFromLocal(text('at'), text('at-offset'));
      if (at === '') errors.push({ field: 'at', message: 'medicalExam.at.required' });
      else if (at === null) errors.push({ field: 'at', message: 'medicalExam.at.invalid' });
      else if (Date.parse(at) > now.getTime()) errors.push({ field: 'at', message: 'medicalExam.at.future' });
      if (text('place') === '') errors.push({ field: 'place', message: 'medicalExam.place.required' });
      const present: { role: PresentRole; name: string }[] = [];
      for (let index = 0; index < PRESENT_ROWS; index++) {
        const role = oneOf(text(presentField(index, 'role')), PRESENT_ROLES);
        const name = text(presentField(index, 'name'));
        if (role === '' && name === '') continue;
        if (role === '')
          errors.push({ field: presentField(index, 'role'), message: 'medicalExam.present.role.required' });
        else if (name === '')
          errors.push({ field: presentField(index, 'name'), message: 'medicalExam.present.name.required' });
        else present.push({ role, name });
      }
      const staffPresent = present.some((presence) => STAFF_ROLES.includes(presence.role));
      if (staffPresent && text('staffPresenceReason') === '')
        errors.push({ field: 'staffPresenceReason', message: 'medicalExam.staffPresenceReason.required' });
      const injuries = text('injuriesNoted');
      if (injuries !== 'yes' && injuries !== 'no')
        errors.push({ field: 'injuriesNoted', message: 'medicalExam.injuriesNoted.required' });
      const fitness = oneOf(text('fitness'), FITNESS_VERDICTS);
      if (examination === 'before-separation' && fitness === '')
        errors.push({ field: 'fitness', message: 'medicalExam.fitness.required' });
      // Both screenings or neither (ExaminationInput's `screening`).
      const hiv = oneOf(text('screeningHiv'), SCREENING_OUTCOMES);
      const tb = oneOf(text('screeningTb'), SCREENING_OUTCOMES);
      if (hiv === '' && tb !== '')
        errors.push({ field: 'screeningHiv', message: 'medicalExam.screening.both' });
      if (tb === '' && hiv !== '')
        errors.push({ field: 'screeningTb', message: 'medicalExam.screening.both' });
      const order = EXAMINATION_FIELDS.filter((field) => field !== 'at-offset');
      if (errors.length > 0)
        return sendExaminationForm(
          request,
          reply,
          principal,
          personId,
          values,
          inFormOrder(errors, order),
          422,
        );

      const input: ExaminationInput = {
        examination: examination as ExaminationInput['examination'],
        episode: { context: episode?.context ?? 'custody', id: episode?.id ?? '' },
        at: at ?? undefined,
        place: text('place'),
        present,
        ...(text('staffPresenceReason') === '' ? {} : { staffPresenceReason: text('staffPresenceReason') }),
        injuriesNoted: injuries === 'yes',
        ...(fitness === '' ? {} : { fitness }),
        ...(hiv === '' || tb === '' ? {} : { screening: { hiv, tb } }),
        ...(text('notes') === '' ? {} : { notes: text('notes') }),
      };
      let recorded;
      try {
        recorded = await recordExamination(services, principal, personId, input, now);
      } catch (error) {
        const filled = (field: string): boolean => text(field) !== '';
        const shown = verdictAsFieldErrors(error, EXAMINATION_MESSAGES, filled, formField);
        return sendExaminationForm(
          request,
          reply,
          principal,
          personId,
          values,
          inFormOrder(shown, order),
          422,
        );
      }
      return reply.redirect(
        `${paths.medicalRecord(personId)}?recorded=examination&examination=${encodeURIComponent(recorded.examinationId)}`,
        303,
      );
    },
  );

  // ------------------------------------------------------------------------------------------
  // A signed report: its page, its printed copy, its disclosures (intl.medical.disclosure)

  /** The record (read and recorded by the service), the report and the version asked for; 404 when absent. */
  async function readReport(request: FastifyRequest, principal: Principal, purpose: string | undefined) {
    const personId = idParam(request, 'personId');
    const reportId = idParam(request, 'reportId');
    const record = await readMedicalRecord(services, principal, personId, purpose);
    const report = record.reports.find((candidate) => candidate.reportId === reportId);
    if (!report) throw new NotFoundError(`there is no report ${reportId}`);
    const asked = queryText(request, 'version');
    const version =
      asked === ''
        ? report.versions.at(-1)
        : /^\d{1,4}$/.test(asked)
          ? report.versions.find((candidate) => candidate.version === Number(asked))
          : undefined;
    if (!version) throw new NotFoundError(`report ${reportId} has no version ${asked}`);
    const person = await medicalPerson(store, personId);
    const keys = await registeredClinicianKeys(store, [version.clinician.accountId]);
    return { personId, record, report, version, person, key: keys.get(version.clinician.accountId) ?? null };
  }

  async function sendReport(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    form: { values: FormValues; errors: FieldError[]; purpose: string | undefined; typedPurpose: string },
    status: number,
  ): Promise<FastifyReply> {
    const read = await readReport(request, principal, form.purpose);
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <MedicalReportPage
        ctx={ctx}
        person={read.person}
        record={read.record}
        report={read.report}
        version={read.version}
        facilities={await facilityNames()}
        registeredKey={read.key}
        purpose={form.typedPurpose}
        errors={form.errors}
        values={form.values}
        disclosed={status === 200 && queryText(request, 'recorded') === 'disclosure'}
        canWrite={can(principal, 'medical.write')}
        readerId={principal.id}
      />,
      status,
    );
  }

  app.get(
    '/medical/people/:personId/reports/:reportId',
    { preHandler: requireAction(store, 'medical.read') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'medical.read');
      const stated = purposeOf(queryText(request, 'purpose'));
      return sendReport(
        request,
        reply,
        principal,
        {
          values: {},
          errors: stated.error === null ? [] : [stated.error],
          purpose: stated.purpose,
          typedPurpose: stated.error === null ? (stated.purpose ?? '') : queryText(request, 'purpose'),
        },
        stated.error === null ? 200 : 422,
      );
    },
  );

  // The printed copy, in the person's language unless `?lang=` says otherwise (the plugin leaves
  // this route's `?lang=` out of the reader's own language choice, as for the custody record).
  app.get(
    MEDICAL_PRINT_ROUTE,
    { preHandler: requireAction(store, 'medical.read') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'medical.read');
      const read = await readReport(
        request,
        principal,
        'intl.medical.disclosure: a printed copy of the report',
      );
      const base = await pageContext(store, request);
      const lang = recordLanguage(queryText(request, 'lang'), read.person.languages, base.tr.lang);
      const ctx: PageContext = { ...base, tr: translator(lang) };
      return sendPage(
        reply,
        <MedicalReportPrintPage
          ctx={ctx}
          person={read.person}
          record={read.record}
          report={read.report}
          version={read.version}
          facilities={await facilityNames()}
          publicKey={read.key !== null && read.key.keyId === read.version.keyId ? read.key.publicKey : null}
          now={clock().toISOString()}
          printedBy={principal.name}
        />,
      );
    },
  );

  app.post(
    '/medical/people/:personId/reports/:reportId/disclosures',
    { preHandler: requireAction(store, 'medical.write') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'medical.write');
      const personId = idParam(request, 'personId');
      const reportId = idParam(request, 'reportId');
      const values = formValues(request.body, DISCLOSURE_FIELDS);
      const text = (field: string): string => (values[field] ?? '').trim();
      const errors: FieldError[] = [];
      const now = clock();
      const recipient = oneOf(text('recipient'), DISCLOSURE_RECIPIENTS);
      if (recipient === '')
        errors.push({ field: 'recipient', message: 'medicalReport.disclose.recipient.required' });
      if (recipient === 'other' && text('recipientName') === '')
        errors.push({ field: 'recipientName', message: 'medicalReport.disclose.recipientName.required' });
      const legalBasis = oneOf(text('legalBasis'), LEGAL_BASES);
      if (legalBasis === '')
        errors.push({ field: 'legalBasis', message: 'medicalReport.disclose.legalBasis.required' });
      const order = { reference: text('courtOrderReference'), court: text('courtOrderCourt') };
      if (legalBasis === 'court-order' || order.reference !== '' || order.court !== '') {
        if (order.reference === '')
          errors.push({
            field: 'courtOrderReference',
            message: 'medicalReport.disclose.courtOrderReference.required',
          });
        if (order.court === '')
          errors.push({
            field: 'courtOrderCourt',
            message: 'medicalReport.disclose.courtOrderCourt.required',
          });
      }
      const givenAt = momentFromLocal(text('consentGivenAt'), text('consentGivenAt-offset'));
      const statement = text('consentStatement');
      if (givenAt === null)
        errors.push({ field: 'consentGivenAt', message: 'medicalReport.disclose.consentGivenAt.invalid' });
      else if (givenAt !== '' && Date.parse(givenAt) > now.getTime())
        errors.push({ field: 'consentGivenAt', message: 'medicalReport.disclose.consentGivenAt.future' });
      else if (givenAt === '' && statement !== '')
        errors.push({ field: 'consentGivenAt', message: 'medicalReport.disclose.consentGivenAt.required' });
      if (givenAt !== '' && givenAt !== null && statement === '')
        errors.push({
          field: 'consentStatement',
          message: 'medicalReport.disclose.consentStatement.required',
        });
      const versionText = text('version');
      const version = /^\d{1,4}$/.test(versionText) ? Number(versionText) : undefined;
      const fields = DISCLOSURE_FIELDS.filter((field) => field !== 'consentGivenAt-offset');
      let shown = errors;
      if (errors.length === 0) {
        const input: DisclosureInput = {
          ...(version === undefined ? {} : { version }),
          recipient: recipient as DisclosureInput['recipient'],
          ...(text('recipientName') === '' ? {} : { recipientName: text('recipientName') }),
          legalBasis: legalBasis as DisclosureInput['legalBasis'],
          ...(order.reference === '' ? {} : { courtOrder: order }),
          ...(givenAt === '' || givenAt === null ? {} : { consent: { givenAt, statement } }),
        };
        try {
          await discloseReport(services, principal, personId, reportId, input, now);
          const back = paths.medicalReport(personId, reportId, version);
          return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}recorded=disclosure`, 303);
        } catch (error) {
          const filled = (field: string): boolean => text(field) !== '';
          shown = verdictAsFieldErrors(error, DISCLOSURE_MESSAGES, filled, disclosureField);
        }
      }
      return sendReport(
        request,
        reply,
        principal,
        { values, errors: inFormOrder(shown, fields), purpose: undefined, typedPurpose: '' },
        422,
      );
    },
  );

  // ------------------------------------------------------------------------------------------
  // The procurator's view of a medical referral (kz.torture.referral, intl.medical.disclosure)

  function referenceParam(request: FastifyRequest): string {
    const typed = (request.params as Record<string, unknown> | undefined)?.reference;
    const reference = typeof typed === 'string' ? normaliseReference(typed) : null;
    if (reference === null) throw new NotFoundError('no such medical referral');
    return reference;
  }

  app.get(
    '/medical/referrals/:reference',
    { preHandler: requireAction(store, 'medical.referral') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'medical.referral');
      const stated = purposeOf(queryText(request, 'purpose'));
      const referral = await readMedicalReferral(
        services,
        principal,
        referenceParam(request),
        stated.purpose,
      );
      const ctx = await pageContext(store, request);
      return sendPage(
        reply,
        <MedicalReferralPage
          ctx={ctx}
          referral={referral}
          inCase={
            can(principal, 'case.read')
              ? await caseStatusOfAllegation(store, 'medical-referral', referral.reference)
              : null
          }
          purpose={stated.error === null ? (stated.purpose ?? '') : queryText(request, 'purpose')}
          errors={stated.error === null ? [] : [stated.error]}
        />,
        stated.error === null ? 200 : 422,
      );
    },
  );

  // The disclosed report as its signed export (habeas-medical-report-export/1), for `habeas medical verify`.
  app.get(
    '/medical/referrals/:reference/signed',
    { preHandler: requireAction(store, 'medical.referral') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'medical.referral');
      const reference = referenceParam(request);
      const referral = await readMedicalReferral(
        services,
        principal,
        reference,
        'intl.medical.disclosure: the signed report downloaded to verify it',
      );
      if (referral.report === null)
        throw new NotFoundError(`the report of referral ${reference} was not disclosed`);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="report-${reference}.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(referral.report, null, 2));
    },
  );
}

/** The words of the disclosure form for each field the service names. */
const DISCLOSURE_MESSAGES: Record<string, FieldMessages> = {
  version: { invalid: 'medicalReport.disclose.version.invalid' },
  recipient: {
    required: 'medicalReport.disclose.recipient.required',
    invalid: 'medicalReport.disclose.recipient.required',
  },
  recipientName: {
    required: 'medicalReport.disclose.recipientName.required',
    invalid: 'medicalReport.disclose.recipientName.invalid',
  },
  legalBasis: {
    required: 'medicalReport.disclose.legalBasis.required',
    invalid: 'medicalReport.disclose.legalBasis.required',
  },
  courtOrderReference: {
    required: 'medicalReport.disclose.courtOrderReference.required',
    invalid: 'medicalReport.disclose.courtOrder.invalid',
  },
  courtOrderCourt: { invalid: 'medicalReport.disclose.courtOrder.invalid' },
  consentGivenAt: { invalid: 'medicalReport.disclose.consentGivenAt.invalid' },
  consentStatement: {
    required: 'medicalReport.disclose.consentStatement.required',
    invalid: 'medicalReport.disclose.consentStatement.invalid',
  },
};

/** The service's field names on the disclosure form (`courtOrder.court` is `courtOrderCourt`). */
function disclosureField(field: string): string {
  if (field === 'courtOrder' || field === 'courtOrder.reference') return 'courtOrderReference';
  if (field === 'courtOrder.court') return 'courtOrderCourt';
  if (field === 'consent' || field === 'consent.statement') return 'consentStatement';
  if (field === 'consent.givenAt') return 'consentGivenAt';
  return field;
}
