import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../access/policy.js';
import type { Principal } from '../../access/principal.js';
import { actingFacility } from '../../access/scopes.js';
import { requireAccess } from '../../app/access.js';
import {
  correctCustodyEntry,
  countCustody,
  countFindings,
  countReferrals,
  listCustody,
  listFindings,
  listReferralPage,
  MAX_PAGE,
  readCustody,
  recordCustodyEvent,
  recordInterview,
  registerArrest,
} from '../../app/custody.js';
import type { CustodyView } from '../../app/custody-views.js';
import { AccessDeniedError, InvalidInputError, NotFoundError, RefusedError } from '../../app/errors.js';
import { createPerson, getFacility, listFacilities } from '../../app/registry.js';
import { parseInput } from '../../app/validate.js';
import { ArrestInput } from '../../domain/custody/inputs.js';
import { PersonInput } from '../../domain/registry/person.js';
import { medicalSummaryOf } from '../components/medical-examinations.js';
import type { Episode } from '../../domain/medical/events.js';
import type { Store } from '../../store/types.js';
import type { ChosenPerson, PersonSearchState } from '../components/person-search.js';
import type { FailedForm } from '../components/safeguard-forms.js';
import { chosenFromValues, chosenValues, personSearchFor } from '../person-search-form.js';
import {
  DOCUMENT_ROW_MESSAGES,
  documentsFrom,
  HELD_DOCUMENT_MESSAGES,
  heldDocumentFrom,
  onDocumentInputs,
  reachRefusal,
} from '../identity-documents.js';
import type { PageContext } from '../context.js';
import {
  CORRECTION_FIELDS,
  CORRECTION_FORM,
  SAFEGUARD_MESSAGES,
  TIME_CORRECTABLE,
  correctionInput,
  fieldId,
  formsFor,
  safeguardFieldNames,
  safeguardForm,
  safeguardInput,
} from '../custody-forms.js';
import { DEFAULT_OFFSET, momentFromLocal } from '../custody-time.js';
import {
  fieldErrors,
  formList,
  formValues,
  inFormOrder,
  type FieldError,
  type FieldMessages,
  type FormValues,
} from '../forms.js';
import { isLang, translator, type Lang } from '../i18n.js';
import {
  dateRange,
  dayBounds,
  exportPurpose,
  listCursor,
  listMode,
  listRows,
  listState,
  sendCsv,
} from '../list-export.js';
import { referralFiltersOf, referralQuery } from '../list-filters.js';
import { pageContext, requireAction, sendPage, sendProblemPage } from '../page.js';
import {
  ANY_STATUS,
  byUrgency,
  CustodyDeskPage,
  DESK_CLOCK_STATES,
  DESK_STATUSES,
  deskColumns,
  type DeskFilters,
} from '../pages/custody-desk.js';
import { EpisodePage } from '../pages/custody-episode.js';
import {
  findingColumns,
  FindingsPage,
  referralColumns,
  ReferralsPage,
  type FindingFilters,
} from '../pages/custody-findings.js';
import { ARREST_FIELDS, ArrestFormPage, type TimeWarning } from '../pages/custody-form.js';
import { RecordPage } from '../pages/custody-record.js';
import { InterviewFormPage } from '../pages/custody-interview.js';
import {
  DEFAULT_MEDIA_TYPE,
  INTERVIEW_FIELDS,
  INTERVIEW_MESSAGES,
  interviewFormField,
  interviewInput,
} from '../interview-form.js';
import { verdictAsFieldErrors as formVerdict } from '../forms.js';
import type { FacilityChoice } from '../pages/person-form.js';
import { paths } from '../paths.js';
import { dateFromParts, languagesFrom } from './registry.js';

/*
 * The police custody pages (issue 3). Every form goes through the same application services and
 * the same policy as the API (src/http/routes/custody.ts, src/app/custody.ts): the page turns the
 * form into the API's input and a refusal back into field errors, then redirects after success
 * (POST-redirect-GET), so a reload never records twice. Reads of an episode are audited by the
 * service (who, what, when, why).
 */

/** The URL pattern of the printable record: its `?lang=` is the detainee's language, not the reader's choice. */
export const RECORD_ROUTE = '/custody/:id/record';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function idParam(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown> | undefined)?.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new NotFoundError('no such record');
  return id;
}

