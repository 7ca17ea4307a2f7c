import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../access/policy.js';
import { authenticateToken, createToken } from '../../app/accounts.js';
import { requireAccess } from '../../app/access.js';
import { AccessDeniedError, InvalidInputError, RefusedError } from '../../app/errors.js';
import { getFacility, listFacilities } from '../../app/registry.js';
import { listFacilityRoll } from '../../app/roll.js';
import { parseInput } from '../../app/validate.js';
import { MAX_SEALED_MEDIA_BYTES } from '../../domain/complaints/inputs.js';
import { textLine } from '../../domain/registry/text.js';
import { endPageSession } from '../../http/session-cookie.js';
import { TAG_SIZE } from '../../sealing/suite.js';
import type { Store } from '../../store/types.js';
import { DEFAULT_OFFSET, offsetMinutes } from '../custody-time.js';
import { formatDate } from '../format.js';
import { formValues, inFormOrder, type FieldError, type FormValues } from '../forms.js';
import { isLang, translator, type Lang } from '../i18n.js';
import { loadKioskBundle } from '../kiosk/bundle.js';
import { clearKioskCookie, isKiosk, KIOSK_COOKIE, kioskOf, setKioskCookie } from '../kiosk/enrolment.js';
import { pageContext, requireAction, sendPage } from '../page.js';
import { ENROL_FIELDS, KioskEnrolPage } from '../pages/kiosk-enrol.js';
import { KIOSK_IDLE_SECONDS, KioskNoticePage, KioskPage } from '../pages/kiosk.js';
import { paths } from '../paths.js';

/*
 * The complaint kiosk (issue 4 item 2): the terminal's page, its enrolment, and the calls its
 * script makes (send a complaint, upload its recording, check a status, fetch the roll). The API (src/http/routes/complaints.ts) authenticates a kiosk by its bearer token;
 * the terminal's token is in an HttpOnly cookie its script cannot read (src/web/kiosk/enrolment.ts),
 * so these routes put the token on the request and hand it to the API unchanged, through the same
 * server (inject): the API's own validation, policy, rate limits, lockouts and answers apply, and
 * the kiosk adds nothing but the credential and its facility. The sealing key is public: the
 * script fetches GET /api/v1/sealing/key itself. Only ciphertext ever passes through here.
 */

/**
 * The facility's clock, on which the kiosk shows dates (issue 18 item 11): the register keeps no time
 * zone per facility, and every facility is in Kazakhstan, which has kept one, UTC+05:00, since
 * 1 March 2024 (src/web/custody-time.ts).
 */
const FACILITY_OFFSET = DEFAULT_OFFSET;

/**
 * A moment as the kiosk shows it: on the facility's clock, in the page's language ("2026 ж. 6
 * мамыр, 14:05", "6 мая 2026 г. в 14:05"), written here because a terminal's browser may lack the
 * calendar of the language (Chromium has no Kazakh one).
 */
export function kioskMoment(lang: Lang, iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
    hourCycle: 'h23',
  }).format(time + offsetMinutes(FACILITY_OFFSET) * 60_000);
}

/** The header the kiosk's script sends with its calls: a cross-site page cannot send it without CORS. */
export const KIOSK_HEADER = 'x-habeas-kiosk';

const MIN_IDLE_SECONDS = 2;
/** What a typed reference may look like before the API normalises it (letters, digits, dashes). */
const REFERENCE_TEXT = /^[0-9A-Za-z-]{1,40}$/;
const API_COMPLAINTS = '/api/v1/complaints';
/** What the script may send with a complaint (POST /api/v1/complaints); the facility is added here. */
const COMPLAINT_FIELDS = [
  'category',
  'sealed',
  'sealedFor',
  'pin',
  'complainant',
  'protectionRequested',
  'transferRequested',
] as const;

/** `?idle=` (seconds), for tests: a shorter inactivity timeout, never a longer one. */
function idleSeconds(request: FastifyRequest): number | null {
  const raw = (request.query as Record<string, unknown> | undefined)?.idle;
  if (typeof raw !== 'string' || !/^[0-9]{1,3}$/.test(raw)) return null;
  const seconds = Number(raw);
  return seconds >= MIN_IDLE_SECONDS && seconds <= KIOSK_IDLE_SECONDS ? seconds : null;
}

const ENROL_NAME = textLine(200);

/**
 * The largest recording or file the kiosk lets a person send: the bytes that, sealed (plus the
 * AEAD tag), fill the API's media limit exactly. The kiosk refuses more before sealing anything.
 */
export const KIOSK_MAX_MEDIA_BYTES = MAX_SEALED_MEDIA_BYTES - TAG_SIZE;

/** A JSON problem for the kiosk's script (RFC 9457 shape, as the API answers). */
function problem(reply: FastifyReply, status: number, detail: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify({ type: 'about:blank', title: titleOf(status), status, detail }));
}

