import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../access/policy.js';
import { actingFacility } from '../../access/scopes.js';
import { requireAccess } from '../../app/access.js';
import { AccessDeniedError, InvalidInputError, NotFoundError, RefusedError } from '../../app/errors.js';
import { countReached, listReached } from '../../app/person-reach.js';
import {
  correctPerson,
  createFacility,
  createPerson,
  countFacilities,
  getFacility,
  listFacilityPage,
  readPerson,
  type FacilityQuery,
  type PersonRecordView,
} from '../../app/registry.js';
import { parseInput } from '../../app/validate.js';
import { FacilityInput } from '../../domain/registry/facility.js';
import { PersonCorrectionInput, PersonInput } from '../../domain/registry/person.js';
import type { Store } from '../../store/types.js';
import {
  fieldErrors,
  formList,
  formValues,
  inFormOrder,
  type FieldError,
  type FieldMessages,
  type FormValues,
} from '../forms.js';
import { pageContext, requireAction, sendPage, sendProblemPage } from '../page.js';
import {
  dateRange,
  dayBounds,
  exportPurpose,
  listMode,
  listState,
  readList,
  sendCsv,
} from '../list-export.js';
import { PeopleReachedPage, reachedColumns, type ReachedFilters } from '../pages/people-reached.js';
import { FacilitiesPage, FacilityPage, facilityColumns, type FacilityFilters } from '../pages/facilities.js';
import { canonicalRegion } from '../../domain/registry/regions.js';
import { FACILITY_FIELDS, FacilityFormPage } from '../pages/facility-form.js';
import { PersonPage } from '../pages/person.js';
import {
  CORRECTION_DOCUMENT_ROWS,
  CORRECTION_FIELDS,
  PersonCorrectionPage,
} from '../pages/person-correction.js';
import {
  COMMON_LANGUAGES,
  PERSON_FIELDS,
  PersonFormPage,
  type FacilityChoice,
} from '../pages/person-form.js';
import { matchColumns } from '../components/person-search.js';
import { PersonSearchPage } from '../pages/person-search.js';
import {
  DOCUMENT_ROWS,
  DOCUMENT_ROW_MESSAGES,
  documentRowFields,
  documentRowMessages,
  documentsFrom,
  onDocumentInputs,
} from '../identity-documents.js';
import { personSearchFor } from '../person-search-form.js';
import { paths } from '../paths.js';

/*
 * The registry pages. Each form goes through the same application service and the same policy as
 * the API route (src/http/routes/facilities.ts, people.ts); the page only turns the form into the
 * API's input and the service's refusal back into field errors, then redirects after success
 * (POST-redirect-GET), so a reload never registers twice.
 */

const FACILITY_MESSAGES: Record<string, FieldMessages> = {
  name: { required: 'facility.name.required', invalid: 'facility.name.invalid' },
  kind: { required: 'facility.kind.required', invalid: 'facility.kind.required' },
  population: { required: 'facility.population.required', invalid: 'facility.population.required' },
  region: { required: 'facility.region.required', invalid: 'facility.region.invalid' },
};

const PERSON_MESSAGES: Record<string, FieldMessages> = {
  facilityId: { required: 'person.facility.required', invalid: 'person.facility.invalid' },
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
};

/** Ids are opaque (src/domain/registry/text.ts): anything else cannot name a record, so it is "not found". */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function idParam(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown> | undefined)?.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new NotFoundError('no such record');
  return id;
}

function registeredFlag(request: FastifyRequest, name = 'registered'): boolean {
  return (request.query as Record<string, unknown> | undefined)?.[name] === '1';
}

/** What to say beside each field of the correction form (issue 18 item 2). */
const CORRECTION_MESSAGES: Record<string, FieldMessages> = {
  familyName: {
    required: 'person.familyName.required',
    invalid: 'person.familyName.invalid',
    refused: 'person.correct.unchanged',
  },
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
  ...documentRowMessages(CORRECTION_DOCUMENT_ROWS),
  reason: { required: 'person.correct.reason.required', invalid: 'person.correct.reason.invalid' },
};

