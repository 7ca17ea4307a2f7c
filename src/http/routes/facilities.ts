import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAccess } from '../../app/access.js';
import { NotFoundError } from '../../app/errors.js';
import { createFacility, getFacility, listFacilities } from '../../app/registry.js';
import { FacilityInput } from '../../domain/registry/facility.js';
import { problemResponses } from '../problem.js';
import { AUTHENTICATED, Created, FacilityView, IdParams } from './schemas.js';

/** POST /facilities (admin) and the facility readers (DESIGN.md "Interfaces"). */
export const facilityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, clock } = app.habeas;

  app.post(
    '/facilities',
    {
      schema: {
        tags: ['registry'],
        summary: 'Register a facility (admin)',
        security: AUTHENTICATED,
        body: FacilityInput,
        response: { 201: Created, ...problemResponses },
      },
    },
    async (request, reply) => {
      const admin = requireAccess(request.principal, 'facility.create');
      return reply.code(201).send(await createFacility(store, request.body, admin.id, clock()));
    },
  );

  app.get(
    '/facilities',
    {
      schema: {
        tags: ['registry'],
        summary: 'List facilities',
        security: AUTHENTICATED,
        response: { 200: z.object({ facilities: z.array(FacilityView) }), ...problemResponses },
      },
    },
    async (request) => {
      requireAccess(request.principal, 'facility.read');
      return { facilities: await listFacilities(store) };
    },
  );

  app.get(
    '/facilities/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'One facility',
        security: AUTHENTICATED,
        params: IdParams,
        response: { 200: FacilityView, ...problemResponses },
      },
    },
    async (request) => {
      requireAccess(request.principal, 'facility.read');
      const facility = await getFacility(store, request.params.id);
      if (!facility) throw new NotFoundError(`there is no facility ${request.params.id}`);
      return facility;
    },
  );
};
