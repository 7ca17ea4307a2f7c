import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Action } from '../../access/policy.js';
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../app/access.js';
import { InvalidInputError, NotFoundError, RefusedError } from '../../app/errors.js';
import {
  admitPrisoner,
  checkDiscipline,
  countPrisonFindings,
  countReprisalFlags,
  countStays,
  refusedVerdict,
  listPrisonFindings,
  listStays,
  pageReprisalFlags,
  readStay,
  recordStayEvent,
} from '../../app/prison.js';
import type { DisciplineCheckView, StayView } from '../../app/prison-views.js';
import { listFacilities, type FacilityView } from '../../app/registry.js';
import { medicalSummaryOf } from '../components/medical-examinations.js';
import type { Store } from '../../store/types.js';
import type { ChosenPerson, PersonSearchState } from '../components/person-search.js';
import type { FailedForm } from '../components/safeguard-forms.js';
import { chosenFromValues, chosenValues, personSearchFor } from '../person-search-form.js';
import { HELD_DOCUMENT_MESSAGES, heldDocumentFrom, reachRefusal } from '../identity-documents.js';
import { DEFAULT_OFFSET, momentFromLocal } from '../custody-time.js';
import { formValues, inFormOrder, type FieldError, type FieldMessages, type FormValues } from '../forms.js';
import type { MessageKey } from '../i18n.js';
import { dateRange, dayBounds, listState, readList, sendCsv } from '../list-export.js';
import { pageContext, requireAction, sendPage, sendProblemPage } from '../page.js';
import type { FacilityChoice } from '../pages/person-form.js';
import { ADMISSION_FIELDS, AdmissionFormPage } from '../pages/prison-admission.js';
import { DISCIPLINE_FIELDS, DisciplineFormPage } from '../pages/prison-discipline.js';
import {
  PrisonFindingsPage,
  ReprisalFlagsPage,
  SeparationPage,
  longestFirst,
  prisonFindingColumns,
  reprisalColumns,
  separationColumns,
} from '../pages/prison-oversight.js';
import { RollPage, byRegime, rollColumns, type RollFilters } from '../pages/prison-roll.js';
import { StayPage } from '../pages/prison-stay.js';
import { paths } from '../paths.js';
import {
  formFieldOf,
  messagesFor,
  stayEventInput,
  stayFieldId,
  stayFieldNames,
  stayForm,
  stayFormsFor,
  stayRecorderOf,
} from '../prison-forms.js';
import { PRISON_FINDING_RULES, STAY_STATUSES, isRefusingRule } from '../prison-labels.js';

/*
 * The prison pages (issue 5 item 6). Every form goes through the same application services and
 * the same policy as the API (src/http/routes/prison.ts, src/app/prison.ts): the page turns the
 * form into the API's input and a refusal back into field errors naming the rule, then redirects
 * after success (POST-redirect-GET), so a reload never records twice. Reads of a stay and of the
 * lists are audited by the services (who, what, when, why).
 */

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const PRISON_KINDS: readonly string[] = ['remand-centre', 'prison', 'life-prison', 'open-prison'];

function idParam(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown> | undefined)?.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new NotFoundError('no such record');
  return id;
}

function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

const optional = (value: string | undefined): string | undefined => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

const resourceOf = (facility: FacilityView) => ({
  facilities: [facility.id],
  regions: [facility.region],
  populations: [facility.population],
});

/** What the discipline form says when national law refuses: the rule and what to do. */
export function refusalMessage(rule: string | undefined): MessageKey {
  return rule !== undefined && isRefusingRule(rule)
    ? `discipline.refused.${rule}`
    : 'discipline.refused.other';
}