/** A query parameter as text ('' when absent, repeated or not text). */
function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

function hasQuery(request: FastifyRequest, name: string): boolean {
  const query = request.query as Record<string, unknown> | undefined;
  return query !== undefined && Object.hasOwn(query, name);
}

const oneOf = <Value extends string>(value: string, allowed: readonly Value[]): Value | '' =>
  (allowed as readonly string[]).includes(value) ? (value as Value) : '';

const optional = (value: string | undefined): string | undefined => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

const ARREST_MESSAGES: Record<string, FieldMessages> = {
  facilityId: {
    required: 'arrest.facility.required',
    invalid: 'arrest.facility.invalid',
    refused: 'arrest.facility.invalid',
  },
  personId: {
    required: 'arrest.personId.required',
    invalid: 'arrest.personId.invalid',
    refused: 'arrest.personId.invalid',
  },
  // In the order of the form: the document held beside the register id, a new person's rows after their languages.
  ...HELD_DOCUMENT_MESSAGES,
  familyName: { required: 'person.familyName.required', invalid: 'person.familyName.invalid' },
  givenNames: { required: 'person.givenNames.required', invalid: 'person.givenNames.invalid' },
  patronymic: { invalid: 'person.patronymic.invalid' },
  birthDate: {
    required: 'person.birthDate.required',
    invalid: 'person.birthDate.invalid',
    refused: 'person.birthDate.range',
  },
  sex: { required: 'person.sex.required', invalid: 'person.sex.required' },
  citizenship: { invalid: 'person.citizenship.invalid' },
  languages: { invalid: 'person.languages.invalid' },
  ...DOCUMENT_ROW_MESSAGES,
  apprehendedAt: {
    required: 'arrest.apprehendedAt.required',
    invalid: 'arrest.apprehendedAt.invalid',
    refused: 'arrest.apprehendedAt.future',
  },
  confirmTime: { required: 'arrest.confirmTime.required', invalid: 'arrest.confirmTime.required' },
  place: { required: 'arrest.place.required', invalid: 'arrest.place.invalid' },
  grounds: { required: 'arrest.grounds.required', invalid: 'arrest.grounds.invalid' },
  arrestingOfficer: {
    required: 'arrest.arrestingOfficer.required',
    invalid: 'arrest.arrestingOfficer.invalid',
  },
  orderingAuthority: { invalid: 'arrest.orderingAuthority.invalid' },
};

/**
 * Refusals of an arrest that say more than "check the field" (issue 17): a person out of reach,
 * the placement rule, a person in custody already (said without saying where).
 */
function arrestRefusal(error: unknown, values: FormValues): FieldError | null {
  const reach = reachRefusal(error, values);
  if (reach) return reach;
  if (!(error instanceof RefusedError)) return null;
  if (error.rule === 'kz.placement.separation')
    return { field: 'facilityId', message: 'arrest.facility.placement' };
  if (error.field === 'personId') return { field: 'personId', message: 'arrest.personId.inCustody' };
  if (error.field === 'apprehendedAt' && error.rule === undefined)
    return { field: 'apprehendedAt', message: 'arrest.apprehendedAt.beforeBirth' };
  return null;
}

/** The service's verdict on a form as field errors; any other error is not the form's fault. */
function verdictAsFieldErrors(
  error: unknown,
  messages: Record<string, FieldMessages>,
  filled: (field: string) => boolean,
): FieldError[] {
  if (error instanceof InvalidInputError)
    return fieldErrors(onDocumentInputs(error.issues), messages, filled);
  if (error instanceof RefusedError)
    return fieldErrors(
      onDocumentInputs([{ field: error.field ?? '', refused: true, refusal: error.reason }]),
      messages,
      filled,
    );
  throw error;
}

/** The language of a record copy: `?lang=`, else the person's first of kk, ru, en, else the page's. */
export function recordLanguage(requested: unknown, personLanguages: readonly string[], pageLang: Lang): Lang {
  if (isLang(requested)) return requested;
  for (const tag of personLanguages) {
    const primary = tag.split('-')[0]?.toLowerCase();
    if (isLang(primary)) return primary;
  }
  return pageLang;
}

