import type { FastifyInstance } from 'fastify';
import { can } from '../../access/policy.js';
import { clinicianKeyStatus } from '../../app/clinician-keys.js';
import { sealingHolder } from '../../app/sealing-session.js';
import type { Store } from '../../store/types.js';
import { summarizeCheckpoint } from '../checkpoint.js';
import { pageContext, requireAction, sendPage } from '../page.js';
import { HomePage } from '../pages/home.js';
import { LogPage } from '../pages/log.js';
import { KeyBanner } from '../pages/medical-key.js';
import { paths } from '../paths.js';
import { loadVerifier } from '../verifier-file.js';

/** The home page and the public log page (DESIGN.md "Pages": the public transparency page). */
export function publicRoutes(app: FastifyInstance, store: Store): void {
  app.get(paths.home, async (request, reply) => {
    const ctx = await pageContext(store, request);
    // Issue 19: a clinician without a signing key (or with it locked) is told so first.
    const principal = request.principal;
    const keyStatus =
      principal && can(principal, 'medical.key')
        ? await clinicianKeyStatus(
            app.habeas,
            principal,
            sealingHolder(principal, request.pageSession?.id ?? null),
          )
        : null;
    return sendPage(reply, <HomePage ctx={ctx} notice={<KeyBanner ctx={ctx} status={keyStatus} />} />);
  });

  // The stand-alone verifier: one file, no dependencies; its digest is on the log page.
  app.get(paths.verifier, async (_request, reply) => {
    const file = await loadVerifier();
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('not built: npm run build');
    return reply
      .header('cache-control', 'public, max-age=3600')
      .header('content-disposition', 'attachment; filename="habeas-verify.mjs"')
      .header('x-content-sha256', file.sha256)
      .type('text/javascript; charset=utf-8')
      .send(file.body);
  });

  app.get(paths.log, { preHandler: requireAction(store, 'log.read') }, async (request, reply) => {
    // Signs a fresh one first if the tree grew since the last (DESIGN.md "Checkpoints"); with
    // witnesses, the newest their quorum cosigned, with their cosignature lines.
    const published = (await store.size()) > 0 ? await store.publishedCheckpoint() : null;
    const note = published?.note ?? (await store.latestCheckpoint());
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <LogPage
        ctx={ctx}
        checkpoint={note}
        summary={note === null ? null : summarizeCheckpoint(note)}
        verifierKey={store.verifierKey}
        cosignatures={published?.cosignatures.length ?? 0}
        verifierSha256={(await loadVerifier())?.sha256 ?? null}
      />,
    );
  });
}