const ADMISSION_MESSAGES: Record<string, FieldMessages> = {
  facilityId: {
    required: 'admit.facility.required',
    invalid: 'admit.facility.required',
    refused: 'admit.facility.invalid',
  },
  personId: {
    required: 'admit.personId.required',
    invalid: 'admit.personId.invalid',
    refused: 'admit.personId.invalid',
  },
  // The document held sits beside the register number on the form.
  ...HELD_DOCUMENT_MESSAGES,
  admittedAt: {
    required: 'admit.admittedAt.required',
    invalid: 'admit.admittedAt.invalid',
    refused: 'admit.admittedAt.refused',
  },
  orderReference: { required: 'admit.order.reference.required', invalid: 'admit.order.reference.invalid' },
  orderAuthority: { invalid: 'admit.order.authority.invalid' },
  orderIssuedOn: { invalid: 'admit.order.issuedOn.invalid' },
  orderGrounds: { invalid: 'admit.order.grounds.invalid' },
  custodyId: { invalid: 'admit.custodyId.invalid', refused: 'admit.custodyId.invalid' },
  lifeSentence: { invalid: 'admit.lifeSentence.invalid' },
};

/** The admission's fields as the service names them (AdmissionInput). */
const ADMISSION_FIELD_OF: Record<string, string> = {
  'commitmentOrder.reference': 'orderReference',
  'commitmentOrder.authority': 'orderAuthority',
  'commitmentOrder.issuedOn': 'orderIssuedOn',
  'commitmentOrder.grounds': 'orderGrounds',
  commitmentOrder: 'orderReference',
  deprivedOfLiberty: 'admittedAt',
  identityDocument: 'documentNumber',
  'identityDocument.kind': 'documentKind',
  'identityDocument.number': 'documentNumber',
};

/**
 * Refusals of an admission that say more than "check the field" (issue 17): the placement rule,
 * an episode not yet handed over or already admitted, a person held already, a person out of reach.
 */
function admissionRefusal(error: unknown, values: FormValues): FieldError | null {
  const reach = reachRefusal(error, values);
  if (reach) return reach;
  if (!(error instanceof RefusedError)) return null;
  if (error.rule === 'kz.placement.separation')
    return { field: 'facilityId', message: 'admit.facility.placement' };
  if (error.field === 'personId') return { field: 'personId', message: 'admit.personId.held' };
  if (error.field === 'custodyId') {
    if (/ask it to record the transfer/.test(error.message))
      return { field: 'custodyId', message: 'admit.custodyId.notTransferred' };
    if (/already admitted/.test(error.message))
      return { field: 'custodyId', message: 'admit.custodyId.admitted' };
  }
  return null;
}

const DISCIPLINE_MESSAGES: Record<string, FieldMessages> = {
  measure: { required: 'discipline.measure.required', invalid: 'discipline.measure.required' },
  days: { required: 'discipline.days.required', invalid: 'discipline.days.invalid' },
  reason: { required: 'discipline.reason.required', invalid: 'discipline.reason.invalid' },
  reportId: { invalid: 'discipline.report.invalid', refused: 'discipline.report.invalid' },
  informedLanguage: { invalid: 'discipline.language.invalid' },
  at: { invalid: 'discipline.refused.other', refused: 'discipline.refused.other' },
  startsAt: { invalid: 'discipline.refused.other', refused: 'discipline.refused.other' },
};

/**
 * The service's verdict on a form as field errors: an issue of the schema or a refusal naming a
 * field, with the form's own words; one that names no field of the form is said once at the first.
 */
function asFieldErrors(
  error: unknown,
  messages: Readonly<Record<string, FieldMessages>>,
  fieldOf: (path: string) => string,
  filled: (field: string) => boolean,
  general: MessageKey,
): FieldError[] {
  const issues: { field: string; refused: boolean }[] =
    error instanceof InvalidInputError
      ? error.issues.map((issue) => ({ field: fieldOf(issue.field), refused: false }))
      : error instanceof RefusedError
        ? [{ field: fieldOf(error.field ?? ''), refused: true }]
        : [];
  if (issues.length === 0) throw error;
  // A rule's refusal says why, with its numbers and times (src/web/refusal-text.ts).
  const refusal =
    error instanceof RefusedError && error.reason !== undefined ? { refusal: error.reason } : {};
  const fields = Object.keys(messages);
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const known = messages[issue.field];
    if (!known) {
      errors.push({ field: fields[0] ?? issue.field, message: general, ...(issue.refused ? refusal : {}) });
      continue;
    }
    const message = issue.refused
      ? (known.refused ?? known.invalid)
      : !filled(issue.field) && known.required
        ? known.required
        : known.invalid;
    // A field's own words for a refusal say what to do there; without them, the rule's reason says why.
    errors.push({ field: issue.field, message, ...(issue.refused && !known.refused ? refusal : {}) });
  }
  return inFormOrder(errors, fields);
}