function titleOf(status: number): string {
  return (
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      413: 'Content Too Large',
      415: 'Unsupported Media Type',
    }[status] ?? 'Error'
  );
}

export function kioskRoutes(app: FastifyInstance, store: Store): void {
  const { clock } = app.habeas;

  // --- The kiosk page --------------------------------------------------------------------------

  app.get(paths.kiosk, async (request, reply) => {
    const tr = translator(isLang(request.lang) ? request.lang : 'ru');
    // A staff session and a kiosk never share a browser: sign out first.
    if (request.principal) {
      return sendPage(
        reply,
        <KioskNoticePage
          tr={tr}
          notice="staff-session"
          csrfToken={request.pageSession?.csrfToken ?? null}
          canEnrol={can(request.principal, 'account.manage')}
        />,
        403,
      );
    }
    const kiosk = await kioskOf(request);
    const facility = kiosk ? await getFacility(store, kiosk.principal.facilities[0]) : null;
    if (!kiosk || !facility) {
      // A cookie that no longer works (revoked, forged, another role) is dropped.
      if (request.cookies[KIOSK_COOKIE] !== undefined) clearKioskCookie(reply);
      return sendPage(reply, <KioskNoticePage tr={tr} notice="not-enrolled" canEnrol={false} />, 403);
    }
    const idle = idleSeconds(request);
    const chosen = (request.query as Record<string, unknown> | undefined)?.lang;
    return sendPage(
      reply,
      <KioskPage
        tr={tr}
        facilityId={facility.id}
        facilityName={facility.name}
        start={isLang(chosen) ? 'task' : 'language'}
        idleSeconds={idle ?? KIOSK_IDLE_SECONDS}
        keep={idle === null ? '' : `&idle=${idle}`}
        maxMediaBytes={KIOSK_MAX_MEDIA_BYTES}
        offset={FACILITY_OFFSET}
      />,
    );
  });

  // The script: built by `npm run build` (scripts/build-kiosk.mjs) into dist/public/kiosk.js.
  app.get(paths.kioskScript, async (request, reply) => {
    const bundle = await loadKioskBundle();
    if (!bundle) {
      request.log.error('dist/public/kiosk.js is missing: run `npm run build` (scripts/build-kiosk.mjs)');
      return reply.code(404).type('text/plain; charset=utf-8').send('not built: npm run build');
    }
    reply.header('etag', bundle.etag).header('cache-control', 'no-cache');
    if (request.headers['if-none-match'] === bundle.etag) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(bundle.body);
  });

  // --- Enrolment (administrator) ---------------------------------------------------------------

  async function currentEnrolment(request: FastifyRequest) {
    const kiosk = await kioskOf(request);
    if (!kiosk) return null;
    const facility = await getFacility(store, kiosk.principal.facilities[0]);
    return { name: kiosk.principal.name, facility: facility?.name ?? kiosk.principal.facilities[0] };
  }

  async function showEnrol(
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: FieldError[],
    status: number,
  ) {
    const ctx = await pageContext(store, request);
    const facilities = (await listFacilities(store)).map((facility) => ({
      id: facility.id,
      name: facility.name,
    }));
    const removed = (request.query as Record<string, unknown> | undefined)?.removed === '1';
    return sendPage(
      reply,
      <KioskEnrolPage
        ctx={ctx}
        facilities={facilities}
        values={values}
        errors={errors}
        current={await currentEnrolment(request)}
        removed={removed}
      />,
      status,
    );
  }

  app.get(paths.kioskEnrol, { preHandler: requireAction(store, 'account.manage') }, async (request, reply) =>
    showEnrol(request, reply, { mode: 'new' }, [], 200),
  );

  app.post(
    paths.kioskEnrol,
    { preHandler: requireAction(store, 'account.manage') },
    async (request, reply) => {
      const admin = requireAccess(request.principal, 'account.manage');
      const values = formValues(request.body, ENROL_FIELDS);
      const errors: FieldError[] = [];
      let token: string | null = null;
      if (values.mode === 'new') {
        const facilityId = values.facilityId ?? '';
        const facility = facilityId === '' ? null : await getFacility(store, facilityId);
        if (!facility) errors.push({ field: 'facilityId', message: 'kiosk.enrol.facility.required' });
        let name: string | null = null;
        try {
          name = parseInput(ENROL_NAME, values.name ?? '');
        } catch {
          errors.push({
            field: 'name',
            message:
              (values.name ?? '').trim() === '' ? 'kiosk.enrol.name.required' : 'kiosk.enrol.name.invalid',
          });
        }
        if (facility && name !== null) {
          try {
            token = (
              await createToken(
                store,
                { name, role: 'kiosk', facilities: [facility.id], regions: [] },
                admin.id,
                clock(),
              )
            ).token;
          } catch (error) {
            if (!(error instanceof InvalidInputError || error instanceof RefusedError)) throw error;
            errors.push({ field: 'facilityId', message: 'kiosk.enrol.facility.required' });
          }
        }
      } else if (values.mode === 'existing') {
        const pasted = (values.token ?? '').trim();
        if (pasted === '') errors.push({ field: 'token', message: 'kiosk.enrol.token.required' });
        else if (isKiosk(await authenticateToken(store, pasted))) token = pasted;
        else errors.push({ field: 'token', message: 'kiosk.enrol.token.invalid' });
      } else {
        errors.push({ field: 'mode', message: 'kiosk.enrol.mode.required' });
      }
      if (token === null || errors.length > 0) {
        const shown = inFormOrder(errors, [...ENROL_FIELDS]);
        return showEnrol(request, reply, { ...values, token: '' }, shown, 422);
      }
      setKioskCookie(reply, token);
      // The terminal must not keep the administrator's session: the kiosk starts signed out.
      await endPageSession(request, reply);
      return reply.redirect(paths.kiosk, 303);
    },
  );

  app.post(
    paths.kioskUnenrol,
    { preHandler: requireAction(store, 'account.manage') },
    async (_request, reply) => {
      clearKioskCookie(reply);
      return reply.redirect(`${paths.kioskEnrol}?removed=1`, 303);
    },
  );

  // --- The script's calls, with the terminal's token -----------------------------------------

  type Kiosk = NonNullable<Awaited<ReturnType<typeof kioskOf>>>;

  /** The terminal behind a call of the kiosk's script, or null once a problem has been answered. */
  async function callingKiosk(request: FastifyRequest, reply: FastifyReply): Promise<Kiosk | null> {
    if (request.principal) {
      void problem(reply, 403, 'the kiosk does not run beside a staff session: sign out');
      return null;
    }
    if (request.headers[KIOSK_HEADER] !== '1') {
      void problem(reply, 403, `the kiosk's calls carry the ${KIOSK_HEADER} header`);
      return null;
    }
    const kiosk = await kioskOf(request);
    if (!kiosk) void problem(reply, 401, 'this terminal is not enrolled as a kiosk (or its key was revoked)');
    return kiosk;
  }

  /** The API's answer to the call made with the terminal's token, passed back as it is. */
  async function forward(
    request: FastifyRequest,
    reply: FastifyReply,
    kiosk: Kiosk,
    call: {
      method: 'GET' | 'POST';
      url: string;
      payload?: string | NodeJS.ReadableStream;
      headers?: Record<string, string>;
    },
  ): Promise<FastifyReply> {
    const response = await app.inject({
      method: call.method,
      url: call.url,
      remoteAddress: request.ip,
      headers: {
        authorization: `Bearer ${kiosk.token}`,
        'accept-language': request.lang,
        ...(typeof call.payload === 'string' ? { 'content-type': 'application/json' } : {}),
        ...call.headers,
      },
      ...(call.payload === undefined ? {} : { payload: call.payload }),
    });
    reply.code(response.statusCode).header('cache-control', 'no-store');
    for (const name of ['content-type', 'retry-after'] as const) {
      const value = response.headers[name];
      if (value !== undefined) reply.header(name, value);
    }
    return reply.send(response.rawPayload);
  }

  // The JSON calls answer in JSON, whatever goes wrong (not the pages' HTML error pages).
  void app.register(async (calls) => {
    calls.setErrorHandler(async (error: FastifyError, request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500)
        request.log.error({ err: { type: error.name, message: error.message } }, 'kiosk call failed');
      return problem(reply, status, status >= 500 ? 'the kiosk call failed' : error.message);
    });

    // POST /api/v1/complaints for the terminal's facility. The body is what the script sealed and chose.
    calls.post(paths.kioskComplaints, async (request, reply) => {
      const kiosk = await callingKiosk(request, reply);
      if (!kiosk) return reply;
      const body = request.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        return problem(reply, 400, 'a JSON object is expected');
      const sent = body as Record<string, unknown>;
      // Only the contract's fields; the facility is the terminal's, whatever the page said.
      const payload: Record<string, unknown> = { facilityId: kiosk.principal.facilities[0] };
      for (const field of COMPLAINT_FIELDS) if (Object.hasOwn(sent, field)) payload[field] = sent[field];
      // kz.allegation.conflict: "my complaint is about a procurator or an investigator". The person at
      // the terminal names the office, not its region: it is taken to be the terminal's own region's
      // (the procurator's office and investigators who act where the person is held).
      const concerns = sent.concerns as Record<string, unknown> | null | undefined;
      if (concerns !== null && typeof concerns === 'object' && !Array.isArray(concerns)) {
        const facility = await getFacility(store, kiosk.principal.facilities[0] ?? '');
        payload.concerns = { office: concerns.office, region: facility?.region };
      }
      return forward(request, reply, kiosk, {
        method: 'POST',
        url: API_COMPLAINTS,
        payload: JSON.stringify(payload),
      });
    });

    // The names of the terminal's facility's roll that the letters typed find (src/app/roll.ts, issue
    // 18 item 11: `?q=`, at least three first letters of a family name, or a shorter name whole):
    // never the whole roll, read-audited on every call, never cached. Not through the API: the roll
    // is the kiosk's own, and the principal behind the terminal's cookie is the reader.
    calls.get(paths.kioskRoll, async (request, reply) => {
      const kiosk = await callingKiosk(request, reply);
      if (!kiosk) return reply;
      const typed = (request.query as Record<string, unknown> | undefined)?.q;
      if (typeof typed !== 'string')
        return problem(reply, 400, 'send the first letters of a family name as ?q=');
      try {
        const found = await listFacilityRoll(store, kiosk.principal, typed);
        return reply
          .header('cache-control', 'no-store')
          .type('application/json; charset=utf-8')
          .send(JSON.stringify(found));
      } catch (error) {
        if (error instanceof AccessDeniedError) return problem(reply, error.status, error.message);
        if (error instanceof InvalidInputError) return problem(reply, 400, error.message);
        throw error;
      }
    });

    // POST /api/v1/complaints/{reference}/answers: the status and the answers the PIN opens (issue 18
    // item 6), the PIN in the body, never in an address. Its dates come back written out on the
    // facility's clock in the page's language (item 11): the server's, not the terminal's, calendar.
    calls.post(paths.kioskStatus, async (request, reply) => {
      const kiosk = await callingKiosk(request, reply);
      if (!kiosk) return reply;
      const body = request.body as Record<string, unknown> | null;
      const reference = body?.reference;
      const pin = body?.pin;
      const lang = isLang(body?.lang) ? body.lang : isLang(request.lang) ? request.lang : 'ru';
      if (
        typeof reference !== 'string' ||
        typeof pin !== 'string' ||
        reference.length > 40 ||
        pin.length > 16
      )
        return problem(reply, 400, 'send {reference, pin}');
      const response = await app.inject({
        method: 'POST',
        url: `${API_COMPLAINTS}/${encodeURIComponent(reference)}/answers`,
        remoteAddress: request.ip,
        headers: {
          authorization: `Bearer ${kiosk.token}`,
          'accept-language': lang,
          'content-type': 'application/json',
        },
        payload: JSON.stringify({ pin }),
      });
      reply.code(response.statusCode).header('cache-control', 'no-store');
      for (const name of ['content-type', 'retry-after'] as const) {
        const value = response.headers[name];
        if (value !== undefined) reply.header(name, value);
      }
      if (response.statusCode !== 200) return reply.send(response.rawPayload);
      const found = response.json<{
        updatedAt: string;
        answers: { answeredAt: string; text: string }[];
        case?: { number: string; status: string; since: string } | null;
      }>();
      return reply.send({
        ...found,
        updatedAtText: kioskMoment(lang, found.updatedAt),
        // Issue 20 item 7: the criminal case the allegation is in, its date in the person's language.
        case: found.case ? { ...found.case, sinceText: formatDate(lang, found.case.since) } : null,
        answers: found.answers.map((answer) => ({
          ...answer,
          answeredAtText: kioskMoment(lang, answer.answeredAt),
        })),
      });
    });

    // POST /api/v1/complaints/{reference}/media: the sealed recording or file, streamed through as it
    // came (multipart: `enc` and `file`); the API checks the terminal, the 10 minutes and the 50 MiB.
    void calls.register(async (media) => {
      media.addContentTypeParser('multipart/form-data', (_request, payload, done) => done(null, payload));
      media.post(`${paths.kioskComplaints}/:reference/media`, async (request, reply) => {
        const kiosk = await callingKiosk(request, reply);
        if (!kiosk) return reply;
        const reference = (request.params as Record<string, unknown>).reference;
        if (typeof reference !== 'string' || !REFERENCE_TEXT.test(reference))
          return problem(reply, 400, 'no such complaint reference');
        if (!String(request.headers['content-type']).startsWith('multipart/form-data'))
          return problem(reply, 415, 'send the recording or file as multipart/form-data');
        const length = request.headers['content-length'];
        return forward(request, reply, kiosk, {
          method: 'POST',
          url: `${API_COMPLAINTS}/${encodeURIComponent(reference)}/media`,
          payload: request.body as NodeJS.ReadableStream,
          headers: {
            'content-type': String(request.headers['content-type']),
            ...(length === undefined ? {} : { 'content-length': String(length) }),
          },
        });
      });
    });
  });
}
