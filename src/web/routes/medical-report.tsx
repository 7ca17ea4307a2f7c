import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../app/access.js';
import { NO_CLINICIAN_KEY, UNLOCK_CLINICIAN_KEY } from '../../app/clinician-keys.js';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  RefusedError,
  TooLargeError,
} from '../../app/errors.js';
import { amendReport, finishReport, readMedicalRecord, type MedicalRecordView } from '../../app/medical.js';
import { uploadMedicalPhoto } from '../../app/medical-photos.js';
import { sealingHolder } from '../../app/sealing-session.js';
import type { Store } from '../../store/types.js';
import { formList, type FieldError } from '../forms.js';
import type { MessageKey } from '../i18n.js';
import {
  actionOf,
  draftFromBody,
  draftOf,
  emptyDraft,
  emptyFinding,
  formFieldOf,
  inPageOrder,
  invalidMessage,
  MAX_FINDINGS,
  MAX_PRESENT,
  sectionsOf,
  takenAtOf,
  type ReportDraft,
} from '../medical-report-draft.js';
import { pageContext, requireAction, sendPage } from '../page.js';
import { ReportFormPage, reportPurpose, type ReportFormMode } from '../pages/medical-report-form.js';
import { paths } from '../paths.js';

/*
 * The injury report's form (issue 19 items 3 and 7): a first report on an examination or a second
 * opinion (GET …/reports/new, POST …/reports) and an amendment of one's own report (GET
 * …/reports/{id}/amend, POST …/reports/{id}/amendments), through the services and the policy of
 * the API (src/app/medical.ts, src/app/medical-photos.ts): medical staff of the record only
 * (kz.medical.system), every read of the record audited with its purpose. The form is multipart,
 * so that photographs go with it without JavaScript: each is hashed and sealed as it arrives and
 * its hash kept in the form; the buttons that add a finding, a person or a photograph send the form
 * back as typed. Finishing signs with the clinician's unlocked key, then redirects to the report
 * (POST-redirect-GET); a refusal comes back at its field in the reader's language, every value kept.
 */

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The whole form with its photographs: several of at most 20 MiB each can come in one submission;
 * a photograph too large is refused at its field by the service, the rest of the form kept.
 */
const FORM_BODY_LIMIT = 64 * 1024 * 1024;

/** The files of a multipart form, beside its text fields (which are the body, as formbody leaves them). */
const UPLOADS = Symbol('uploads');
interface Upload {
  type: string;
  bytes: Uint8Array;
}
type MultipartBody = Record<string, string | string[]> & { [UPLOADS]: Map<string, Upload> };

