import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../app/access.js';
import {
  CASE_STEPS,
  DEFENDANT_STEPS,
  identifySuspect,
  joinAllegation,
  listOfficials,
  payRedress,
  readCase,
  recordCaseStep,
  recordDefendantStep,
  type CaseView,
} from '../../app/cases.js';
import { NotFoundError } from '../../app/errors.js';
import { normaliseReference } from '../../domain/complaints/reference.js';
import { kzCalendarDate } from '../../rules/custody-checks.js';
import type { Store } from '../../store/types.js';
import {
  caseFormBody,
  errorFields,
  FORM_FIELDS,
  FORM_MESSAGES,
  LIST_FIELDS,
  type CaseFormKind,
  type CaseFormStep,
} from '../case-forms.js';
import {
  formList,
  formValues,
  inFormOrder,
  verdictAsFieldErrors,
  type FieldError,
  type FormValues,
} from '../forms.js';
import { pageContext, requireAction, sendPage } from '../page.js';
import { CaseFormPage } from '../pages/case-forms.js';
import { paths } from '../paths.js';

/*
 * The procurator's forms of a case file (issue 20 item 9; src/web/pages/case-forms.tsx): each at
 * GET of the address it posts to — paths.caseStep, paths.caseDefendantStep, paths.casePayment —
 * through the same services and policy as the API (src/app/cases.ts; `case.write`: the procurator
 * of the case's region, anyone else a 403, a case out of scope a 404). Showing a form reads the
 * file, and the read is recorded. A step recorded goes back to the case file (POST-redirect-GET,
 * `?recorded=<form>`);
 * one refused comes back with what was typed and the refusing rule's sentence at its field.
 */

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** How many officials of the register the suspects form offers at once (search to narrow). */
const OFFICIALS_SHOWN = 20;

function idParam(request: FastifyRequest, name: string): string {
  const id = (request.params as Record<string, unknown> | undefined)?.[name];
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new NotFoundError(`no such ${name}`);
  return id;
}

function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** Which record of the file a form is about, besides the case: a defendant, an award. */
interface Target {
  caseId: string;
  officialId?: string;
  redressId?: string;
}

/** What a form shows first, from the file as it stands (the values the procurator most often keeps). */
function prefill(kind: CaseFormKind, view: CaseView, request: FastifyRequest, target: Target): FormValues {
  const defendant = view.defendants.find((candidate) => candidate.officialId === target.officialId);
  switch (kind) {
    case 'allegations': {
      // From an allegation's page or the case list: `?complaint=REF`, or `?kind=…&reference=…`.
      const complaint = queryText(request, 'complaint').trim();
      const kind = complaint === '' ? queryText(request, 'kind') : 'complaint';
      const reference = (complaint === '' ? queryText(request, 'reference') : complaint).trim();
      if (reference === '' || !['complaint', 'medical-referral'].includes(kind)) return {};
      return { kind, reference: normaliseReference(reference) ?? reference.slice(0, 64) };
    }
    case 'update':
      return { investigatingBody: view.investigatingBody, tags: view.tags.join(' ') };
    case 'verdicts':
      return {
        courtName: defendant?.court?.name ?? '',
        courtRegion: defendant?.court?.region ?? '',
        article: defendant?.charges.at(-1)?.article ?? '',
      };
    case 'appeal-decisions':
      return { courtRegion: defendant?.court?.region ?? '' };
    default:
      return {};
  }
}

