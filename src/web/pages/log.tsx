import { Layout } from '../components/layout.js';
import type { CheckpointSummary } from '../checkpoint.js';
import type { PageContext } from '../context.js';
import type { MessageKey } from '../i18n.js';
import { paths } from '../paths.js';

export interface LogPageProps {
  ctx: PageContext;
  /** The newest signed checkpoint (C2SP signed note), or null before the log's first. */
  checkpoint: string | null;
  summary: CheckpointSummary | null;
  /** The C2SP verifier key (DIR/log.vkey). */
  verifierKey: string;
  /** How many of the configured witnesses cosigned the checkpoint shown. */
  cosignatures: number;
  /** SHA-256 of the stand-alone verifier this server offers, or null when it is not built. */
  verifierSha256: string | null;
}

/** Commands an auditor runs (DESIGN.md "CLI"); code, so not translated. */
const EXPORT_COMMAND = 'habeas export --data DIR --out habeas-log.jsonl';
const VERIFY_COMMAND = 'node habeas-verify.mjs habeas-log.jsonl --key log.vkey';

const API: readonly { path: string; description: MessageKey }[] = [
  { path: paths.api.checkpoint, description: 'log.api.checkpoint' },
  { path: paths.api.inclusion, description: 'log.api.inclusion' },
  { path: paths.api.consistency, description: 'log.api.consistency' },
  { path: paths.api.entries, description: 'log.api.entries' },
];

/**
 * A translated sentence (already escaped) with the names it quotes set as code: the proofs'
 * parameters («index», “size” …), the key's file name and the runtime, which no language translates.
 */
function codeTerms(sentence: string): JSX.Element {
  return sentence
    .replace(/[«“"](index|size|from|to|start|end)[»”"]/g, '<code>$1</code>')
    .replace(/\b(log\.vkey|Node\.js)/g, '<code>$1</code>');
}

/**
 * The public log page: the newest signed checkpoint, the key to check it with, and how an auditor
 * who does not trust the operator verifies the whole log offline (DESIGN.md "Integrity: the ledger").
 */
export function LogPage(props: LogPageProps): JSX.Element {
  const { ctx, summary } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('log.title')}>
      <h1 class="heading-xl">{tr.t('log.title')}</h1>
      <p class="lead">{tr.t('log.lead')}</p>

      {/* With JavaScript, htmx refreshes the checkpoint from this same page every 30 seconds. */}
      <section
        class="section"
        id="checkpoint"
        aria-labelledby="checkpoint-title"
        hx-get={paths.log}
        hx-select="#checkpoint"
        hx-target="this"
        hx-swap="outerHTML"
        hx-trigger="every 30s"
      >
        <h2 class="heading-l" id="checkpoint-title">
          {tr.t('log.checkpoint.title')}
        </h2>
        {summary && props.checkpoint !== null ? (
          <>
            <dl class="summary">
              <div class="summary__row">
                <dt class="summary__key">{tr.t('log.origin')}</dt>
                <dd class="summary__value">
                  <code safe>{summary.origin}</code>
                </dd>
              </div>
              <div class="summary__row">
                <dt class="summary__key">{tr.t('log.treeSize')}</dt>
                <dd class="summary__value" id="tree-size">
                  {String(summary.treeSize)}
                </dd>
              </div>
              <div class="summary__row">
                <dt class="summary__key">{tr.t('log.root')}</dt>
                <dd class="summary__value">
                  <code class="code--break" safe>
                    {summary.rootHash}
                  </code>
                </dd>
              </div>
            </dl>
            {props.cosignatures > 0 ? (
              <p id="cosignatures">{tr.t('log.witnesses', { count: props.cosignatures })}</p>
            ) : (
              ''
            )}
            <details class="details">
              <summary class="details__summary">{tr.t('log.signedNote')}</summary>
              <pre class="code-block" safe>
                {props.checkpoint}
              </pre>
            </details>
          </>
        ) : (
          <p>{tr.t('log.noCheckpoint')}</p>
        )}
      </section>

      <section class="section" aria-labelledby="key-title">
        <h2 class="heading-l" id="key-title">
          {tr.t('log.key.title')}
        </h2>
        <p>{tr.t('log.key.lead')}</p>
        <pre class="code-block" safe>
          {props.verifierKey}
        </pre>
      </section>

      <section class="section" aria-labelledby="audit-title">
        <h2 class="heading-l" id="audit-title">
          {tr.t('log.audit.title')}
        </h2>
        <ol class="steps">
          <li>
            <p>{tr.t('log.audit.export')}</p>
            <pre class="code-block">{EXPORT_COMMAND}</pre>
          </li>
          <li>
            <p>{codeTerms(tr.t('log.audit.key'))}</p>
          </li>
          <li>
            <p>{codeTerms(tr.t('log.audit.verifier'))}</p>
            {props.verifierSha256 !== null ? (
              <>
                <p>
                  <a href={paths.verifier} download="habeas-verify.mjs">
                    <code>habeas-verify.mjs</code>
                  </a>
                </p>
                <p>{tr.t('log.audit.verifier.digest')}</p>
                <pre class="code-block code--break" id="verifier-sha256" safe>
                  {props.verifierSha256}
                </pre>
              </>
            ) : (
              ''
            )}
          </li>
          <li>
            <p>{tr.t('log.audit.verify')}</p>
            <pre class="code-block">{VERIFY_COMMAND}</pre>
          </li>
          <li>
            <p>{tr.t('log.audit.result')}</p>
          </li>
          <li>
            <p>{tr.t('log.audit.compare')}</p>
          </li>
        </ol>
      </section>

      <section class="section" aria-labelledby="api-title">
        <h2 class="heading-l" id="api-title">
          {tr.t('log.api.title')}
        </h2>
        <p>{tr.t('log.api.lead')}</p>
        <dl class="summary summary--stacked">
          {API.map((endpoint) => (
            <div class="summary__row">
              <dt class="summary__key">
                <code class="code--break" safe>
                  {`GET ${endpoint.path}`}
                </code>
              </dt>
              <dd class="summary__value">{codeTerms(tr.t(endpoint.description))}</dd>
            </div>
          ))}
        </dl>
        <p>{tr.t('log.api.standards')}</p>
      </section>
    </Layout>
  );
}