export function custodyRoutes(app: FastifyInstance, store: Store): void {
  const services = app.habeas;
  const { clock } = services;
  const examinationsOf = (principal: Principal | null, episode: Episode) =>
    medicalSummaryOf(services, principal, episode);

  /** The facilities a reader may pick on the desk: their own, or the custody units of their regions. */
  async function deskFacilities(principal: Principal): Promise<FacilityChoice[]> {
    if (principal.facilities.length > 0) return facilityNames(principal.facilities);
    const all = await listFacilities(store);
    return all
      .filter(
        (facility) =>
          facility.kind === 'police-custody' &&
          (principal.regions.length === 0 || principal.regions.includes(facility.region)),
      )
      .map((facility) => ({ id: facility.id, name: facility.name }));
  }

  async function facilityNames(ids: readonly string[]): Promise<FacilityChoice[]> {
    const choices: FacilityChoice[] = [];
    for (const id of ids) choices.push({ id, name: (await getFacility(store, id))?.name ?? id });
    return choices;
  }

  async function allFacilities(): Promise<FacilityChoice[]> {
    return (await listFacilities(store)).map((facility) => ({ id: facility.id, name: facility.name }));
  }

  // The desk: open episodes of the reader's custody units, most urgent first, with live countdowns;
  // a register list (issue 18): its total, a range of days apprehended, the CSV and the print view
  // of the same filters. The list names people: every page of it, shown or exported, is a recorded read.
  app.get(paths.custody, { preHandler: requireAction(store, 'custody.read') }, async (request, reply) => {
    const principal = requireAccess(request.principal, 'custody.read');
    const facilities = await deskFacilities(principal);
    const apprehended = dateRange(request.query, 'apprehended');
    // Without a status in the address the desk shows who is held now; `any` (or empty) means any.
    const status = queryText(request, 'status');
    const filters: DeskFilters = {
      status: hasQuery(request, 'status') ? oneOf(status, DESK_STATUSES) : 'in-custody',
      clock: oneOf(queryText(request, 'clock'), DESK_CLOCK_STATES),
      facilityId: facilities.some((facility) => facility.id === queryText(request, 'facilityId'))
        ? queryText(request, 'facilityId')
        : '',
      apprehendedFrom: apprehended.from,
      apprehendedTo: apprehended.to,
    };
    const cursor = listCursor(request.query);
    if (cursor === null) return sendProblemPage(store, request, reply, 'bad-request');
    const mode = listMode(request.query);
    const now = clock();
    const query = {
      status: filters.status === '' ? undefined : filters.status,
      clock: filters.clock === '' ? undefined : filters.clock,
      facilityId: filters.facilityId === '' ? undefined : filters.facilityId,
      apprehended: dayBounds(apprehended),
    };
    let list;
    try {
      list = await listRows(mode, cursor, (from, whole) =>
        listCustody(
          services,
          principal,
          { ...query, cursor: from, ...(whole ? { limit: MAX_PAGE, purpose: exportPurpose(mode) } : {}) },
          now,
        ),
      );
    } catch (error) {
      if (error instanceof InvalidInputError) return sendProblemPage(store, request, reply, 'bad-request');
      throw error;
    }
    const ctx = await pageContext(store, request);
    if (mode.csv)
      return sendCsv(reply, 'custody-desk.csv', deskColumns(ctx.tr, { csv: true }), byUrgency(list.rows));
    return sendPage(
      reply,
      <CustodyDeskPage
        ctx={ctx}
        items={list.rows}
        filters={filters}
        facilities={facilities}
        list={listState(
          paths.custody,
          { ...filters, status: filters.status === '' ? ANY_STATUS : filters.status },
          list,
          await countCustody(services, principal, query, now),
          mode,
        )}
        now={now.toISOString()}
        canRegister={can(principal, 'custody.create')}
      />,
    );
  });

  // Register an arrest; `?person=<id>` names a person already in the register (a link from their record).
  app.get(
    paths.newCustody,
    { preHandler: requireAction(store, 'custody.create') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'custody.create');
      const person = queryText(request, 'person');
      const values: FormValues = ID_PATTERN.test(person)
        ? { personMode: 'existing', personId: person }
        : { personMode: 'existing' };
      values['apprehendedAt-offset'] = DEFAULT_OFFSET;
      return sendArrestForm(request, reply, principal, values, { status: 200 });
    },
  );

  // The search of the register (issue 18 item 10; the document look-up of issue 17): posted, so
  // that names and numbers never sit in an address; the answer names people, so it is read-audited.
  // Choosing a match (`pick`) brings the form back with the person (and the document) filled in.
  app.post(
    paths.custodyLookup,
    { preHandler: requireAction(store, 'custody.create') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'custody.create');
      const { search, picked } = await personSearchFor(store, principal, request.body);
      return sendArrestForm(
        request,
        reply,
        principal,
        {
          personMode: 'existing',
          'apprehendedAt-offset': DEFAULT_OFFSET,
          ...(picked ? chosenValues(picked) : {}),
        },
        { status: search.errors.length > 0 ? 422 : 200, search, chosen: picked },
      );
    },
  );

  /**
   * The arrest form. The person chosen is `chosen` when the search just chose them; otherwise the
   * one the values name, if the officer reaches them (a read of their name, recorded).
   */
  async function sendArrestForm(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    values: FormValues,
    options: {
      status: number;
      languages?: readonly string[];
      errors?: readonly FieldError[];
      warning?: TimeWarning;
      registeredPersonId?: string | undefined;
      search?: PersonSearchState;
      chosen?: ChosenPerson | null;
    },
  ): Promise<FastifyReply> {
    const ctx = await pageContext(store, request);
    const chosen =
      options.chosen !== undefined && options.chosen !== null
        ? options.chosen
        : values.personMode === 'new'
          ? null
          : await chosenFromValues(store, principal, values);
    return sendPage(
      reply,
      <ArrestFormPage
        search={options.search}
        chosen={chosen}
        ctx={ctx}
        values={values}
        languages={options.languages ?? []}
        errors={options.errors ?? []}
        facilities={await facilityNames(principal.facilities)}
        now={clock().toISOString()}
        maxGapHours={services.rules.actualTimeMaxGapHours}
        warning={options.warning ?? null}
        registeredPersonId={options.registeredPersonId}
      />,
      options.status,
    );
  }

  app.post(
    paths.newCustody,
    { preHandler: requireAction(store, 'custody.create') },
    async (request, reply) => {
      const officer = requireAccess(request.principal, 'custody.create');
      const values = formValues(request.body, ARREST_FIELDS);
      const ticked = formList(request.body, 'languages');
      const now = clock();
      const errors: FieldError[] = [];
      const filled = (field: string): boolean => (values[field] ?? '').trim() !== '';

      // The custody unit: the officer's only one, or the one chosen among theirs.
      const acting = actingFacility(officer, optional(values.facilityId));
      if ('problem' in acting) {
        if (acting.problem !== 'ambiguous') throw new AccessDeniedError(403, acting.detail);
        errors.push({ field: 'facilityId', message: 'arrest.facility.required' });
      }
      const facilityId = 'problem' in acting ? 'pending' : acting.facilityId;

      // The time of apprehension: a wall-clock time at an offset, in UTC for the register.
      const apprehendedAt = momentFromLocal(values.apprehendedAt ?? '', values['apprehendedAt-offset'] ?? '');
      let warning: TimeWarning = null;
      if (apprehendedAt === '')
        errors.push({ field: 'apprehendedAt', message: 'arrest.apprehendedAt.required' });
      else if (apprehendedAt === null)
        errors.push({ field: 'apprehendedAt', message: 'arrest.apprehendedAt.invalid' });
      else if (Date.parse(apprehendedAt) > now.getTime()) {
        // kz.custody.actual-time refuses it (src/domain/custody/decide.ts); said here before anyone is registered.
        errors.push({ field: 'apprehendedAt', message: 'arrest.apprehendedAt.future' });
      } else if (
        now.getTime() - Date.parse(apprehendedAt) > services.rules.actualTimeMaxGapHours * 3_600_000 &&
        values.confirmTime !== 'yes'
      ) {
        // kz.custody.actual-time: a late record is lawful but flagged; the officer confirms the time first.
        warning = 'late';
        errors.push({ field: 'confirmTime', message: 'arrest.confirmTime.required' });
      }

      // The arrest's own fields, checked with the service's schema before anyone is registered.
      const arrest = {
        personId: 'pending',
        facilityId,
        apprehendedAt: apprehendedAt || now.toISOString(),
        place: values.place ?? '',
        grounds: values.grounds ?? '',
        arrestingOfficer: values.arrestingOfficer ?? '',
        orderingAuthority: optional(values.orderingAuthority),
      };
      try {
        parseInput(ArrestInput, arrest);
      } catch (error) {
        errors.push(...verdictAsFieldErrors(error, ARREST_MESSAGES, filled));
      }

      // The person: one in the register, or a new one registered first.
      const mode = values.personMode === 'new' ? 'new' : 'existing';
      let person: PersonInput | undefined;
      // Whether an id names anyone is not said here: the service answers alike for a person out of
      // reach and for nobody (issue 17), and so does the form.
      let identityDocument: ReturnType<typeof heldDocumentFrom>;
      if (mode === 'existing') {
        const personId = (values.personId ?? '').trim();
        if (personId === '') errors.push({ field: 'personId', message: 'arrest.personId.required' });
        else if (!ID_PATTERN.test(personId))
          errors.push({ field: 'personId', message: 'arrest.personId.invalid' });
        identityDocument = heldDocumentFrom(values);
      } else {
        const birthDate = dateFromParts(
          values['birthDate-day'] ?? '',
          values['birthDate-month'] ?? '',
          values['birthDate-year'] ?? '',
        );
        const languages = languagesFrom(ticked, values.languagesOther ?? '');
        try {
          person = parseInput(PersonInput, {
            familyName: values.familyName ?? '',
            givenNames: values.givenNames ?? '',
            patronymic: optional(values.patronymic),
            birthDate,
            sex: values.sex ?? '',
            citizenship: optional(values.citizenship),
            languages: languages.length > 0 ? languages : undefined,
            identityDocuments: documentsFrom(values),
          });
        } catch (error) {
          errors.push(
            ...verdictAsFieldErrors(error, ARREST_MESSAGES, (field) =>
              field === 'birthDate' ? birthDate !== '' : filled(field),
            ),
          );
        }
      }

      const order = Object.keys(ARREST_MESSAGES);
      if (errors.length > 0 || 'problem' in acting || apprehendedAt === null || apprehendedAt === '')
        return sendArrestForm(request, reply, officer, values, {
          status: 422,
          languages: ticked,
          errors: inFormOrder(errors, order),
          warning,
        });

      let personId = (values.personId ?? '').trim();
      let registered: string | undefined;
      if (person !== undefined) {
        requireAccess(officer, 'person.create', { facilities: [acting.facilityId] });
        try {
          personId = (
            await createPerson(store, { ...person, facilityId: acting.facilityId }, officer.id, now)
          ).id;
          registered = personId;
        } catch (error) {
          const shown = verdictAsFieldErrors(error, ARREST_MESSAGES, filled);
          return sendArrestForm(request, reply, officer, values, {
            status: 422,
            languages: ticked,
            errors: inFormOrder(shown, order),
          });
        }
      }
      try {
        const custody = await registerArrest(
          services,
          officer,
          {
            ...arrest,
            personId,
            facilityId: acting.facilityId,
            apprehendedAt,
            ...(identityDocument !== undefined ? { identityDocument } : {}),
          },
          now,
        );
        return reply.redirect(`${paths.custodyEpisode(custody.id)}?recorded=registered`, 303);
      } catch (error) {
        const refused = arrestRefusal(error, values);
        const shown = refused ? [refused] : verdictAsFieldErrors(error, ARREST_MESSAGES, filled);
        // A person registered just now stays registered: the form names them from here on.
        const next = registered ? { ...values, personMode: 'existing', personId: registered } : values;
        return sendArrestForm(request, reply, officer, next, {
          status: 422,
          languages: ticked,
          errors: inFormOrder(shown, order),
          registeredPersonId: registered,
        });
      }
    },
  );

  // Findings across facilities (monitor, procurator): a register list with its total, a range of
  // days found, the CSV and the print view. Findings name no one: not a recorded read.
  app.get(
    paths.custodyFindings,
    { preHandler: requireAction(store, 'custody.findings') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'custody.findings');
      const facilities = await deskFacilities(principal);
      const found = dateRange(request.query, 'found');
      const filters: FindingFilters = {
        rule: /^[a-z0-9.-]{1,100}$/.test(queryText(request, 'rule')) ? queryText(request, 'rule') : '',
        kind: oneOf(queryText(request, 'kind'), ['flag', 'breach'] as const),
        facilityId: facilities.some((facility) => facility.id === queryText(request, 'facilityId'))
          ? queryText(request, 'facilityId')
          : '',
        foundFrom: found.from,
        foundTo: found.to,
      };
      const cursor = listCursor(request.query);
      if (cursor === null) return sendProblemPage(store, request, reply, 'bad-request');
      const mode = listMode(request.query);
      const query = {
        rule: filters.rule === '' ? undefined : filters.rule,
        kind: filters.kind === '' ? undefined : filters.kind,
        facilityId: filters.facilityId === '' ? undefined : filters.facilityId,
        found: dayBounds(found),
      };
      let list;
      try {
        list = await listRows(mode, cursor, (from, whole) =>
          listFindings(services, principal, {
            ...query,
            cursor: from,
            ...(whole ? { limit: MAX_PAGE } : {}),
          }),
        );
      } catch (error) {
        if (error instanceof InvalidInputError) return sendProblemPage(store, request, reply, 'bad-request');
        throw error;
      }
      const ctx = await pageContext(store, request);
      const canOpen = can(principal, 'custody.read');
      if (mode.csv)
        return sendCsv(
          reply,
          'custody-findings.csv',
          findingColumns(ctx.tr, { canOpen, printing: true, csv: true }),
          list.rows,
        );
      return sendPage(
        reply,
        <FindingsPage
          ctx={ctx}
          items={list.rows}
          filters={filters}
          facilities={facilities}
          list={listState(
            paths.custodyFindings,
            { ...filters },
            list,
            await countFindings(services, principal, query),
            mode,
          )}
          canOpen={canOpen}
        />,
      );
    },
  );

  // The injury referrals of the health official's facilities, the longest waiting first: a register
  // list with its total, a range of days opened, the CSV and the print view. They name people:
  // every page of them, shown or exported, is a recorded read.
  app.get(
    paths.custodyReferrals,
    { preHandler: requireAction(store, 'referral.read') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'referral.read');
      // Without a status in the address the list shows the referrals still waiting; `any` means both.
      const filters = referralFiltersOf(request.query);
      const cursor = listCursor(request.query);
      if (cursor === null) return sendProblemPage(store, request, reply, 'bad-request');
      const mode = listMode(request.query);
      const query = referralQuery(filters);
      let list;
      try {
        list = await listRows(mode, cursor, (from, whole) =>
          listReferralPage(services, principal, {
            ...query,
            cursor: from,
            ...(whole ? { limit: MAX_PAGE, purpose: exportPurpose(mode) } : {}),
          }),
        );
      } catch (error) {
        if (error instanceof InvalidInputError) return sendProblemPage(store, request, reply, 'bad-request');
        throw error;
      }
      const ctx = await pageContext(store, request);
      if (mode.csv) return sendCsv(reply, 'custody-referrals.csv', referralColumns(ctx.tr), list.rows);
      return sendPage(
        reply,
        <ReferralsPage
          ctx={ctx}
          referrals={list.rows}
          filters={filters}
          list={listState(
            paths.custodyReferrals,
            { ...filters, status: query.status },
            list,
            await countReferrals(services, principal, query),
            mode,
          )}
        />,
      );
    },
  );

  /** The episode page, with a form that came back with errors when there is one. */
  async function sendEpisode(
    request: FastifyRequest,
    reply: FastifyReply,
    custodyId: string,
    failed: FailedForm | null,
    status = 200,
  ): Promise<FastifyReply> {
    const now = clock();
    const custody = await readCustody(services, request.principal, custodyId, now);
    const ctx = await pageContext(store, request);
    const recorder = recorderOf(request.principal, custody);
    const recorded = queryText(request, 'recorded');
    return sendPage(
      reply,
      <EpisodePage
        ctx={ctx}
        custody={custody}
        now={now.toISOString()}
        recorder={recorder}
        forms={recorder === null ? [] : formsFor(custody, recorder)}
        facilities={await allFacilities()}
        failed={failed}
        recorded={failed === null && /^[a-z-]{1,40}$/.test(recorded) ? recorded : null}
        examinations={await examinationsOf(request.principal, { context: 'custody', id: custody.id })}
      />,
      status,
    );
  }

  /** Who the reader records as on this episode: the custody unit, a judge, or nobody. */
  function recorderOf(principal: Principal | null, custody: CustodyView): 'unit' | 'judge' | null {
    if (!principal || !can(principal, 'custody.record')) return null;
    if (principal.role === 'judge') return 'judge';
    return principal.facilities.includes(custody.facilityId) ? 'unit' : null;
  }

  app.get('/custody/:id', { preHandler: requireAction(store, 'custody.read') }, async (request, reply) =>
    sendEpisode(request, reply, idParam(request), null),
  );

  app.post(
    '/custody/:id/events',
    { preHandler: requireAction(store, 'custody.record') },
    async (request, reply) => {
      const custodyId = idParam(request);
      const type = formValues(request.body, ['type']).type ?? '';
      const form = safeguardForm(type);
      if (!form) return sendProblemPage(store, request, reply, 'bad-request');
      const names = safeguardFieldNames(form).filter((name) => name !== 'type');
      const prefixed = formValues(
        request.body,
        names.map((name) => fieldId(form.type, name)),
      );
      const values: FormValues = Object.fromEntries(
        names.map((name) => [name, prefixed[fieldId(form.type, name)] ?? '']),
      );
      const fail = (errors: FieldError[]) =>
        sendEpisode(
          request,
          reply,
          custodyId,
          {
            form: form.type,
            values,
            errors: errors.map((error) => ({ ...error, field: fieldId(form.type, error.field) })),
          },
          422,
        );
      const parsed = safeguardInput(form, values);
      if ('errors' in parsed) return fail(parsed.errors);
      try {
        await recordCustodyEvent(services, request.principal, custodyId, parsed.input as never, clock());
      } catch (error) {
        // The form's fields in its order: a refusal that names none is said once, at the first.
        const fields = [...form.fields.map((field) => field.name), 'at'];
        const messages: Record<string, FieldMessages> = Object.fromEntries(
          fields.map((field) => [field, SAFEGUARD_MESSAGES[field] ?? { invalid: 'custody.field.invalid' }]),
        );
        const errors = verdictAsFieldErrors(
          error,
          messages,
          (field) => (values[field] ?? '').trim() !== '',
        ).map((shown) =>
          shown.message === 'errors.refused' ? { ...shown, message: 'custody.refused' as const } : shown,
        );
        return fail(errors);
      }
      return reply.redirect(`${paths.custodyEpisode(custodyId)}?recorded=${form.type}`, 303);
    },
  );

  app.post(
    '/custody/:id/corrections',
    { preHandler: requireAction(store, 'custody.record') },
    async (request, reply) => {
      const custodyId = idParam(request);
      const prefixed = formValues(
        request.body,
        CORRECTION_FIELDS.map((name) => fieldId(CORRECTION_FORM, name)),
      );
      const values: FormValues = Object.fromEntries(
        CORRECTION_FIELDS.map((name) => [name, prefixed[fieldId(CORRECTION_FORM, name)] ?? '']),
      );
      const order = ['correctsSeq', 'field', 'toTime', 'to', 'reason'];
      const fail = (errors: FieldError[]) =>
        sendEpisode(
          request,
          reply,
          custodyId,
          {
            form: CORRECTION_FORM,
            values,
            errors: inFormOrder(errors, order).map((error) => ({
              ...error,
              field: fieldId(CORRECTION_FORM, error.field),
            })),
          },
          422,
        );
      const parsed = correctionInput(values);
      if ('errors' in parsed) return fail(parsed.errors);
      try {
        await correctCustodyEntry(services, request.principal, custodyId, parsed.input, clock());
      } catch (error) {
        const messages = {
          correctsSeq: SAFEGUARD_MESSAGES.correctsSeq!,
          field: SAFEGUARD_MESSAGES.field!,
          to: SAFEGUARD_MESSAGES.to!,
          reason: { required: 'custody.field.correctionReason.required', invalid: 'custody.field.invalid' },
        } satisfies Record<string, FieldMessages>;
        const errors = verdictAsFieldErrors(
          error,
          messages,
          (field) => (values[field] ?? '').trim() !== '',
        ).map((shown) => ({
          // A time is typed in the date-and-time input, so its error goes there.
          field: shown.field === 'to' && TIME_CORRECTABLE.has(parsed.input.field) ? 'toTime' : shown.field,
          message:
            shown.field === 'to' && TIME_CORRECTABLE.has(parsed.input.field) && error instanceof RefusedError
              ? ('custody.field.at.refused' as const)
              : shown.message === 'errors.refused'
                ? ('custody.refused' as const)
                : shown.message,
        }));
        return fail(errors);
      }
      return reply.redirect(`${paths.custodyEpisode(custodyId)}?recorded=corrected`, 303);
    },
  );

  /**
   * The interview form (kz.custody.interview): the custody unit that holds the person records
   * interviews, never a judge. The episode is read (and the read recorded) to name the person.
   */
  async function sendInterviewForm(
    request: FastifyRequest,
    reply: FastifyReply,
    custodyId: string,
    values: FormValues,
    errors: readonly FieldError[],
    status: number,
  ): Promise<FastifyReply> {
    const principal = requireAccess(request.principal, 'custody.record');
    if (principal.role === 'judge')
      throw new AccessDeniedError(403, 'interviews are recorded by the custody unit that holds the person');
    const custody = await readCustody(services, principal, custodyId, clock());
    if (recorderOf(principal, custody) !== 'unit')
      throw new AccessDeniedError(403, 'interviews are recorded by the custody unit that holds the person');
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <InterviewFormPage ctx={ctx} custody={custody} values={values} errors={errors} />,
      status,
    );
  }

  app.get(
    '/custody/:id/interviews/new',
    { preHandler: requireAction(store, 'custody.record') },
    async (request, reply) =>
      sendInterviewForm(
        request,
        reply,
        idParam(request),
        {
          'startedAt-offset': DEFAULT_OFFSET,
          'endedAt-offset': DEFAULT_OFFSET,
          recordingMediaType: DEFAULT_MEDIA_TYPE,
        },
        [],
        200,
      ),
  );

  app.post(
    '/custody/:id/interviews',
    { preHandler: requireAction(store, 'custody.record') },
    async (request, reply) => {
      const custodyId = idParam(request);
      const values = formValues(request.body, INTERVIEW_FIELDS);
      const parsed = interviewInput(values);
      if ('errors' in parsed) return sendInterviewForm(request, reply, custodyId, values, parsed.errors, 422);
      try {
        const { interview } = await recordInterview(
          services,
          request.principal,
          custodyId,
          parsed.input,
          clock(),
        );
        return reply.redirect(
          `${paths.custodyEpisode(custodyId)}?recorded=interview-recorded#interview-${interview.interviewId}`,
          303,
        );
      } catch (error) {
        const errors = formVerdict(
          error,
          INTERVIEW_MESSAGES,
          (field) => (values[field] ?? '').trim() !== '',
          (field) => interviewFormField(field, parsed.rows),
        );
        return sendInterviewForm(request, reply, custodyId, values, errors, 422);
      }
    },
  );

  // The printable record (intl.custody.record-copy), in the person's language unless `?lang=` says otherwise.
  app.get(RECORD_ROUTE, { preHandler: requireAction(store, 'custody.read') }, async (request, reply) => {
    const now = clock();
    const custody = await readCustody(
      services,
      request.principal,
      idParam(request),
      now,
      'intl.custody.record-copy: a copy for the detained person or their counsel',
    );
    const base: PageContext = await pageContext(store, request);
    const lang = recordLanguage(queryText(request, 'lang'), custody.person.languages, base.tr.lang);
    const ctx: PageContext = { ...base, tr: translator(lang) };
    return sendPage(
      reply,
      <RecordPage
        ctx={ctx}
        custody={custody}
        now={now.toISOString()}
        facilities={Object.fromEntries(
          (await allFacilities()).map((facility) => [facility.id, facility.name]),
        )}
        printedBy={request.principal?.name ?? ''}
      />,
    );
  });
}
