/* global window, document */
/*
 * Habeas: the discipline form's explanation before submission (DESIGN.md "Pages": the form works
 * without JavaScript, where its "Check" button asks the server; this only makes it immediate).
 * Served from this server under the content security policy `script-src 'self'`.
 *
 * As the measure or the number of days changes, the form asks
 * POST /api/v1/prison/stays/{id}/discipline-check (the session's cookie and its CSRF token;
 * nothing is recorded) and writes the verdict into #discipline-verdict: the national rule that
 * would refuse the measure, with its name and why, or "lawful under national law" with the
 * international findings it would add and when it would start and end. The words come from
 * #verdict-texts in the reader's language — the reason and each finding as a sentence whose
 * {{parameters}} this fills from the answer's `code`/`params` (src/web/refusal-text.ts and
 * finding-text.ts do the same on the server); the markup is DisciplineVerdict's in
 * src/web/components/prison-parts.tsx (keep the two in step).
 */
(function () {
  'use strict';

  var form = document.querySelector('[data-discipline-form]');
  var box = document.getElementById('discipline-verdict');
  var texts = document.getElementById('verdict-texts');
  if (!form || !box || !texts || typeof window.fetch !== 'function') return;

  var url = form.getAttribute('data-check-url') || '';
  var csrfInput = form.querySelector('input[name=_csrf]');
  var csrf = csrfInput ? csrfInput.value : '';
  var daysInput = document.getElementById('days');
  var checkButton = form.querySelector('[data-check-button]');
  var lang = texts.getAttribute('data-lang') || 'ru';
  /** Measures that need a number of days (kz.discipline.punishment-block, kz.discipline.solitary). */
  var SEPARATION = ['punishment-block', 'solitary'];
  var WARNING = 'M12 1.5 0.5 21.5h23zM11 8.5h2v7h-2zm0 9h2v2h-2z';
  var SVG = 'http://www.w3.org/2000/svg';
  var sequence = 0;
  var timer = null;
  var lastFailed = false;

  var rules = {};
  var items = texts.querySelectorAll('[data-rule-id]');
  for (var i = 0; i < items.length; i++)
    rules[items[i].getAttribute('data-rule-id')] = {
      name: items[i].getAttribute('data-name') || '',
      explain: items[i].getAttribute('data-explain') || '',
      finding: items[i].getAttribute('data-finding') || '',
    };
  var refusals = {};
  var codes = texts.querySelectorAll('[data-code]');
  for (var c = 0; c < codes.length; c++)
    refusals[codes[c].getAttribute('data-code')] = codes[c].getAttribute('data-text') || '';
  var labels = {};
  var named = texts.querySelectorAll('[data-label]');
  for (var l = 0; l < named.length; l++)
    labels[named[l].getAttribute('data-label')] = named[l].getAttribute('data-text') || '';

  /** How each parameter of a sentence is said (the names of src/domain/refusals.ts and findings.ts). */
  var PARAMETERS = {
    maxDays: 'number',
    days: 'number',
    maxMonths: 'number',
    hours: 'number',
    limitDays: 'number',
    nationalMaxMonths: 'number',
    placementAt: 'moment',
    from: 'date',
    measure: 'measure',
    sanction: 'sanction',
    person: 'person',
    groups: 'group',
  };

  /** A parameter in the reader's language, or null when it cannot be said (the sentence is left out). */
  function said(name, value) {
    var kind = PARAMETERS[name];
    if (kind === 'number')
      return typeof value === 'number'
        ? new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value)
        : null;
    if (kind === 'moment')
      return typeof value === 'string' && !isNaN(Date.parse(value)) ? moment(value) : null;
    if (kind === 'date') {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
      return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
        Date.parse(value + 'T00:00:00Z'),
      );
    }
    if (kind === 'group') {
      if (!Array.isArray(value) || value.length === 0) return null;
      var groups = [];
      for (var g = 0; g < value.length; g++) {
        if (labels['group.' + value[g]] === undefined) return null;
        groups.push(labels['group.' + value[g]]);
      }
      return typeof Intl.ListFormat === 'function'
        ? new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(groups)
        : groups.join(', ');
    }
    if (kind) {
      var label = labels[kind + '.' + value];
      return label === undefined ? null : label;
    }
    return null;
  }

  /** A sentence with its {{parameters}} filled, or null. */
  function fill(sentence, params) {
    if (!sentence || !params || typeof params !== 'object') return null;
    var complete = true;
    var filled = sentence.replace(/\{\{(\w+)\}\}/g, function (_, name) {
      var value = said(name, params[name]);
      if (value === null) complete = false;
      return value === null ? '' : value;
    });
    return complete ? filled : null;
  }

  function text(name) {
    return texts.getAttribute('data-' + name) || '';
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function warningIcon() {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'verdict__icon');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '16');
    svg.setAttribute('height', '16');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var path = document.createElementNS(SVG, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('fill-rule', 'evenodd');
    path.setAttribute('d', WARNING);
    svg.appendChild(path);
    return svg;
  }

  /** A moment at Kazakhstan's +05:00 in the reader's language, as formatMoment in src/web/custody-time.ts. */
  function moment(iso) {
    var time = Date.parse(iso);
    if (isNaN(time)) return iso;
    var shifted = time + 5 * 3600000;
    var written = new Intl.DateTimeFormat(lang, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'UTC',
      hourCycle: 'h23',
    }).format(shifted);
    return written + ' (UTC+05:00)';
  }

  function timeElement(iso) {
    var node = element('time', '', moment(iso));
    node.setAttribute('datetime', iso);
    return node;
  }

  function show(kind, nodes) {
    box.className = 'verdict verdict--' + kind;
    box.setAttribute('data-verdict', kind === 'refused' ? 'refused' : kind === 'empty' ? 'empty' : 'lawful');
    while (box.firstChild) box.removeChild(box.firstChild);
    for (var n = 0; n < nodes.length; n++) box.appendChild(nodes[n]);
  }

  function message(words) {
    show('empty', [element('p', 'verdict__empty', words)]);
  }

  function detail(words) {
    var line = element('span', 'verdict__detail', text('detail') + ' ');
    line.appendChild(element('span', '', words));
    return line;
  }

  /** Every rule the measure breaks, as DisciplineVerdict in src/web/components/prison-parts.tsx shows them. */
  function refusal(result) {
    var title = element('h3', 'verdict__title');
    title.appendChild(warningIcon());
    title.appendChild(element('span', '', text('refused')));
    var breaches =
      result.breaches && result.breaches.length > 0
        ? result.breaches
        : [{ rule: result.rule, code: result.code, params: result.params }];
    if (breaches.length === 1) return show('refused', [title].concat(breach(breaches[0])));
    var count = element(
      'p',
      'verdict__count',
      text('breaches').replace('{{count}}', String(breaches.length)),
    );
    var list = element('ol', 'verdict__breaches');
    for (var b = 0; b < breaches.length; b++) {
      var item = element('li', 'verdict__breach');
      var parts = breach(breaches[b]);
      for (var p = 0; p < parts.length; p++) item.appendChild(parts[p]);
      list.appendChild(item);
    }
    show('refused', [title, count, list]);
  }

  /** One rule broken: its name and id, what it says, and why this measure breaks it. */
  function breach(result) {
    var rule = result.rule || '';
    var known = rules[rule] || { name: rule, explain: '' };
    var which = element('p', 'verdict__rule', text('rule') + ' ');
    which.appendChild(element('span', '', rule === '' ? text('none') : known.name));
    if (rule !== '') {
      which.appendChild(document.createTextNode(' '));
      which.appendChild(element('code', 'rule-id', rule));
    }
    var nodes = [which];
    if (known.explain) nodes.push(element('p', 'verdict__why', known.explain));
    var reason = result.code ? fill(refusals[result.code], result.params) : null;
    if (reason) {
      var line = element('p', 'verdict__detail', text('detail') + ' ');
      line.appendChild(element('span', '', reason));
      nodes.push(line);
    }
    return nodes;
  }

  function lawful(result) {
    var title = element('h3', 'verdict__title');
    title.appendChild(element('span', '', text('lawful')));
    var dates = element('dl', 'verdict__dates');
    if (result.startsAt) {
      var start = element('div');
      start.appendChild(element('dt', '', text('starts')));
      var startValue = element('dd');
      startValue.appendChild(timeElement(result.startsAt));
      start.appendChild(startValue);
      dates.appendChild(start);
    }
    var end = element('div');
    end.appendChild(element('dt', '', text('ends')));
    var endValue = element('dd');
    if (result.endsAt) endValue.appendChild(timeElement(result.endsAt));
    else endValue.textContent = text('no-end');
    end.appendChild(endValue);
    dates.appendChild(end);
    var nodes = [title, dates];
    var flags = result.flags || [];
    if (flags.length === 0) nodes.push(element('p', 'verdict__flags-none', text('no-flags')));
    else {
      var heading = element('p', 'verdict__flags-title');
      heading.appendChild(warningIcon());
      heading.appendChild(element('strong', '', text('flags')));
      nodes.push(heading);
      var list = element('ul', 'verdict__flags');
      for (var f = 0; f < flags.length; f++) {
        var known = rules[flags[f].rule] || { name: flags[f].rule, explain: '' };
        var item = element('li');
        item.appendChild(element('span', 'verdict__flag-name', known.name));
        item.appendChild(document.createTextNode(' '));
        item.appendChild(element('code', 'rule-id', flags[f].rule));
        item.appendChild(element('span', 'verdict__why', known.explain));
        var finding = fill(known.finding, flags[f].params);
        if (finding) item.appendChild(detail(finding));
        list.appendChild(item);
      }
      nodes.push(list);
    }
    show(flags.length === 0 ? 'lawful' : 'flagged', nodes);
  }

  function chosenMeasure() {
    var checked = form.querySelector('input[name=measure]:checked');
    return checked ? checked.value : '';
  }

  /** The check as the fields stand now; answers that arrive after a newer question are dropped. */
  function check() {
    var measure = chosenMeasure();
    var typed = daysInput ? daysInput.value.trim() : '';
    var asked = ++sequence;
    if (measure === '') return message(text('empty'));
    var body = { measure: measure };
    if (typed !== '') {
      if (!/^\d{1,4}$/.test(typed) || Number(typed) < 1) return message(text('invalid'));
      body.days = Number(typed);
    } else if (SEPARATION.indexOf(measure) >= 0) return message(text('needs-days'));
    message(text('checking'));
    window
      .fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(body),
      })
      .then(function (response) {
        return response.json().then(function (result) {
          return { status: response.status, result: result };
        });
      })
      .then(function (answer) {
        if (asked !== sequence) return;
        lastFailed = false;
        if (answer.status === 200 && answer.result.allowed === false) refusal(answer.result);
        else if (answer.status === 200) lawful(answer.result);
        else if (answer.status === 422) message(text('invalid'));
        else {
          lastFailed = true;
          message(text('failed'));
        }
      })
      .catch(function () {
        if (asked !== sequence) return;
        lastFailed = true;
        message(text('failed'));
      });
  }

  function soon() {
    if (timer !== null) window.clearTimeout(timer);
    timer = window.setTimeout(check, 300);
  }

  var radios = form.querySelectorAll('input[name=measure]');
  for (var r = 0; r < radios.length; r++) radios[r].addEventListener('change', check);
  if (daysInput) daysInput.addEventListener('input', soon);
  // The "Check" button asks at once; if the server cannot be reached this way, the form asks it.
  if (checkButton)
    checkButton.addEventListener('click', function (event) {
      if (lastFailed) return;
      event.preventDefault();
      check();
    });
})();
