import type { FieldError } from '../forms.js';
import type { Translator } from '../i18n.js';
import { refusalText } from '../refusal-text.js';

/** What to say about a field: why a rule refused, when it did, else what the message key says. */
function errorText(tr: Translator, error: FieldError): JSX.Element {
  return error.refusal ? <span safe>{refusalText(tr, { reason: error.refusal })}</span> : tr.t(error.message);
}

/** `autofocus` is a global attribute (HTML § 6.6.7), though @kitajs/html types it only on form controls. */
const AUTOFOCUS = { autofocus: true } as const;

/**
 * The error summary at the top of a form (the GOV.UK / HMPPS pattern): one link per problem to its
 * field. It takes focus when the page loads (autofocus, so it needs no script) and is announced.
 */
export function ErrorSummary(props: { tr: Translator; errors: readonly FieldError[] }): JSX.Element {
  if (props.errors.length === 0) return '';
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabindex="-1"
      {...AUTOFOCUS}
    >
      <h2 id="error-summary-title" class="error-summary__title">
        {props.tr.t('errors.summary.title')}
      </h2>
      <ul class="error-summary__list">
        {props.errors.map((error) => (
          <li>
            <a href={`#${error.field}`}>{errorText(props.tr, error)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The message beside a field; the hidden prefix tells screen-reader users it is an error. */
export function FieldMessage(props: {
  tr: Translator;
  id: string;
  error: FieldError | undefined;
}): JSX.Element {
  if (!props.error) return '';
  return (
    <p class="field__error" id={`${props.id}-error`}>
      <span class="visually-hidden">{props.tr.t('errors.prefix')}</span> {errorText(props.tr, props.error)}
    </p>
  );
}
