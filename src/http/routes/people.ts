import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingFacility } from '../../access/scopes.js';
import { requireAccess } from '../../app/access.js';
import { Purpose } from '../../app/audit.js';
import { AccessDeniedError } from '../../app/errors.js';
import { createPerson, readPerson } from '../../app/registry.js';
import { PersonInput } from '../../domain/registry/person.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { AUTHENTICATED, Created, IdParams, PersonView } from './schemas.js';

export const PURPOSE_HEADER = 'x-habeas-purpose';

/** POST /people (facility staff, in their scope) and GET /people/{id} (audited read). */
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
