import { can } from '../../access/policy.js';
import type { PersonRecordView } from '../../app/registry.js';
import { SEXES } from '../../domain/registry/person.js';
import { documentKindText } from '../components/identity-document-fields.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { formatDate } from '../format.js';
import { paths } from '../paths.js';

/** One person's register entry; after registering, with the confirmation of the new id. */
export function PersonPage(props: {
  ctx: PageContext;
  person: PersonRecordView;
  registered: boolean;
}): JSX.Element {
  const { ctx, person } = props;
  const { tr } = ctx;
  const fullName = [person.familyName, person.givenNames, person.patronymic ?? '']
    .filter((part) => part !== '')
    .join(' ');
  const sex = (SEXES as readonly string[]).includes(person.sex)
    ? tr.attr(`person.sex.${person.sex as (typeof SEXES)[number]}`)
    : person.sex;
  const rows: { key: Parameters<typeof tr.t>[0]; value: string; code?: boolean }[] = [
    { key: 'person.id', value: person.id, code: true },
    { key: 'person.birthDate', value: formatDate(tr.lang, person.birthDate) },
    { key: 'person.sex', value: sex },
    { key: 'person.citizenship.short', value: person.citizenship ?? tr.attr('person.citizenship.none') },
    { key: 'person.languages.short', value: person.languages.join(', ') || tr.attr('person.languages.none') },
    {
      key: 'person.documents',
      value:
        person.identityDocuments
          .map((document) =>
            [documentKindText(tr, document.kind), document.number, document.issuedBy ?? '']
              .filter((part) => part !== '')
              .join(' '),
          )
          .join('; ') || tr.attr('custody.value.none'),
    },
  ];
  return (
    <Layout ctx={ctx} title={props.registered ? tr.attr('person.registered.title') : fullName}>
      {props.registered ? (
        <div class="panel" role="status">
          <h1 class="panel__title">{tr.t('person.registered.title')}</h1>
          <p class="panel__body">
            {tr.t('person.registered.id')}
            <br />
            <strong class="panel__id" safe>
              {person.id}
            </strong>
          </p>
        </div>
      ) : (
        ''
      )}
      {props.registered ? (
        <h2 class="heading-l" safe>
          {fullName}
        </h2>
      ) : (
        <h1 class="heading-xl" safe>
          {fullName}
        </h1>
      )}
      <dl class="summary">
        {rows.map((row) => (
          <div class="summary__row">
            <dt class="summary__key">{tr.t(row.key)}</dt>
            <dd class="summary__value">
              {row.code ? <code safe>{row.value}</code> : <span safe>{row.value}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {props.registered ? <p>{tr.t('person.registered.next')}</p> : ''}
      {can(ctx.principal, 'custody.create') ? (
        <p>
          <a class="button" href={paths.newCustodyFor(person.id)}>
            {tr.t('nav.custody.new')}
          </a>
        </p>
      ) : (
        ''
      )}
      <p>
        <a href={paths.newPerson}>{tr.t('person.registerAnother')}</a>
      </p>
    </Layout>
  );
}
