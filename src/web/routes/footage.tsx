import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, can, type Action } from '../../access/policy.js';
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../app/access.js';
import { AccessDeniedError, InvalidInputError, NotFoundError, RefusedError } from '../../app/errors.js';
import {
  countEvidenceHolds,
  countFootage,
  deleteFootage,
  footageForDeletion,
  listEvidenceHolds,
  listFootage,
  MAX_PAGE,
  placeEvidenceHold,
  readEvidenceHold,
  registerFootage,
  releaseEvidenceHold,
  viewFootage,
  type EvidenceHoldView,
} from '../../app/footage.js';
import { accountNames } from '../../app/record-views.js';
import { getFacility, listFacilities, type FacilityView } from '../../app/registry.js';
import { PROCURATOR_RELEASES } from '../../domain/footage/hold-decider.js';
import { EvidenceHoldInput, FootageInput } from '../../domain/footage/inputs.js';
import type { z } from 'zod';
import type { Store } from '../../store/types.js';
import { DEFAULT_OFFSET, momentFromLocal } from '../custody-time.js';
import { dateRange, dayBounds, listState, readList, sendCsv } from '../list-export.js';
import {
  fieldErrors,
  formValues,
  inFormOrder,
  type FieldError,
  type FieldMessages,
  type FormValues,
} from '../forms.js';
import { pageContext, requireAction, sendPage, sendProblemPage } from '../page.js';
import {
  EvidenceHoldFormPage,
  EvidenceHoldPage,
  EvidenceHoldsPage,
  HOLD_FIELDS,
  HOLD_STATUSES,
  holdColumns,
  type HoldFilters,
  type HoldStatusFilter,
  type ReleaseOption,
} from '../pages/evidence-holds.js';
import { FootageListPage, FootageRefusedPage, FootageViewPage, footageColumns } from '../pages/footage.js';
import { FOOTAGE_FIELDS, FootageDeletionPage, FootageRegisterPage } from '../pages/footage-forms.js';
import { paths } from '../paths.js';

/*
 * The footage pages (issue 5 item 3; issue 18 item 4): a facility's recordings, the view of one,
 * a recording registered, its deletion recorded, and the evidence holds placed and released. The
 * same services and policy as the API (src/app/footage.ts): listing is `footage.list`, viewing is
 * `cctv.view` (kz.cctv.women) and recorded in the log by the service before the page is drawn;
 * each form turns the service's refusal into field errors and redirects after success.
 */

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

function idParam(request: FastifyRequest): string {
  const id = (request.params as { id?: unknown }).id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new NotFoundError('no such record');
  return id;
}

const resourceOf = (facility: FacilityView) => ({
  facilities: [facility.id],
  regions: [facility.region],
  populations: [facility.population],
});

const optional = (value: string | undefined): string | undefined => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

const REGISTER_MESSAGES: Record<string, FieldMessages> = {
  facilityId: { required: 'footage.facility.required', invalid: 'footage.facility.required' },
  camera: { required: 'footage.camera.required', invalid: 'footage.camera.invalid' },
  place: { required: 'footage.place.required', invalid: 'footage.place.invalid' },
  from: { required: 'footage.from.required', invalid: 'footage.time.invalid' },
  to: { required: 'footage.to.required', invalid: 'footage.time.invalid', refused: 'footage.to.refused' },
  retainUntil: {
    required: 'footage.retainUntil.required',
    invalid: 'footage.time.invalid',
    refused: 'footage.retainUntil.refused',
  },
};

const HOLD_MESSAGES: Record<string, FieldMessages> = {
  facilityId: { required: 'footage.facility.required', invalid: 'footage.facility.required' },
  place: { invalid: 'footage.place.invalid' },
  from: { required: 'holds.from.required', invalid: 'footage.time.invalid', refused: 'holds.from.refused' },
  to: { required: 'holds.to.required', invalid: 'footage.time.invalid', refused: 'holds.to.refused' },
  basis: { required: 'holds.basis.required', invalid: 'holds.basis.required' },
  reference: { required: 'holds.reference.required', invalid: 'holds.reference.invalid' },
  reason: { required: 'holds.reason.required', invalid: 'holds.reason.invalid' },
};