export function prisonRoutes(app: FastifyInstance, store: Store): void {
  const habeas = app.habeas;
  const services = { store, rules: habeas.rules, prisonRules: habeas.prisonRules };
  const { clock } = habeas;
  const numbers = () => habeas.prisonRules;

  /** Remand centres and prisons where the principal may do `action`, by name. */
  async function prisonFacilities(principal: Principal, action: Action): Promise<FacilityChoice[]> {
    return (await listFacilities(store))
      .filter(
        (facility) => PRISON_KINDS.includes(facility.kind) && can(principal, action, resourceOf(facility)),
      )
      .map((facility) => ({ id: facility.id, name: facility.name }));
  }

  // The roll: everyone held in the reader's remand centres and prisons (or regions), regime first;
  // `?format=csv` and `?print=1` answer every matching stay (each page read-audited, saying why).
  app.get(paths.prison, { preHandler: requireAction(store, 'prison.read') }, async (request, reply) => {
    const principal = requireAccess(request.principal, 'prison.read');
    const facilities = await prisonFacilities(principal, 'prison.read');
    const status = queryText(request, 'status');
    const admitted = dateRange(request.query, 'admitted');
    const filters: RollFilters = {
      status: (STAY_STATUSES as readonly string[]).includes(status)
        ? (status as RollFilters['status'])
        : 'held',
      facilityId: facilities.some((facility) => facility.id === queryText(request, 'facilityId'))
        ? queryText(request, 'facilityId')
        : '',
      admittedFrom: admitted.from,
      admittedTo: admitted.to,
    };
    const now = clock();
    const query = {
      status: filters.status,
      facilityId: filters.facilityId === '' ? undefined : filters.facilityId,
      within: dayBounds(admitted),
    };
    const list = await readList(request.query, (cursor, whole) =>
      listStays(services, principal, { ...query, cursor, ...whole }, now),
    );
    if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
    const { mode } = list;
    const ctx = await pageContext(store, request);
    const prolongedDays = numbers().prolongedDays;
    if (mode.csv)
      return sendCsv(reply, 'prison-roll.csv', rollColumns(ctx.tr, prolongedDays), byRegime(list.rows));
    return sendPage(
      reply,
      <RollPage
        ctx={ctx}
        items={list.rows}
        filters={filters}
        facilities={facilities}
        list={listState(
          paths.prison,
          { ...filters },
          list,
          await countStays(services, principal, query, now),
          mode,
        )}
        now={now.toISOString()}
        prolongedDays={prolongedDays}
        canAdmit={can(principal, 'prison.admit')}
      />,
    );
  });

  // Admission (intl.register.minimum); `?person=` and `?custody=` name the person and the episode.
  app.get(paths.prisonAdmit, { preHandler: requireAction(store, 'prison.admit') }, async (request, reply) => {
    const principal = requireAccess(request.principal, 'prison.admit');
    const person = queryText(request, 'person');
    const custody = queryText(request, 'custody');
    const values: FormValues = { 'admittedAt-offset': DEFAULT_OFFSET };
    if (ID_PATTERN.test(person)) values.personId = person;
    if (ID_PATTERN.test(custody)) values.custodyId = custody;
    return sendAdmission(request, reply, principal, values, [], 200);
  });

  // The search of the register (issue 18 item 10; the document look-up of issue 17): posted, so
  // that names, birth dates and numbers never sit in an address, the browser's history or a
  // proxy's log; the answer names people, so it is read-audited. Choosing a match (`pick`) brings
  // the form back with the person, the document that reaches them and the hand-over filled in.
  app.post(
    paths.prisonAdmitLookup,
    { preHandler: requireAction(store, 'prison.admit') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'prison.admit');
      const { search, picked } = await personSearchFor(store, principal, request.body);
      return sendAdmission(
        request,
        reply,
        principal,
        { 'admittedAt-offset': DEFAULT_OFFSET, ...(picked ? chosenValues(picked) : {}) },
        [],
        search.errors.length > 0 ? 422 : 200,
        search,
        picked,
      );
    },
  );

  /**
   * The admission form. The person chosen is `chosen` when the search just chose them; otherwise
   * the one the values name, if the officer reaches them (a read of their name, recorded).
   */
  async function sendAdmission(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    values: FormValues,
    errors: readonly FieldError[],
    status: number,
    search?: PersonSearchState,
    chosen?: ChosenPerson | null,
  ): Promise<FastifyReply> {
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <AdmissionFormPage
        ctx={ctx}
        values={values}
        errors={errors}
        facilities={await prisonFacilities(principal, 'prison.admit')}
        search={search}
        chosen={chosen ?? (await chosenFromValues(store, principal, values))}
        now={clock().toISOString()}
      />,
      status,
    );
  }

  app.post(
    paths.prisonAdmit,
    { preHandler: requireAction(store, 'prison.admit') },
    async (request, reply) => {
      const officer = requireAccess(request.principal, 'prison.admit');
      const values = formValues(request.body, ADMISSION_FIELDS);
      const facilities = await prisonFacilities(officer, 'prison.admit');
      const now = clock();
      const errors: FieldError[] = [];
      const filled = (field: string): boolean => (values[field] ?? '').trim() !== '';

      // The facility: the official's only remand centre or prison, or the one chosen among theirs.
      const chosen = (values.facilityId ?? '').trim();
      const facilityId =
        facilities.length === 1
          ? facilities[0]?.id
          : facilities.find((facility) => facility.id === chosen)?.id;
      if (facilityId === undefined) errors.push({ field: 'facilityId', message: 'admit.facility.required' });
      const personId = (values.personId ?? '').trim();
      if (personId === '') errors.push({ field: 'personId', message: 'admit.personId.required' });
      else if (!ID_PATTERN.test(personId))
        errors.push({ field: 'personId', message: 'admit.personId.invalid' });
      const admittedAt = momentFromLocal(values.admittedAt ?? '', values['admittedAt-offset'] ?? '');
      if (admittedAt === '') errors.push({ field: 'admittedAt', message: 'admit.admittedAt.required' });
      else if (admittedAt === null) errors.push({ field: 'admittedAt', message: 'admit.admittedAt.invalid' });
      else if (Date.parse(admittedAt) > now.getTime())
        errors.push({ field: 'admittedAt', message: 'admit.admittedAt.refused' });
      if (!filled('orderReference'))
        errors.push({ field: 'orderReference', message: 'admit.order.reference.required' });
      const custodyId = optional(values.custodyId);
      if (custodyId !== undefined && !ID_PATTERN.test(custodyId))
        errors.push({ field: 'custodyId', message: 'admit.custodyId.invalid' });
      const identityDocument = heldDocumentFrom(values);
      const order = Object.keys(ADMISSION_MESSAGES);
      if (errors.length > 0 || facilityId === undefined || admittedAt === null || admittedAt === '')
        return sendAdmission(request, reply, officer, values, inFormOrder(errors, order), 422);

      const issuedOn = optional(values.orderIssuedOn);
      try {
        const stay = await admitPrisoner(
          services,
          officer,
          {
            personId,
            facilityId,
            admittedAt,
            commitmentOrder: {
              reference: (values.orderReference ?? '').trim(),
              ...(optional(values.orderAuthority) !== undefined
                ? { authority: optional(values.orderAuthority) }
                : {}),
              ...(issuedOn !== undefined ? { issuedOn } : {}),
              ...(optional(values.orderGrounds) !== undefined
                ? { grounds: optional(values.orderGrounds) }
                : {}),
            },
            ...(custodyId !== undefined ? { custodyId } : {}),
            ...(identityDocument !== undefined ? { identityDocument } : {}),
            ...(values.lifeSentence === 'yes' ? { lifeSentence: true } : {}),
          },
          now,
        );
        return reply.redirect(`${paths.prisonStay(stay.id)}?recorded=admitted`, 303);
      } catch (error) {
        let shown = asFieldErrors(
          error,
          ADMISSION_MESSAGES,
          (path) => ADMISSION_FIELD_OF[path] ?? path,
          filled,
          'admit.refused',
        );
        const refused = admissionRefusal(error, values);
        if (refused) shown = [refused];
        return sendAdmission(request, reply, officer, values, shown, 422);
      }
    },
  );

  /** The stay page, with a form that came back with errors when there is one. */
  async function sendStay(
    request: FastifyRequest,
    reply: FastifyReply,
    stayId: string,
    failed: FailedForm | null,
    status = 200,
  ): Promise<FastifyReply> {
    const now = clock();
    const stay = await readStay(services, request.principal, stayId, now);
    const principal = request.principal;
    const all = await listFacilities(store);
    const recorder = recorderOf(principal, stay);
    const recorded = queryText(request, 'recorded');
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <StayPage
        ctx={ctx}
        stay={stay}
        now={now.toISOString()}
        prolongedDays={numbers().prolongedDays}
        forms={recorder === null ? [] : stayFormsFor(stay, recorder)}
        facilities={Object.fromEntries(all.map((facility) => [facility.id, facility.name]))}
        transferTo={all
          .filter((facility) => PRISON_KINDS.includes(facility.kind))
          .map((facility) => ({ id: facility.id, name: facility.name }))}
        canDecide={
          principal !== null &&
          principal.facilities.includes(stay.facilityId) &&
          can(principal, 'prison.discipline')
        }
        canOpenCustody={can(principal, 'custody.read')}
        failed={failed}
        recorded={failed === null && /^[a-z-]{1,40}$/.test(recorded) ? recorded : null}
        examinations={await medicalSummaryOf(services, principal, { context: 'prison', id: stay.id })}
      />,
      status,
    );
  }

  /** Who the reader records as on this stay: the facility's medical staff, its staff, its governor, or nobody. */
  function recorderOf(principal: Principal | null, stay: StayView) {
    if (!principal || !can(principal, 'prison.record')) return null;
    if (!principal.facilities.includes(stay.facilityId)) return null;
    return stayRecorderOf(principal.role);
  }

  app.get('/prison/stays/:id', { preHandler: requireAction(store, 'prison.read') }, async (request, reply) =>
    sendStay(request, reply, idParam(request), null),
  );

  app.post(
    '/prison/stays/:id/events',
    { preHandler: requireAction(store, 'prison.record') },
    async (request, reply) => {
      const stayId = idParam(request);
      const type = formValues(request.body, ['type']).type ?? '';
      const form = stayForm(type);
      if (!form) return sendProblemPage(store, request, reply, 'bad-request');
      const names = stayFieldNames(form);
      const prefixed = formValues(
        request.body,
        names.map((name) => stayFieldId(form.type, name)),
      );
      const values: FormValues = Object.fromEntries(
        names.map((name) => [name, prefixed[stayFieldId(form.type, name)] ?? '']),
      );
      const fields = [...form.fields.map((field) => field.name), ...(form.timed ? ['at'] : [])];
      const fail = (errors: FieldError[]) =>
        sendStay(
          request,
          reply,
          stayId,
          {
            form: form.type,
            values,
            errors: inFormOrder(errors, fields).map((error) => ({
              ...error,
              field: stayFieldId(form.type, error.field),
            })),
          },
          422,
        );
      const parsed = stayEventInput(form, values);
      if ('errors' in parsed) return fail(parsed.errors);
      try {
        await recordStayEvent(services, request.principal, stayId, parsed.input as never, clock());
      } catch (error) {
        const messages: Record<string, FieldMessages> = Object.fromEntries(
          fields.map((field) => [field, messagesFor(form, field)]),
        );
        return fail(
          asFieldErrors(
            error,
            messages,
            formFieldOf,
            (field) => (values[field] ?? '').trim() !== '',
            'prison.refused',
          ),
        );
      }
      return reply.redirect(`${paths.prisonStay(stayId)}?recorded=${form.type}`, 303);
    },
  );

  // The governor's disciplinary decision: explained before submission, refused with the rule.
  async function sendDiscipline(
    request: FastifyRequest,
    reply: FastifyReply,
    stayId: string,
    values: FormValues,
    errors: readonly FieldError[],
    verdict: DisciplineCheckView | null,
    status: number,
  ): Promise<FastifyReply> {
    const stay = await readStay(services, request.principal, stayId, clock(), 'a disciplinary decision');
    requireAccess(request.principal, 'prison.discipline', {
      facilities: [stay.facilityId],
    });
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <DisciplineFormPage
        ctx={ctx}
        stay={stay}
        values={values}
        errors={errors}
        verdict={verdict}
        numbers={numbers()}
      />,
      status,
    );
  }

  app.get(
    '/prison/stays/:id/discipline',
    { preHandler: requireAction(store, 'prison.discipline') },
    async (request, reply) => sendDiscipline(request, reply, idParam(request), {}, [], null, 200),
  );

  app.post(
    '/prison/stays/:id/discipline',
    { preHandler: requireAction(store, 'prison.discipline') },
    async (request, reply) => {
      const stayId = idParam(request);
      const values = formValues(request.body, DISCIPLINE_FIELDS);
      const checking = values.action === 'check';
      const errors: FieldError[] = [];
      const measure = (values.measure ?? '').trim();
      if (measure === '') errors.push({ field: 'measure', message: 'discipline.measure.required' });
      const daysText = (values.days ?? '').trim();
      const days = /^\d{1,4}$/.test(daysText) && Number(daysText) >= 1 ? Number(daysText) : undefined;
      if (daysText !== '' && days === undefined)
        errors.push({ field: 'days', message: 'discipline.days.invalid' });
      if (!checking && (values.reason ?? '').trim() === '')
        errors.push({ field: 'reason', message: 'discipline.reason.required' });
      const order = Object.keys(DISCIPLINE_MESSAGES);
      if (errors.length > 0)
        return sendDiscipline(request, reply, stayId, values, inFormOrder(errors, order), null, 422);
      const filled = (field: string): boolean => (values[field] ?? '').trim() !== '';
      const now = clock();

      if (checking) {
        try {
          const verdict = await checkDiscipline(services, request.principal, stayId, { measure, days }, now);
          return await sendDiscipline(request, reply, stayId, values, [], verdict, 200);
        } catch (error) {
          const shown = asFieldErrors(
            error,
            DISCIPLINE_MESSAGES,
            (path) => path,
            filled,
            'discipline.refused.other',
          );
          return sendDiscipline(request, reply, stayId, values, shown, null, 422);
        }
      }

      try {
        await recordStayEvent(
          services,
          request.principal,
          stayId,
          {
            type: 'discipline-decided',
            measure,
            ...(days !== undefined ? { days } : {}),
            reason: (values.reason ?? '').trim(),
            ...(optional(values.reportId) !== undefined ? { reportId: optional(values.reportId) } : {}),
            ...(optional(values.informedLanguage) !== undefined
              ? { informedLanguage: optional(values.informedLanguage) }
              : {}),
          },
          now,
        );
      } catch (error) {
        // National law refused: the problem, with its rule, beside the field and in the verdict.
        if (error instanceof RefusedError && error.rule !== undefined) {
          const verdict: DisciplineCheckView = refusedVerdict({
            rule: error.rule,
            detail: error.message,
            ...(error.reason !== undefined ? { reason: error.reason } : {}),
            also: error.also,
          });
          const field = error.field === 'days' ? 'days' : 'measure';
          return sendDiscipline(
            request,
            reply,
            stayId,
            values,
            [
              {
                field,
                message: refusalMessage(error.rule),
                ...(error.reason !== undefined ? { refusal: error.reason } : {}),
              },
            ],
            verdict,
            422,
          );
        }
        const shown = asFieldErrors(
          error,
          DISCIPLINE_MESSAGES,
          (path) => path,
          filled,
          'discipline.refused.other',
        );
        return sendDiscipline(request, reply, stayId, values, shown, null, 422);
      }
      return reply.redirect(`${paths.prisonStay(stayId)}?recorded=discipline-decided`, 303);
    },
  );

  // The monitor's view of everyone in separation nationwide (or in their regions), longest run first.
  app.get(
    paths.prisonSeparation,
    { preHandler: requireAction(store, 'prison.separation') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'prison.separation');
      const since = dateRange(request.query, 'since');
      const filters = { sinceFrom: since.from, sinceTo: since.to };
      const now = clock();
      const query = { separated: true, within: dayBounds(since) };
      const list = await readList(request.query, (cursor, whole) =>
        listStays(services, principal, { ...query, cursor, ...whole }, now),
      );
      if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
      const { mode } = list;
      const ctx = await pageContext(store, request);
      const prolongedDays = numbers().prolongedDays;
      const canOpen = can(principal, 'prison.read');
      if (mode.csv)
        return sendCsv(
          reply,
          'prison-separation.csv',
          separationColumns(ctx.tr, prolongedDays, canOpen),
          longestFirst(list.rows),
        );
      return sendPage(
        reply,
        <SeparationPage
          ctx={ctx}
          items={list.rows}
          filters={filters}
          list={listState(
            paths.prisonSeparation,
            filters,
            list,
            await countStays(services, principal, query, now),
            mode,
          )}
          prolongedDays={prolongedDays}
          canOpen={canOpen}
        />,
      );
    },
  );

  app.get(
    paths.prisonFindings,
    { preHandler: requireAction(store, 'prison.findings') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'prison.findings');
      const facilities = await prisonFacilities(principal, 'prison.findings');
      const rule = queryText(request, 'rule');
      const found = dateRange(request.query, 'found');
      const filters = {
        rule: (PRISON_FINDING_RULES as readonly string[]).includes(rule) ? rule : '',
        facilityId: facilities.some((facility) => facility.id === queryText(request, 'facilityId'))
          ? queryText(request, 'facilityId')
          : '',
        foundFrom: found.from,
        foundTo: found.to,
      };
      const query = {
        rule: filters.rule === '' ? undefined : filters.rule,
        facilityId: filters.facilityId === '' ? undefined : filters.facilityId,
        within: dayBounds(found),
      };
      const list = await readList(request.query, (cursor, whole) =>
        listPrisonFindings(services, principal, { ...query, cursor, limit: whole?.limit }),
      );
      if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
      const { mode } = list;
      const ctx = await pageContext(store, request);
      const canOpen = can(principal, 'prison.read');
      if (mode.csv)
        return sendCsv(reply, 'prison-findings.csv', prisonFindingColumns(ctx.tr, canOpen), list.rows);
      return sendPage(
        reply,
        <PrisonFindingsPage
          ctx={ctx}
          items={list.rows}
          filters={filters}
          facilities={facilities}
          list={listState(
            paths.prisonFindings,
            filters,
            list,
            await countPrisonFindings(services, principal, query),
            mode,
          )}
          canOpen={canOpen}
        />,
      );
    },
  );

  // kz.complaint.reprisal: for the complaints authority and the monitor; the policy refuses any facility role.
  app.get(
    paths.reprisalFlags,
    { preHandler: requireAction(store, 'reprisal.read') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'reprisal.read');
      const acted = dateRange(request.query, 'acted');
      const filters = { actedFrom: acted.from, actedTo: acted.to };
      const query = { within: dayBounds(acted) };
      const list = await readList(request.query, (cursor, whole) =>
        pageReprisalFlags(services, principal, { ...query, cursor, ...whole }),
      );
      if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
      const { mode } = list;
      const ctx = await pageContext(store, request);
      const canOpen = can(principal, 'prison.read');
      if (mode.csv) return sendCsv(reply, 'reprisal-flags.csv', reprisalColumns(ctx.tr, canOpen), list.rows);
      return sendPage(
        reply,
        <ReprisalFlagsPage
          ctx={ctx}
          items={list.rows}
          filters={filters}
          list={listState(
            paths.reprisalFlags,
            filters,
            list,
            await countReprisalFlags(services, principal, query),
            mode,
          )}
          reprisalDays={habeas.prisonRules.reprisalDays}
          canOpen={canOpen}
        />,
      );
    },
  );
}
