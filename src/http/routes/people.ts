import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingFacility } from '../../access/scopes.js';
import { requireAccess } from '../../app/access.js';
import { Purpose } from '../../app/audit.js';
import { AccessDeniedError } from '../../app/errors.js';
import { listReached } from '../../app/person-reach.js';
import {
  DOCUMENT_MATCH_LIMIT,
  findPeopleByDocument,
  SEARCH_LIMIT,
  searchPeople,
} from '../../app/person-search.js';
import { correctPerson, createPerson, readPerson } from '../../app/registry.js';
import { IdentityDocumentRef } from '../../domain/registry/identity-document.js';
import { PersonCorrectionInput, PersonInput } from '../../domain/registry/person.js';
import { PersonSearchInput } from '../../domain/registry/search.js';
import { REACHES } from '../../domain/registry/reach.js';
import { opaqueId } from '../../domain/registry/text.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { AUTHENTICATED, Created, Cursor, IdParams, PageLimit, PersonView, Time } from './schemas.js';

export const PURPOSE_HEADER = 'x-habeas-purpose';

/**
 * POST /people (facility staff, in their scope), GET /people/{id} (audited read), the look-up by
 * identity document and the oversight list of people reached by one (issue 17), the search of the
 * register and the corrections of a person's details (issue 18).
 */
