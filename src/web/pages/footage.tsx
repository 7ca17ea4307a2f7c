import type { FacilityView } from '../../app/registry.js';
import type { FootageView, FootageViewing } from '../../app/footage.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import type { Translator } from '../i18n.js';
import { paths } from '../paths.js';

/*
 * Camera footage of a facility (issue 5 item 3): the list of recordings (camera, place, time; no
 * images), and the view of one, which is the act kz.cctv.women governs and the log records. Where
 * the reader may not view, the page says so plainly, with the rule, instead of offering a link.
 */

export interface FootageListProps {
  ctx: PageContext;
  facilities: readonly FacilityView[];
  facility: FacilityView | null;
  items: readonly FootageView[];
  nextPage: string | null;
  /** Whether the reader may view this facility's recordings, or the rule that refuses it. */
  viewing: { allowed: boolean; rule?: string | undefined };
  /** What else the reader may do here (issue 18 item 4): register, record deletions, place holds. */
  may: { register: boolean; delete: boolean; hold: boolean };
  /** A recording was just registered or its deletion recorded. */
  notice: 'registered' | 'deleted' | null;
}

function Moment(props: { tr: Translator; at: string }): JSX.Element {
  return (
    <time datetime={props.at} safe>
      {formatMoment(props.tr.lang, props.at)}
    </time>
  );
}

function WomenRefusal(props: { tr: Translator }): JSX.Element {
  return (
    <div class="warning-box" role="note">
      <p class="warning-box__text">
        <strong>{props.tr.t('footage.women.refused')}</strong> <code class="rule-id">kz.cctv.women</code>
      </p>
    </div>
  );
}