const REASON_MESSAGES: Record<string, FieldMessages> = {
  reason: { required: 'footage.delete.reason.required', invalid: 'footage.delete.reason.invalid' },
};

/**
 * The moments of a form as the service's input: each `datetime-local` value at its offset in UTC,
 * with an error for a field left empty or not a real time (the schema never sees those).
 */
function momentsOf(
  values: FormValues,
  fields: readonly string[],
  messages: Record<string, FieldMessages>,
): { moments: Record<string, string>; errors: FieldError[] } {
  const moments: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const field of fields) {
    const moment = momentFromLocal(values[field] ?? '', values[`${field}-offset`] ?? '');
    const known = messages[field];
    if (moment === '' && known?.required) errors.push({ field, message: known.required });
    else if (moment === null && known) errors.push({ field, message: known.invalid });
    else if (moment !== null && moment !== '') moments[field] = moment;
  }
  return { moments, errors };
}

/**
 * With a moment missing or not a real time, the schema's verdict on the form's other fields, so
 * that the summary names every problem at once (the moments' own errors are already said).
 */
function otherIssues(
  schema: z.ZodType,
  input: Record<string, unknown>,
  messages: Record<string, FieldMessages>,
  values: FormValues,
  moments: readonly string[],
): FieldError[] {
  const parsed = schema.safeParse(input);
  if (parsed.success) return [];
  const issues = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return verdictAsFieldErrors(new InvalidInputError(issues), messages, values).filter(
    (found) => !moments.includes(found.field),
  );
}

/** The service's verdict on a form as field errors; any other error is not the form's fault. */
function verdictAsFieldErrors(
  error: unknown,
  messages: Record<string, FieldMessages>,
  values: FormValues,
): FieldError[] {
  const filled = (field: string): boolean => (values[field] ?? '').trim() !== '';
  if (error instanceof InvalidInputError) return fieldErrors(error.issues, messages, filled);
  if (error instanceof RefusedError)
    return fieldErrors([{ field: error.field ?? '', refused: true }], messages, filled);
  throw error;
}