export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, clock } = app.habeas;

  app.post(
    '/people',
    {
      schema: {
        tags: ['registry'],
        summary: 'Register a person (custody officer, prison officer, governor)',
        description:
          'Officers with several facilities name the registering one in `facilityId`; it must be in their scope.',
        security: AUTHENTICATED,
        body: PersonInput,
        response: { 201: Created, ...problemResponses },
      },
    },
    async (request, reply) => {
      const officer = requireAccess(request.principal, 'person.create');
      const acting = actingFacility(officer, request.body.facilityId);
      if ('problem' in acting) {
        if (acting.problem === 'ambiguous')
          throw new HttpProblem(422, acting.detail, {
            issues: [{ field: 'body.facilityId', message: 'required: you work at several facilities' }],
          });
        throw new AccessDeniedError(403, acting.detail);
      }
      requireAccess(officer, 'person.create', { facilities: [acting.facilityId] });
      const created = await createPerson(
        store,
        { ...request.body, facilityId: acting.facilityId },
        officer.id,
        clock(),
      );
      return reply.code(201).send(created);
    },
  );

  // Issue 17 item 5: the look-up by identity document. POST, so that document numbers stay out of
  // addresses and access logs; the answer names people, so it is read-audited.
  app.post(
    '/people/lookup',
    {
      schema: {
        tags: ['registry'],
        summary:
          'Find a person by the identity document you hold (custody officer, prison officer, governor)',
        description:
          'An exact match on the document’s kind and number (spaces and hyphens ignored), at most ' +
          `${DOCUMENT_MATCH_LIMIT} people, each with only their id, names, birth date and sex — never where they are. ` +
          'Every answer that names someone is recorded in the log as a read. Register the arrest or admission ' +
          'with the same `identityDocument` to reach a person registered elsewhere.',
        security: AUTHENTICATED,
        body: IdentityDocumentRef,
        headers: z.looseObject({ [PURPOSE_HEADER]: Purpose.optional() }),
        response: {
          200: z.object({
            matches: z.array(
              z.object({
                id: z.string(),
                familyName: z.string(),
                givenNames: z.string(),
                patronymic: z.string().nullable(),
                birthDate: z.string(),
                sex: z.string(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({
      matches: await findPeopleByDocument(
        store,
        request.principal,
        request.body,
        request.headers[PURPOSE_HEADER],
      ),
    }),
  );

  // Issue 18 item 10: the search by name, birth date and identity document, within the searcher's
  // scope (src/app/person-search.ts). POST, so that names and numbers stay out of addresses.
  app.post(
    '/people/search',
    {
      schema: {
        tags: ['registry'],
        summary: 'Search the register by name, date of birth or identity document, within your scope',
        description:
          'Any of `name`, `birthDate` and `identityDocument`, together. A name or a date finds only people whose ' +
          'record you may read (and, for staff who admit, people a police custody unit handed over to your ' +
          'facility); an identity document also finds a person registered elsewhere, for the staff who register ' +
          'arrests and admissions, with `reach: "document"` — register the arrest or admission with the same ' +
          `\`identityDocument\`. At most ${SEARCH_LIMIT} people (\`more\` says there are others: say more). ` +
          'Every answer that names someone is recorded in the log as a read.',
        security: AUTHENTICATED,
        body: PersonSearchInput,
        headers: z.looseObject({ [PURPOSE_HEADER]: Purpose.optional() }),
        response: {
          200: z.object({
            matches: z.array(
              z.object({
                id: z.string(),
                familyName: z.string(),
                givenNames: z.string(),
                patronymic: z.string().nullable(),
                birthDate: z.string(),
                sex: z.string(),
                reach: z
                  .enum(['scope', 'hand-over', 'document'])
                  .describe(
                    'scope: you may open the record; hand-over: transferred to your facility by a police custody ' +
                      'unit; document: reached only by the identity document you searched for',
                  ),
                heldStayId: z.string().nullable().describe('A stay open in one of your facilities'),
                handOver: z
                  .object({ custodyId: z.string(), facilityName: z.string() })
                  .nullable()
                  .describe('The custody episode handed over to your facility, awaiting admission'),
              }),
            ),
            more: z.boolean(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => searchPeople(store, request.principal, request.body, request.headers[PURPOSE_HEADER]),
  );

  // Issue 18 item 2: a correction of a person's details is an entry beside the registration.
  app.post(
    '/people/:id/corrections',
    {
      schema: {
        tags: ['registry'],
        summary: 'Correct a person’s details (custody officer, prison officer, governor, in their scope)',
        description:
          'Give the details as they should stand (only those that change; each replaces the one on record ' +
          'whole; `null` clears a patronymic or records the person as stateless) and the `reason`. The ' +
          'correction is an entry of the person’s stream naming each detail it replaces, the value it had ' +
          'and the entry that stated it; the registration stays in the log. 422 when nothing changes.',
        security: AUTHENTICATED,
        params: IdParams,
        body: PersonCorrectionInput,
        response: {
          201: z.object({
            id: z.string().describe('The person'),
            seq: z.number().int().describe('The correction’s entry in the log'),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await correctPerson(store, request.principal, request.params.id, request.body, clock())),
  );

  app.get(
    '/people-reached',
    {
      schema: {
        tags: ['registry'],
        summary: 'Arrests and admissions of people registered elsewhere, newest first (monitor, procurator)',
        description:
          'Every arrest and admission that brought a person into a facility’s reach by an identity document or by a ' +
          'police custody unit’s hand-over, rather than from within the officer’s own scope (issue 17). ' +
          'The list names people: it is recorded in the log as a read.',
        security: AUTHENTICATED,
        querystring: z.object({
          facility: opaqueId.optional(),
          limit: PageLimit,
          cursor: Cursor,
          purpose: Purpose.optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                seq: z.number().int(),
                record: z.enum(['arrest', 'admission']),
                recordId: z.string().describe('The custody episode (arrest) or prison stay (admission)'),
                personId: z.string(),
                personName: z.string(),
                facilityId: z.string(),
                facilityName: z.string(),
                reachedBy: z.enum(REACHES),
                documentKind: z.string().nullable(),
                at: Time.describe('The apprehension or admission as stated'),
                recordedAt: Time,
                actor: z.string(),
                actorName: z.string().nullable(),
              }),
            ),
            next: z.string().nullable(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      listReached(store, request.principal, {
        facilityId: request.query.facility,
        limit: request.query.limit,
        cursor: request.query.cursor,
        purpose: request.query.purpose,
      }),
  );

  app.get(
    '/people/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'A person’s record (every read is recorded in the log)',
        description:
          'The read is appended to the log as a `record-read` entry (who, what, when, why) before the record is ' +
          'returned; state why in `X-Habeas-Purpose` or `?purpose=`, else the duty of your role is recorded.',
        security: AUTHENTICATED,
        params: IdParams,
        querystring: z.object({ purpose: Purpose.optional() }),
        headers: z.looseObject({ [PURPOSE_HEADER]: Purpose.optional() }),
        response: { 200: PersonView, ...problemResponses },
      },
    },
    async (request) => {
      const purpose = request.headers[PURPOSE_HEADER] ?? request.query.purpose;
      return readPerson(store, request.principal, request.params.id, purpose);
    },
  );
};