export function FootageListPage(props: FootageListProps): JSX.Element {
  const { ctx, facility } = props;
  const { tr } = ctx;
  const womenRefusal = !props.viewing.allowed && props.viewing.rule === 'kz.cctv.women';
  return (
    <Layout ctx={ctx} title={tr.attr('footage.title')}>
      {props.notice ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">
            {tr.t(props.notice === 'registered' ? 'footage.registered' : 'footage.deleted')}
          </p>
        </div>
      ) : (
        ''
      )}
      <h1 class="heading-xl">{tr.t('footage.title')}</h1>
      <p class="lead">{tr.t('footage.lead')}</p>
      {props.facilities.length > 1 ? (
        <form class="filters" method="get" action={paths.footage} aria-labelledby="footage-filter">
          <h2 class="filters__title" id="footage-filter">
            {tr.t('footage.filter')}
          </h2>
          <div class="filters__fields">
            <div class="field field--inline">
              <label class="field__label" for="facility">
                {tr.t('footage.facility')}
              </label>
              <select class="select" id="facility" name="facility">
                {props.facilities.map((option) => (
                  <option value={option.id} selected={facility?.id === option.id} safe>
                    {option.name}
                  </option>
                ))}
              </select>
            </div>
            <button class="button button--secondary filters__button" type="submit">
              {tr.t('footage.choose')}
            </button>
          </div>
        </form>
      ) : (
        ''
      )}
      {facility === null ? (
        <p class="empty">{tr.t('footage.chooseFacility')}</p>
      ) : (
        <>
          <h2 class="heading-l" safe>
            {facility.name}
          </h2>
          {props.may.register || props.may.hold ? (
            <p class="record__actions">
              {props.may.register ? (
                <a class="button" href={paths.newFootageAt(facility.id)}>
                  {tr.t('footage.register.title')}
                </a>
              ) : (
                ''
              )}{' '}
              {props.may.hold ? (
                <a class="button button--secondary" href={paths.newEvidenceHoldAt(facility.id)}>
                  {tr.t('holds.place.link')}
                </a>
              ) : (
                ''
              )}
            </p>
          ) : (
            ''
          )}
          {womenRefusal ? <WomenRefusal tr={tr} /> : ''}
          {props.items.length === 0 ? (
            <p class="empty">{tr.t('footage.empty')}</p>
          ) : (
            <div class="table-wrap" role="region" aria-labelledby="footage-caption" tabindex="0">
              <table class="table footage">
                <caption class="table__caption" id="footage-caption">
                  {tr.t('footage.caption', { count: props.items.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{tr.t('footage.camera')}</th>
                    <th scope="col">{tr.t('footage.place')}</th>
                    <th scope="col">{tr.t('footage.window')}</th>
                    <th scope="col">{tr.t('footage.retainUntil')}</th>
                    <th scope="col">{tr.t('footage.status')}</th>
                    <th scope="col">{tr.t('footage.view')}</th>
                    {props.may.delete ? <th scope="col">{tr.t('footage.retention')}</th> : ''}
                  </tr>
                </thead>
                <tbody>
                  {props.items.map((item) => (
                    <tr>
                      <td safe>{item.camera}</td>
                      <td safe>{item.place}</td>
                      <td>
                        <Moment tr={tr} at={item.from} /> – <Moment tr={tr} at={item.to} />
                      </td>
                      <td>
                        <Moment tr={tr} at={item.retainUntil} />
                      </td>
                      <td>
                        {item.status === 'deleted'
                          ? tr.t('footage.status.deleted')
                          : tr.t('footage.status.kept')}
                        {item.held ? (
                          <>
                            {' '}
                            <strong class="tag tag--flag">{tr.t('footage.held')}</strong>
                          </>
                        ) : (
                          ''
                        )}
                      </td>
                      <td>
                        {props.viewing.allowed ? (
                          <a href={paths.footageView(item.id)}>
                            {tr.t('footage.view')}
                            <span class="visually-hidden">
                              {' '}
                              <span safe>{`${item.camera}, ${item.place}`}</span>
                            </span>
                          </a>
                        ) : womenRefusal ? (
                          tr.t('footage.women.refusedShort')
                        ) : (
                          '—'
                        )}
                      </td>
                      {props.may.delete ? (
                        <td>
                          {item.status === 'kept' && !item.held ? (
                            <a href={paths.footageDeletion(item.id)}>
                              {tr.t('footage.delete.link')}
                              <span class="visually-hidden">
                                {' '}
                                <span safe>{`${item.camera}, ${item.place}`}</span>
                              </span>
                            </a>
                          ) : (
                            '—'
                          )}
                        </td>
                      ) : (
                        ''
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {props.nextPage !== null ? (
            <p>
              <a href={props.nextPage}>{tr.t('pager.next')}</a>
            </p>
          ) : (
            ''
          )}
        </>
      )}
    </Layout>
  );
}

/** One recording, viewed: the reference, where to open it, and the log entry recording the view. */
export function FootageViewPage(props: { ctx: PageContext; footage: FootageViewing }): JSX.Element {
  const { ctx, footage } = props;
  const { tr } = ctx;
  const rows: { key: Parameters<Translator['t']>[0]; value: JSX.Element | string }[] = [
    { key: 'footage.facility', value: <span safe>{footage.facilityName}</span> },
    { key: 'footage.camera', value: <span safe>{footage.camera}</span> },
    { key: 'footage.place', value: <span safe>{footage.place}</span> },
    {
      key: 'footage.window',
      value: (
        <>
          <Moment tr={tr} at={footage.from} /> – <Moment tr={tr} at={footage.to} />
        </>
      ),
    },
    { key: 'footage.retainUntil', value: <Moment tr={tr} at={footage.retainUntil} /> },
    {
      key: 'footage.status',
      value:
        (footage.status === 'deleted' ? tr.t('footage.status.deleted') : tr.t('footage.status.kept')) +
        (footage.held ? ` — ${tr.t('footage.held')}` : ''),
    },
  ];
  return (
    <Layout ctx={ctx} title={tr.attr('footage.view.title')}>
      <h1 class="heading-xl">{tr.t('footage.view.title')}</h1>
      <div class="notice" role="status">
        <p class="notice__text">{tr.t('footage.view.recorded', { seq: footage.readSeq })}</p>
      </div>
      <dl class="summary">
        {rows.map((row) => (
          <div class="summary__row">
            <dt class="summary__key">{tr.t(row.key)}</dt>
            <dd class="summary__value">{row.value}</dd>
          </div>
        ))}
      </dl>
      {footage.status === 'kept' ? (
        <p>
          {tr.t('footage.view.system', {
            camera: footage.camera,
            from: formatMoment(tr.lang, footage.from),
            to: formatMoment(tr.lang, footage.to),
          })}
        </p>
      ) : (
        ''
      )}
      <p>
        <a href={paths.footageOf(footage.facilityId)}>{tr.t('footage.back')}</a>
      </p>
    </Layout>
  );
}

/** The refusal of kz.cctv.women, said plainly (403). */
export function FootageRefusedPage(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('footage.refused.title')}>
      <h1 class="heading-xl">{tr.t('footage.refused.title')}</h1>
      <div class="warning-box" role="note">
        <p class="warning-box__text">
          <strong>{tr.t('footage.refused.text')}</strong> <code class="rule-id">kz.cctv.women</code>
        </p>
      </div>
      <p>
        <a href={paths.footage}>{tr.t('footage.back')}</a>
      </p>
    </Layout>
  );
}