/** Parses multipart/form-data with the platform's own parser (fetch's FormData). */
async function parseMultipart(contentType: string, body: Buffer): Promise<MultipartBody> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw Object.assign(new Error('the form could not be read'), { statusCode: 400 });
  }
  const fields: Record<string, string | string[]> = {};
  const uploads = new Map<string, Upload>();
  for (const [name, value] of form) {
    if (typeof value === 'string') {
      const before = fields[name];
      fields[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
    } else if (value.size > 0 && !uploads.has(name))
      uploads.set(name, { type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return Object.assign(fields, { [UPLOADS]: uploads });
}

const uploadsOf = (body: unknown): Map<string, Upload> =>
  (typeof body === 'object' && body !== null && (body as Partial<MultipartBody>)[UPLOADS]) || new Map();

function param(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) throw new NotFoundError('no such record');
  return value;
}

function queryId(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) throw new NotFoundError('no such record');
  return value;
}

/** Whose unlocked key signs: this session's, as the signing key page unlocked it. */
const holderOf = (request: FastifyRequest, principal: Principal): string =>
  sealingHolder(principal, request.pageSession?.id ?? null);

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/** What the form is for, read from the record: the examination, and the report reviewed or amended. */
function formOf(
  record: MedicalRecordView,
  target: { examinationId: string; secondOpinionOf?: string | undefined } | { reportId: string },
) {
  if ('reportId' in target) {
    const report = record.reports.find((candidate) => candidate.reportId === target.reportId);
    const latest = report?.versions.at(-1);
    const examination = record.examinations.find((exam) => exam.examinationId === report?.examinationId);
    if (!report || !latest || !examination) throw new NotFoundError(`there is no report ${target.reportId}`);
    const mode: ReportFormMode = {
      kind: 'amend',
      reportId: report.reportId,
      version: latest.version,
      finishedAt: latest.finishedAt,
    };
    return { examination, mode, latest };
  }
  const examination = record.examinations.find((exam) => exam.examinationId === target.examinationId);
  if (!examination) throw new NotFoundError(`there is no examination ${target.examinationId}`);
  let secondOpinionOf: { reportId: string; authorName: string; finishedAt: string } | null = null;
  if (target.secondOpinionOf !== undefined) {
    const reviewed = record.reports.find((report) => report.reportId === target.secondOpinionOf);
    if (!reviewed) throw new NotFoundError(`there is no report ${target.secondOpinionOf}`);
    secondOpinionOf = {
      reportId: reviewed.reportId,
      authorName: reviewed.author.name,
      finishedAt: reviewed.versions[0]?.finishedAt ?? '',
    };
  }
  const mode: ReportFormMode = { kind: 'new', secondOpinionOf };
  return { examination, mode, latest: null };
}

/** The refusal of a report as errors at the form's fields, with the rule's reason in the reader's language. */
function reportErrors(error: unknown, findingIndex: readonly number[]): FieldError[] | null {
  if (error instanceof RefusedError) {
    const field = formFieldOf(error.field ?? '', findingIndex);
    const message: MessageKey = error.reason ? 'errors.refused' : invalidMessage(field);
    return [{ field, message, ...(error.reason ? { refusal: error.reason } : {}) }];
  }
  if (error instanceof InvalidInputError)
    return error.issues.map((issue) => {
      const field = formFieldOf(issue.field, findingIndex);
      return { field, message: invalidMessage(field) };
    });
  return null;
}

/** A photograph's refusal at its finding's file input. */
function photographError(error: unknown): MessageKey | null {
  if (error instanceof InvalidInputError) return 'reportForm.error.photoType';
  if (error instanceof TooLargeError) return 'reportForm.error.photoSize';
  if (error instanceof ConflictError) return 'reportForm.error.photoElsewhere';
  return null;
}

export function medicalReportRoutes(app: FastifyInstance, store: Store): void {
  const services = app.habeas;
  const guard = { preHandler: requireAction(store, 'medical.write') };
  // A form with photographs is up to 64 MiB: whoever may not write a medical record is turned
  // away before its body is read.
  const postGuard = { onRequest: requireAction(store, 'medical.write') };

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      principal: Principal;
      personId: string;
      target: Parameters<typeof formOf>[1];
      draft?: ReportDraft;
      errors?: FieldError[];
      key?: 'locked' | 'missing' | null;
      status?: number;
    },
  ): Promise<FastifyReply> {
    const ctx = await pageContext(store, request);
    const record = await readMedicalRecord(
      services,
      options.principal,
      options.personId,
      reportPurpose(ctx.tr),
    );
    const { examination, mode, latest } = formOf(record, options.target);
    const draft =
      options.draft ?? (latest ? draftOf(latest.content, latest.version) : emptyDraft(examination.present));
    return sendPage(
      reply,
      <ReportFormPage
        ctx={ctx}
        personId={options.personId}
        examination={{
          examinationId: examination.examinationId,
          kind: examination.examination,
          at: examination.at,
          place: examination.place,
          clinicianName: examination.clinician.name,
        }}
        mode={mode}
        draft={draft}
        errors={inPageOrder(options.errors ?? [], draft)}
        signingKey={options.key ?? null}
      />,
      options.status ?? 200,
    );
  }

  app.get('/medical/people/:personId/reports/new', guard, async (request, reply) => {
    const principal = requireAccess(request.principal, 'medical.write');
    const examinationId = queryId(request, 'examination');
    if (examinationId === undefined) throw new NotFoundError('name the examination the report is on');
    return render(request, reply, {
      principal,
      personId: param(request, 'personId'),
      target: { examinationId, secondOpinionOf: queryId(request, 'secondOpinionOf') },
    });
  });

  app.get('/medical/people/:personId/reports/:reportId/amend', guard, async (request, reply) => {
    const principal = requireAccess(request.principal, 'medical.write');
    return render(request, reply, {
      principal,
      personId: param(request, 'personId'),
      target: { reportId: param(request, 'reportId') },
    });
  });

  /**
   * One submission of the form: its photographs sealed and attached, then what its button asks —
   * the form again with one more finding, person or photograph, or the report signed and recorded.
   */
  async function submit(
    request: FastifyRequest,
    reply: FastifyReply,
    target: { kind: 'new' } | { kind: 'amend'; reportId: string },
  ): Promise<FastifyReply> {
    const principal = requireAccess(request.principal, 'medical.write');
    const personId = param(request, 'personId');
    const body = request.body;
    const first = (name: string) => formList(body, name)[0] ?? '';
    const examinationId = first('examinationId');
    const secondOpinionOf = first('secondOpinionOf') || undefined;
    if (target.kind === 'new' && !ID_PATTERN.test(examinationId))
      throw new NotFoundError('name the examination the report is on');
    if (secondOpinionOf !== undefined && !ID_PATTERN.test(secondOpinionOf))
      throw new NotFoundError('no such report');
    const formTarget =
      target.kind === 'amend' ? { reportId: target.reportId } : { examinationId, secondOpinionOf };
    const draft = draftFromBody(body);
    const action = actionOf(first('action'));
    const now = services.clock();
    const errors: FieldError[] = [];

    // Photographs chosen on the form are hashed and sealed whatever the button, so none is lost.
    const uploads = uploadsOf(body);
    for (const [index, finding] of draft.findings.entries()) {
      const file = uploads.get(`finding-${index}-file`);
      if (!file) continue;
      const takenAt = takenAtOf(finding, now);
      if (takenAt === null) {
        errors.push({ field: `finding-${index}-file-taken`, message: 'reportForm.error.takenAt' });
        continue;
      }
      try {
        const photo = await uploadMedicalPhoto(
          services,
          principal,
          personId,
          { mediaType: file.type, stream: once(file.bytes) },
          now,
        );
        if (!finding.photographs.some((known) => known.sha256 === photo.sha256))
          finding.photographs.push({ sha256: photo.sha256, withScale: finding.nextPhoto.withScale, takenAt });
        finding.nextPhoto = { ...emptyFinding().nextPhoto, offset: finding.nextPhoto.offset };
      } catch (error) {
        const message = photographError(error);
        if (message === null) throw error;
        errors.push({ field: `finding-${index}-file`, message });
      }
    }

    switch (action.kind) {
      case 'add-finding':
        if (draft.findings.length < MAX_FINDINGS) draft.findings.push(emptyFinding());
        break;
      case 'remove-finding':
        if (draft.findings.length > 1) draft.findings.splice(action.finding, 1);
        break;
      case 'add-person':
        if (draft.present.length < MAX_PRESENT) draft.present.push({ role: '', name: '' });
        break;
      case 'remove-photograph':
        draft.findings[action.finding]?.photographs.splice(action.photograph, 1);
        break;
      case 'attach':
      case 'finish':
        break;
    }
    if (action.kind !== 'finish' || errors.length > 0)
      return render(request, reply, {
        principal,
        personId,
        target: formTarget,
        draft,
        errors,
        status: errors.length > 0 ? 422 : 200,
      });

    const { sections, findingIndex } = sectionsOf(draft);
    try {
      const written =
        target.kind === 'amend'
          ? await amendReport(
              services,
              principal,
              holderOf(request, principal),
              personId,
              target.reportId,
              { amends: Number(draft.amends), reason: draft.reason.trim(), ...sections },
              now,
            )
          : await finishReport(
              services,
              principal,
              holderOf(request, principal),
              personId,
              { examinationId, ...(secondOpinionOf ? { secondOpinionOf } : {}), ...sections },
              now,
            );
      return reply.redirect(paths.medicalReport(personId, written.reportId), 303);
    } catch (error) {
      if (
        error instanceof ConflictError &&
        (error.message === UNLOCK_CLINICIAN_KEY || error.message === NO_CLINICIAN_KEY)
      )
        return render(request, reply, {
          principal,
          personId,
          target: formTarget,
          draft,
          key: error.message === UNLOCK_CLINICIAN_KEY ? 'locked' : 'missing',
          status: 409,
        });
      const refused = reportErrors(error, findingIndex);
      if (refused === null) throw error;
      return render(request, reply, {
        principal,
        personId,
        target: formTarget,
        draft,
        errors: refused,
        status: 422,
      });
    }
  }

  void app.register(async (form) => {
    form.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT },
      async (request: FastifyRequest, body: Buffer) =>
        parseMultipart(String(request.headers['content-type']), body),
    );
    form.post('/medical/people/:personId/reports', postGuard, (request, reply) =>
      submit(request, reply, { kind: 'new' }),
    );
    form.post('/medical/people/:personId/reports/:reportId/amendments', postGuard, (request, reply) =>
      submit(request, reply, { kind: 'amend', reportId: param(request, 'reportId') }),
    );
  });
}