/** The details in force as the correction form's values: what the officer corrects. */
function correctionValues(person: PersonRecordView): { values: FormValues; languages: string[] } {
  const [year = '', month = '', day = ''] = person.birthDate.split('-');
  const values: FormValues = {
    familyName: person.familyName,
    givenNames: person.givenNames,
    patronymic: person.patronymic ?? '',
    'birthDate-day': day,
    'birthDate-month': month,
    'birthDate-year': year,
    sex: person.sex,
    citizenship: person.citizenship ?? '',
    languagesOther: person.languages
      .filter((language) => !(COMMON_LANGUAGES as readonly string[]).includes(language))
      .join(', '),
  };
  person.identityDocuments.forEach((document, index) => {
    const fields = documentRowFields(index + 1);
    values[fields.kind] = document.kind;
    values[fields.number] = document.number;
    values[fields.issuedBy] = document.issuedBy ?? '';
  });
  const languages = person.languages.filter((language) =>
    (COMMON_LANGUAGES as readonly string[]).includes(language),
  );
  return { values, languages };
}

/** Rows the correction form shows: the person form's, or every row that holds a document. */
function documentRowsOf(values: FormValues): number {
  let rows = DOCUMENT_ROWS;
  for (let row = 1; row <= CORRECTION_DOCUMENT_ROWS; row++) {
    const fields = documentRowFields(row);
    if ([fields.kind, fields.number, fields.issuedBy].some((field) => (values[field] ?? '').trim() !== ''))
      rows = Math.max(rows, row);
  }
  return rows;
}

/** The service's refusal of a form as field errors; any other error is not the form's fault. */
function refusalAsFieldErrors(
  error: unknown,
  messages: Record<string, FieldMessages>,
  filled: (field: string) => boolean,
): FieldError[] {
  if (error instanceof InvalidInputError)
    return fieldErrors(onDocumentInputs(error.issues), messages, filled);
  if (error instanceof RefusedError)
    return fieldErrors(onDocumentInputs([{ field: error.field ?? '', refused: true }]), messages, filled);
  throw error;
}

/** Text or nothing: an empty optional field is left out of the input, as an API client would. */
const optional = (value: string | undefined): string | undefined => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