export function footageRoutes(app: FastifyInstance, store: Store): void {
  const services = { store };
  const { clock } = app.habeas;

  /** The facilities where the principal may do `action`, by name. */
  async function facilitiesFor(principal: Principal, action: Action): Promise<FacilityView[]> {
    return (await listFacilities(store)).filter((facility) => can(principal, action, resourceOf(facility)));
  }

  // The recordings of a facility, a register list (issue 18): its total, a range of days recorded,
  // the CSV and the print view, which carry no way to a recording (kz.cctv.women holds there too).
  app.get(paths.footage, { preHandler: requireAction(store, 'footage.list') }, async (request, reply) => {
    const principal = requireAccess(request.principal, 'footage.list');
    const facilities = await facilitiesFor(principal, 'footage.list');
    const requested = queryText(request, 'facility');
    const facility =
      facilities.find((option) => option.id === requested) ??
      (facilities.length === 1 ? (facilities[0] ?? null) : null);
    const recordedDays = dateRange(request.query, 'recorded');
    const filters = {
      facility: facility?.id ?? '',
      recordedFrom: recordedDays.from,
      recordedTo: recordedDays.to,
    };
    const query = facility === null ? null : { facilityId: facility.id, ...dayBounds(recordedDays) };
    // Without a facility chosen there is nothing to list (the page asks for one).
    const list = await readList(request.query, async (cursor) =>
      query === null
        ? { items: [], next: null }
        : listFootage(services, principal, { ...query, limit: MAX_PAGE, cursor }),
    );
    if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
    const { mode } = list;
    const total = query === null ? null : await countFootage(services, principal, query);
    const decision = facility === null ? null : authorize(principal, 'cctv.view', resourceOf(facility));
    const viewing =
      decision === null
        ? { allowed: false }
        : decision.allowed
          ? { allowed: true }
          : { allowed: false, rule: decision.rule };
    const may = (action: Action) => facility !== null && can(principal, action, resourceOf(facility));
    const ctx = await pageContext(store, request);
    if (mode.csv) return sendCsv(reply, 'footage.csv', footageColumns(ctx.tr, viewing, false), list.rows);
    const recorded = queryText(request, 'recorded');
    return sendPage(
      reply,
      <FootageListPage
        ctx={ctx}
        facilities={facilities}
        facility={facility}
        items={list.rows}
        recorded={recordedDays}
        list={listState(paths.footage, filters, list, total, mode)}
        viewing={viewing}
        may={{
          register: may('footage.register'),
          delete: may('footage.delete'),
          hold: may('evidence-hold.place'),
        }}
        notice={recorded === 'registered' || recorded === 'deleted' ? recorded : null}
      />,
    );
  });

  app.get('/footage/:id', { preHandler: requireAction(store, 'cctv.view') }, async (request, reply) => {
    const id = idParam(request);
    try {
      const footage = await viewFootage(services, request.principal, id);
      return sendPage(reply, <FootageViewPage ctx={await pageContext(store, request)} footage={footage} />);
    } catch (error) {
      if (error instanceof AccessDeniedError && error.rule === 'kz.cctv.women')
        return sendPage(reply, <FootageRefusedPage ctx={await pageContext(store, request)} />, 403);
      throw error;
    }
  });

  // Issue 18 item 4: a recording registered by the facility's staff (POST /footage).
  app.get(
    paths.newFootage,
    { preHandler: requireAction(store, 'footage.register') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'footage.register');
      const requested = queryText(request, 'facility');
      const values: FormValues = {
        facilityId: ID_PATTERN.test(requested) ? requested : '',
        'from-offset': DEFAULT_OFFSET,
        'to-offset': DEFAULT_OFFSET,
        'retainUntil-offset': DEFAULT_OFFSET,
      };
      return sendRegisterForm(request, reply, principal, values, [], 200);
    },
  );

  async function sendRegisterForm(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    values: FormValues,
    errors: readonly FieldError[],
    status: number,
  ): Promise<FastifyReply> {
    const facilities = await facilitiesFor(principal, 'footage.register');
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <FootageRegisterPage
        ctx={ctx}
        facilities={facilities.map((facility) => ({ id: facility.id, name: facility.name }))}
        values={values}
        errors={errors}
      />,
      status,
    );
  }

  app.post(
    paths.newFootage,
    { preHandler: requireAction(store, 'footage.register') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'footage.register');
      const values = formValues(request.body, FOOTAGE_FIELDS);
      const order = Object.keys(REGISTER_MESSAGES);
      const { moments, errors } = momentsOf(values, ['from', 'to', 'retainUntil'], REGISTER_MESSAGES);
      const facilityId = (values.facilityId ?? '').trim();
      if (facilityId === '') errors.unshift({ field: 'facilityId', message: 'footage.facility.required' });
      const input = {
        facilityId,
        camera: values.camera ?? '',
        place: values.place ?? '',
        from: moments.from ?? clock().toISOString(),
        to: moments.to ?? clock().toISOString(),
        retainUntil: moments.retainUntil ?? clock().toISOString(),
      };
      if (errors.length > 0)
        errors.push(
          ...otherIssues(FootageInput, input, REGISTER_MESSAGES, values, [
            'facilityId',
            'from',
            'to',
            'retainUntil',
          ]),
        );
      else
        try {
          const footage = await registerFootage(services, principal, input, clock());
          return reply.redirect(`${paths.footageOf(footage.facilityId)}&recorded=registered`, 303);
        } catch (error) {
          // A facility outside the official's scope is not the form's to offer: a 403 page.
          if (error instanceof AccessDeniedError) throw error;
          errors.push(...verdictAsFieldErrors(error, REGISTER_MESSAGES, values));
        }
      return sendRegisterForm(request, reply, principal, values, inFormOrder(errors, order), 422);
    },
  );

  // Issue 18 item 4: the deletion of a recording recorded by the governor, refused while held.
  app.get(
    '/footage/:id/deletion',
    { preHandler: requireAction(store, 'footage.delete') },
    async (request, reply) => {
      const footage = await footageForDeletion(services, request.principal, idParam(request));
      const ctx = await pageContext(store, request);
      return sendPage(reply, <FootageDeletionPage ctx={ctx} footage={footage} values={{}} errors={[]} />);
    },
  );

  app.post(
    '/footage/:id/deletion',
    { preHandler: requireAction(store, 'footage.delete') },
    async (request, reply) => {
      const footageId = idParam(request);
      const values = formValues(request.body, ['reason']);
      let errors: FieldError[];
      try {
        const footage = await deleteFootage(
          services,
          request.principal,
          footageId,
          { reason: values.reason ?? '' },
          clock(),
        );
        return reply.redirect(`${paths.footageOf(footage.facilityId)}&recorded=deleted`, 303);
      } catch (error) {
        // Held, or deleted already: the page says so in place of the form.
        if (error instanceof RefusedError && error.field === undefined) errors = [];
        else errors = verdictAsFieldErrors(error, REASON_MESSAGES, values);
      }
      const footage = await footageForDeletion(services, request.principal, footageId);
      const ctx = await pageContext(store, request);
      return sendPage(
        reply,
        <FootageDeletionPage ctx={ctx} footage={footage} values={values} errors={errors} />,
        422,
      );
    },
  );

  // Issue 18 item 4: the evidence holds in the reader's scope (the service records the read), a
  // register list: its total, a range of days placed, the CSV and the print view (each read
  // recorded as the page's, with why).
  app.get(
    paths.evidenceHolds,
    { preHandler: requireAction(store, 'evidence-hold.read') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'evidence-hold.read');
      const facilities = await facilitiesFor(principal, 'evidence-hold.read');
      const status = queryText(request, 'status');
      const placed = dateRange(request.query, 'placed');
      const filters: HoldFilters = {
        status: (HOLD_STATUSES as readonly string[]).includes(status) ? (status as HoldStatusFilter) : '',
        facilityId: facilities.some((facility) => facility.id === queryText(request, 'facilityId'))
          ? queryText(request, 'facilityId')
          : '',
        placedFrom: placed.from,
        placedTo: placed.to,
      };
      const bounds = dayBounds(placed);
      const query = {
        status: filters.status === '' ? undefined : filters.status,
        facilityId: filters.facilityId === '' ? undefined : filters.facilityId,
        placedFrom: bounds.from,
        placedTo: bounds.to,
      };
      const list = await readList(request.query, (cursor, whole) =>
        listEvidenceHolds(services, principal, { ...query, cursor, ...whole }),
      );
      if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
      const { mode } = list;
      const ctx = await pageContext(store, request);
      if (mode.csv) return sendCsv(reply, 'evidence-holds.csv', holdColumns(ctx.tr), list.rows);
      return sendPage(
        reply,
        <EvidenceHoldsPage
          ctx={ctx}
          items={list.rows}
          facilities={facilities.map((facility) => ({ id: facility.id, name: facility.name }))}
          filters={filters}
          list={listState(
            paths.evidenceHolds,
            { ...filters },
            list,
            await countEvidenceHolds(services, principal, query),
            mode,
          )}
          canPlace={can(principal, 'evidence-hold.place')}
        />,
      );
    },
  );

  app.get(
    paths.newEvidenceHold,
    { preHandler: requireAction(store, 'evidence-hold.place') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'evidence-hold.place');
      const requested = queryText(request, 'facility');
      const values: FormValues = {
        facilityId: ID_PATTERN.test(requested) ? requested : '',
        'from-offset': DEFAULT_OFFSET,
        'to-offset': DEFAULT_OFFSET,
      };
      return sendHoldForm(request, reply, principal, values, [], 200);
    },
  );

  async function sendHoldForm(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    values: FormValues,
    errors: readonly FieldError[],
    status: number,
  ): Promise<FastifyReply> {
    const facilities = await facilitiesFor(principal, 'evidence-hold.place');
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <EvidenceHoldFormPage
        ctx={ctx}
        facilities={facilities.map((facility) => ({ id: facility.id, name: facility.name }))}
        values={values}
        errors={errors}
      />,
      status,
    );
  }

  app.post(
    paths.newEvidenceHold,
    { preHandler: requireAction(store, 'evidence-hold.place') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'evidence-hold.place');
      const values = formValues(request.body, HOLD_FIELDS);
      const order = Object.keys(HOLD_MESSAGES);
      const { moments, errors } = momentsOf(values, ['from', 'to'], HOLD_MESSAGES);
      const facilityId = (values.facilityId ?? '').trim();
      if (facilityId === '') errors.unshift({ field: 'facilityId', message: 'footage.facility.required' });
      const place = optional(values.place);
      const input = {
        facilityId,
        ...(place !== undefined ? { place } : {}),
        from: moments.from ?? clock().toISOString(),
        to: moments.to ?? clock().toISOString(),
        basis: (values.basis ?? '') as 'other',
        reference: values.reference ?? '',
        reason: values.reason ?? '',
      };
      if (errors.length > 0)
        errors.push(
          ...otherIssues(EvidenceHoldInput, input, HOLD_MESSAGES, values, ['facilityId', 'from', 'to']),
        );
      else
        try {
          const hold = await placeEvidenceHold(services, principal, input, clock());
          return reply.redirect(`${paths.evidenceHold(hold.id)}?recorded=placed`, 303);
        } catch (error) {
          if (error instanceof AccessDeniedError) throw error;
          errors.push(...verdictAsFieldErrors(error, HOLD_MESSAGES, values));
        }
      return sendHoldForm(request, reply, principal, values, inFormOrder(errors, order), 422);
    },
  );

  /** The hold page: the hold (a read, recorded), its people's names, and what its reader may do. */
  async function sendHold(
    request: FastifyRequest,
    reply: FastifyReply,
    holdId: string,
    values: FormValues,
    errors: readonly FieldError[],
    status = 200,
  ): Promise<FastifyReply> {
    const principal = requireAccess(request.principal, 'evidence-hold.read');
    const hold = await readEvidenceHold(services, principal, holdId);
    const names = await accountNames(
      store,
      [hold.placedBy, hold.releasedBy].filter((id): id is string => id !== null),
    );
    const recorded = queryText(request, 'recorded');
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <EvidenceHoldPage
        ctx={ctx}
        hold={hold}
        names={Object.fromEntries(names)}
        release={await releaseOption(principal, hold)}
        values={values}
        errors={errors}
        recorded={errors.length === 0 && (recorded === 'placed' || recorded === 'released') ? recorded : null}
      />,
      status,
    );
  }

  /** A form to release an active hold; for a hold on a death or an allegation, only the procurator's. */
  async function releaseOption(principal: Principal, hold: EvidenceHoldView): Promise<ReleaseOption> {
    const facility = await getFacility(store, hold.facilityId);
    if (
      hold.status !== 'active' ||
      !facility ||
      !can(principal, 'evidence-hold.release', resourceOf(facility))
    )
      return 'none';
    if (PROCURATOR_RELEASES[hold.basis] !== undefined && principal.role !== 'procurator')
      return 'procurator-only';
    return 'form';
  }

  app.get(
    '/evidence-holds/:id',
    { preHandler: requireAction(store, 'evidence-hold.read') },
    async (request, reply) => sendHold(request, reply, idParam(request), {}, []),
  );

  app.post(
    '/evidence-holds/:id/release',
    { preHandler: requireAction(store, 'evidence-hold.release') },
    async (request, reply) => {
      const holdId = idParam(request);
      const values = formValues(request.body, ['reason']);
      try {
        await releaseEvidenceHold(
          services,
          request.principal,
          holdId,
          { reason: values.reason ?? '' },
          clock(),
        );
        return reply.redirect(`${paths.evidenceHold(holdId)}?recorded=released`, 303);
      } catch (error) {
        const messages: Record<string, FieldMessages> = {
          reason: {
            required: 'holds.release.reason.required',
            invalid: 'holds.release.reason.invalid',
            refused: 'holds.release.refused',
          },
        };
        // A refusal names no field of this form (only the procurator releases, or released
        // already): said beside the reason, with what the page then shows.
        const errors =
          error instanceof RefusedError && error.field === undefined
            ? [{ field: 'reason', message: 'holds.release.refused' as const }]
            : verdictAsFieldErrors(error, messages, values);
        return sendHold(request, reply, holdId, values, errors, 422);
      }
    },
  );
}