export function caseFormRoutes(app: FastifyInstance, store: Store): void {
  const services = app.habeas;
  const guard = { preHandler: requireAction(store, 'case.write') };

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    kind: CaseFormKind,
    target: Target,
    form: { values: FormValues | null; lists: Record<string, string[]>; errors: readonly FieldError[] },
    status: number,
  ): Promise<FastifyReply> {
    const view = await readCase(services, principal, target.caseId);
    const defendant =
      target.officialId === undefined
        ? undefined
        : view.defendants.find((candidate) => candidate.officialId === target.officialId);
    if (target.officialId !== undefined && !defendant)
      throw new NotFoundError('there is no such defendant in this case');
    if (
      target.redressId !== undefined &&
      !view.redress.some((redress) => redress.redressId === target.redressId)
    )
      throw new NotFoundError('there is no such award in this case');
    const values = form.values ?? prefill(kind, view, request, target);
    let search:
      | { q: string; officials: Awaited<ReturnType<typeof listOfficials>>['officials']; more: boolean }
      | undefined;
    if (kind === 'suspects') {
      const q = (form.values === null ? queryText(request, 'q') : (values.q ?? '')).trim().slice(0, 200);
      const found = await listOfficials(services, principal, {
        ...(q === '' ? {} : { q }),
        limit: OFFICIALS_SHOWN,
      });
      search = { q, officials: found.officials, more: found.next !== null };
      values.q = q;
    }
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <CaseFormPage
        ctx={ctx}
        kind={kind}
        view={view}
        values={values}
        lists={form.lists}
        errors={form.errors}
        today={kzCalendarDate(services.clock().toISOString())}
        {...(defendant ? { defendant } : {})}
        {...(target.redressId === undefined ? {} : { redressId: target.redressId })}
        {...(search ? { search } : {})}
      />,
      status,
    );
  }

  /** The service's step for the form's body; a refusal or a schema's issue is thrown. */
  async function record(
    principal: Principal,
    kind: CaseFormKind,
    target: Target,
    body: unknown,
  ): Promise<void> {
    const { caseId } = target;
    switch (kind) {
      case 'allegations':
        await joinAllegation(services, principal, caseId, body);
        return;
      case 'suspects':
        await identifySuspect(services, principal, caseId, body);
        return;
      case 'payments':
        await payRedress(services, principal, caseId, target.redressId ?? '', body);
        return;
      case 'suspension':
      case 'charges':
      case 'verdicts':
      case 'appeals':
      case 'appeal-decisions':
        await recordDefendantStep(services, principal, caseId, target.officialId ?? '', kind, body);
        return;
      default:
        await recordCaseStep(services, principal, caseId, kind, body);
    }
  }

  function routes(kind: CaseFormKind, url: string, targetOf: (request: FastifyRequest) => Target): void {
    app.get(url, guard, async (request, reply) => {
      const principal = requireAccess(request.principal, 'case.write');
      return send(
        request,
        reply,
        principal,
        kind,
        targetOf(request),
        { values: null, lists: {}, errors: [] },
        200,
      );
    });

    app.post(url, guard, async (request, reply) => {
      const principal = requireAccess(request.principal, 'case.write');
      const target = targetOf(request);
      const values = formValues(request.body, FORM_FIELDS[kind]);
      const lists = Object.fromEntries(
        (LIST_FIELDS[kind] ?? []).map((field) => [field, formList(request.body, field)]),
      );
      const { body, formField } = caseFormBody(kind, { values, lists });
      try {
        await record(principal, kind, target, body);
      } catch (error) {
        const filled = (field: string): boolean =>
          (values[field] ?? '').trim() !== '' || (lists[field] ?? []).length > 0;
        const errors = verdictAsFieldErrors(error, FORM_MESSAGES[kind], filled, formField);
        return send(
          request,
          reply,
          principal,
          kind,
          target,
          { values, lists, errors: inFormOrder(errors, errorFields(kind)) },
          422,
        );
      }
      // The file says what was recorded (src/web/routes/cases.tsx reads `recorded`).
      return reply.redirect(`${paths.caseFile(target.caseId)}?recorded=${kind}`, 303);
    });
  }

  const caseTarget = (request: FastifyRequest): Target => ({ caseId: idParam(request, 'caseId') });
  const steps: CaseFormStep[] = ['allegations', 'suspects', ...CASE_STEPS];
  for (const step of steps) routes(step, `/cases/:caseId/${step}`, caseTarget);
  for (const step of DEFENDANT_STEPS)
    routes(step, `/cases/:caseId/defendants/:officialId/${step}`, (request) => ({
      caseId: idParam(request, 'caseId'),
      officialId: idParam(request, 'officialId'),
    }));
  routes('payments', '/cases/:caseId/redress/:redressId/payments', (request) => ({
    caseId: idParam(request, 'caseId'),
    redressId: idParam(request, 'redressId'),
  }));
}