/** The three date inputs as YYYY-MM-DD; empty when all three are. The schema judges the rest. */
export function dateFromParts(day: string, month: string, year: string): string {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (d === '' && m === '' && y === '') return '';
  return `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** The languages ticked and typed, as BCP 47 tags for the schema to check. */
export function languagesFrom(ticked: readonly string[], other: string): string[] {
  const typed = other.split(/[\s,;]+/).filter((tag) => tag !== '');
  return [...new Set([...ticked, ...typed])];
}

export function registryRoutes(app: FastifyInstance, store: Store): void {
  const { clock } = app.habeas;

  async function facilityChoices(request: FastifyRequest): Promise<FacilityChoice[]> {
    const choices: FacilityChoice[] = [];
    for (const id of request.principal?.facilities ?? []) {
      const facility = await getFacility(store, id);
      choices.push({ id, name: facility?.name ?? id });
    }
    return choices;
  }

  // The register of facilities (a register list): filters by region, kind and the days registered,
  // the total, keyset paging, and the same rows as CSV or a print view. Facilities are no one's
  // personal data, so reading them is not recorded.
  app.get(paths.facilities, { preHandler: requireAction(store, 'facility.read') }, async (request, reply) => {
    const reader = requireAccess(request.principal, 'facility.read');
    const query = (request.query ?? {}) as Record<string, unknown>;
    const text = (name: string): string => {
      const value = query[name];
      return typeof value === 'string' ? value.trim() : '';
    };
    const range = dateRange(query, 'registered');
    const filters: FacilityFilters = {
      region: canonicalRegion(text('region')),
      kind: text('kind'),
      registeredFrom: range.from,
      registeredTo: range.to,
    };
    const service: FacilityQuery = {
      ...(filters.region !== '' ? { region: filters.region } : {}),
      ...(filters.kind !== '' ? { kind: filters.kind } : {}),
      registered: dayBounds(range),
    };
    // An unlisted region or kind, or a cursor that is not one: the request is wrong (bad request).
    const list = await readList(query, (from, whole) =>
      listFacilityPage(store, reader, { ...service, cursor: from, ...(whole ? { limit: whole.limit } : {}) }),
    );
    if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
    const { mode } = list;
    const total = mode.csv || mode.print ? list.rows.length : await countFacilities(store, reader, service);
    const ctx = await pageContext(store, request);
    if (mode.csv) return sendCsv(reply, 'facilities.csv', facilityColumns(ctx.tr), list.rows);
    return sendPage(
      reply,
      <FacilitiesPage
        ctx={ctx}
        facilities={list.rows}
        filters={filters}
        list={listState(paths.facilities, { ...filters }, list, total, mode)}
        canRegister={can(reader, 'facility.create')}
      />,
    );
  });

  app.get(
    paths.newFacility,
    { preHandler: requireAction(store, 'facility.create') },
    async (request, reply) => {
      const ctx = await pageContext(store, request);
      return sendPage(reply, <FacilityFormPage ctx={ctx} values={{}} errors={[]} />);
    },
  );

  app.post(
    paths.newFacility,
    { preHandler: requireAction(store, 'facility.create') },
    async (request, reply) => {
      const admin = requireAccess(request.principal, 'facility.create');
      const values = formValues(request.body, FACILITY_FIELDS);
      try {
        const input = parseInput(FacilityInput, values);
        const { id } = await createFacility(store, input, admin.id, clock());
        return reply.redirect(`${paths.facility(id)}?registered=1`, 303);
      } catch (error) {
        const errors = refusalAsFieldErrors(
          error,
          FACILITY_MESSAGES,
          (field) => (values[field] ?? '').trim() !== '',
        );
        const ctx = await pageContext(store, request);
        return sendPage(reply, <FacilityFormPage ctx={ctx} values={values} errors={errors} />, 422);
      }
    },
  );

  app.get(
    '/facilities/:id',
    { preHandler: requireAction(store, 'facility.read') },
    async (request, reply) => {
      const facility = await getFacility(store, idParam(request));
      if (!facility) throw new NotFoundError('no such facility');
      const ctx = await pageContext(store, request);
      return sendPage(
        reply,
        <FacilityPage ctx={ctx} facility={facility} registered={registeredFlag(request)} />,
      );
    },
  );

  app.get(paths.newPerson, { preHandler: requireAction(store, 'person.create') }, async (request, reply) => {
    const ctx = await pageContext(store, request);
    const facilities = await facilityChoices(request);
    return sendPage(
      reply,
      <PersonFormPage ctx={ctx} values={{}} languages={[]} errors={[]} facilities={facilities} />,
    );
  });

  app.post(paths.newPerson, { preHandler: requireAction(store, 'person.create') }, async (request, reply) => {
    const officer = requireAccess(request.principal, 'person.create');
    const values: FormValues = formValues(request.body, PERSON_FIELDS);
    const ticked = formList(request.body, 'languages');
    const birthDate = dateFromParts(
      values['birthDate-day'] ?? '',
      values['birthDate-month'] ?? '',
      values['birthDate-year'] ?? '',
    );
    const languages = languagesFrom(ticked, values.languagesOther ?? '');
    const candidate = {
      familyName: values.familyName ?? '',
      givenNames: values.givenNames ?? '',
      patronymic: optional(values.patronymic),
      birthDate,
      sex: values.sex ?? '',
      citizenship: optional(values.citizenship),
      languages: languages.length > 0 ? languages : undefined,
      identityDocuments: documentsFrom(values),
      facilityId: optional(values.facilityId),
    };
    const filled = (field: string): boolean =>
      field === 'birthDate' ? birthDate !== '' : (values[field] ?? '').trim() !== '';

    // The same steps as POST /api/v1/people: the schema, then the acting facility and its scope.
    const errors: FieldError[] = [];
    let input: PersonInput | undefined;
    try {
      input = parseInput(PersonInput, candidate);
    } catch (error) {
      errors.push(...refusalAsFieldErrors(error, PERSON_MESSAGES, filled));
    }
    const acting = actingFacility(officer, candidate.facilityId);
    if ('problem' in acting) {
      if (acting.problem !== 'ambiguous') throw new AccessDeniedError(403, acting.detail);
      errors.unshift({ field: 'facilityId', message: 'person.facility.required' });
    }
    if (input !== undefined && !('problem' in acting)) {
      requireAccess(officer, 'person.create', { facilities: [acting.facilityId] });
      try {
        const { id } = await createPerson(
          store,
          { ...input, facilityId: acting.facilityId },
          officer.id,
          clock(),
        );
        return reply.redirect(`${paths.person(id)}?registered=1`, 303);
      } catch (error) {
        errors.push(...refusalAsFieldErrors(error, PERSON_MESSAGES, filled));
      }
    }
    const ctx = await pageContext(store, request);
    const facilities = await facilityChoices(request);
    const shown = inFormOrder(errors, Object.keys(PERSON_MESSAGES));
    return sendPage(
      reply,
      <PersonFormPage ctx={ctx} values={values} languages={ticked} errors={shown} facilities={facilities} />,
      422,
    );
  });

  // Issue 17: the arrests and admissions that reached people registered elsewhere (monitor,
  // procurator); the service records the read, as the list names people — the CSV's and the print
  // view's too, saying why. Issue 18: a register list, with the days recorded and the total.
  app.get(paths.peopleReached, { preHandler: requireAction(store, 'reach.read') }, async (request, reply) => {
    const principal = requireAccess(request.principal, 'reach.read');
    const recorded = dateRange(request.query, 'recorded');
    const filters: ReachedFilters = { recordedFrom: recorded.from, recordedTo: recorded.to };
    const query = { recorded: dayBounds(recorded) };
    const list = await readList(request.query, (cursor, whole) =>
      listReached(store, principal, { ...query, cursor, ...whole }),
    );
    if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
    const { mode } = list;
    const ctx = await pageContext(store, request);
    const may = { openCustody: can(principal, 'custody.read'), openStay: can(principal, 'prison.read') };
    if (mode.csv) return sendCsv(reply, 'people-reached.csv', reachedColumns(ctx.tr, may), list.rows);
    return sendPage(
      reply,
      <PeopleReachedPage
        ctx={ctx}
        items={list.rows}
        filters={filters}
        list={listState(
          paths.peopleReached,
          { ...filters },
          list,
          await countReached(store, principal, query),
          mode,
        )}
        canOpenCustody={may.openCustody}
        canOpenStay={may.openStay}
      />,
    );
  });

  // Issue 18 item 10: the search of the register, within the searcher's scope. The form posts, so
  // that names and numbers never sit in an address; the answer names people, so it is read-audited.
  app.get(
    paths.peopleSearch,
    { preHandler: requireAction(store, 'person.search') },
    async (request, reply) => {
      const ctx = await pageContext(store, request);
      return sendPage(reply, <PersonSearchPage ctx={ctx} search={null} />);
    },
  );

  app.post(
    paths.peopleSearch,
    { preHandler: requireAction(store, 'person.search') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'person.search');
      // The CSV download and the print view post the search again: the same search, scope and
      // limit, recorded in the log like the page's, saying why.
      const mode = listMode(request.body);
      const whole = mode.csv || mode.print;
      const { search } = await personSearchFor(
        store,
        principal,
        request.body,
        whole ? exportPurpose(mode) : undefined,
      );
      const ctx = await pageContext(store, request);
      if (mode.csv && search.errors.length === 0)
        return sendCsv(
          reply,
          'people-found.csv',
          matchColumns({ ctx, action: paths.peopleSearch, search, lead: 'search.lead.page' }, true),
          search.matches ?? [],
        );
      return sendPage(
        reply,
        <PersonSearchPage ctx={ctx} search={search} printing={mode.print && search.errors.length === 0} />,
        search.errors.length > 0 ? 422 : 200,
      );
    },
  );

  // Every read of a person's record is recorded in the log by readPerson (who, what, when, why).
  app.get('/people/:id', { preHandler: requireAction(store, 'person.read') }, async (request, reply) => {
    const person = await readPerson(store, request.principal, idParam(request));
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <PersonPage
        ctx={ctx}
        person={person}
        registered={registeredFlag(request)}
        corrected={registeredFlag(request, 'corrected')}
      />,
    );
  });

  // Issue 18 item 2: the correction form, filled in with the details in force (reading them is a
  // read of the record, recorded), and the correction recorded beside the registration.
  app.get(
    '/people/:id/corrections',
    { preHandler: requireAction(store, 'person.correct') },
    async (request, reply) => {
      const officer = requireAccess(request.principal, 'person.correct');
      const person = await readPerson(store, officer, idParam(request), 'correction of the person’s details');
      requireAccess(officer, 'person.correct', {
        facilities: person.facilities.map((link) => link.facilityId),
      });
      const { values, languages } = correctionValues(person);
      const ctx = await pageContext(store, request);
      return sendPage(
        reply,
        <PersonCorrectionPage
          ctx={ctx}
          personId={person.id}
          name={nameOf(person)}
          values={values}
          languages={languages}
          documentRows={Math.max(DOCUMENT_ROWS, person.identityDocuments.length)}
          errors={[]}
        />,
      );
    },
  );

  app.post(
    '/people/:id/corrections',
    { preHandler: requireAction(store, 'person.correct') },
    async (request, reply) => {
      const officer = requireAccess(request.principal, 'person.correct');
      const personId = idParam(request);
      const values: FormValues = formValues(request.body, CORRECTION_FIELDS);
      const ticked = formList(request.body, 'languages');
      const birthDate = dateFromParts(
        values['birthDate-day'] ?? '',
        values['birthDate-month'] ?? '',
        values['birthDate-year'] ?? '',
      );
      // Every detail as the form states it: the service records only what differs from the register.
      const candidate = {
        familyName: values.familyName ?? '',
        givenNames: values.givenNames ?? '',
        patronymic: optional(values.patronymic) ?? null,
        birthDate,
        sex: values.sex ?? '',
        citizenship: optional(values.citizenship) ?? null,
        languages: languagesFrom(ticked, values.languagesOther ?? ''),
        identityDocuments: documentsFrom(values, CORRECTION_DOCUMENT_ROWS) ?? [],
        reason: values.reason ?? '',
      };
      const filled = (field: string): boolean =>
        field === 'birthDate' ? birthDate !== '' : (values[field] ?? '').trim() !== '';
      let errors: FieldError[];
      try {
        await correctPerson(store, officer, personId, parseInput(PersonCorrectionInput, candidate), clock());
        return reply.redirect(`${paths.person(personId)}?corrected=1`, 303);
      } catch (error) {
        if (error instanceof InvalidInputError)
          errors = fieldErrors(
            onDocumentInputs(error.issues, CORRECTION_DOCUMENT_ROWS),
            CORRECTION_MESSAGES,
            filled,
          );
        else if (error instanceof RefusedError)
          errors = fieldErrors(
            onDocumentInputs(
              [{ field: error.field === 'changes' ? 'familyName' : (error.field ?? ''), refused: true }],
              CORRECTION_DOCUMENT_ROWS,
            ),
            CORRECTION_MESSAGES,
            filled,
          );
        else throw error;
      }
      // The name in force for the heading, from the record (a read, recorded).
      const person = await readPerson(store, officer, personId, 'correction of the person’s details');
      const ctx = await pageContext(store, request);
      return sendPage(
        reply,
        <PersonCorrectionPage
          ctx={ctx}
          personId={personId}
          name={nameOf(person)}
          values={values}
          languages={ticked}
          documentRows={documentRowsOf(values)}
          errors={inFormOrder(errors, Object.keys(CORRECTION_MESSAGES))}
        />,
        422,
      );
    },
  );
}

const nameOf = (person: { familyName: string; givenNames: string; patronymic: string | null }): string =>
  [person.familyName, person.givenNames, person.patronymic ?? ''].filter((part) => part !== '').join(' ');
