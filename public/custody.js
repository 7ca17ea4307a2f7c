/* global window, document */
/*
 * Habeas: the custody pages' enhancements (DESIGN.md "Pages": everything works without JavaScript;
 * this only makes it better). Served from this server under the content security policy
 * `script-src 'self'`: no inline script, no other host.
 *
 * 1. Countdowns. Each `[data-clock]` element (src/web/components/clock.tsx) ticks every second
 *    from its `data-started-at` and `data-due-at`, counted on the server's clock (`data-now` of
 *    `#clock-texts`, so that a wrong clock in the browser does not matter), and changes its level
 *    at 75%, 90% and 100% of the allowed time (kz.custody.limit). Keep the class names, texts
 *    and icons in step with clock.tsx.
 * 2. The arrest form (src/web/pages/custody-form.tsx) warns as soon as the stated time of
 *    apprehension is more than the allowed gap before now, or in the future
 *    (kz.custody.actual-time), and asks for the confirmation before it is sent.
 * 3. The arrest form shows only the person fields of the choice made (existing or new person).
 * 4. The record copy's print button.
 */
(function () {
  'use strict';

  var LEVELS = ['running', 'warning-75', 'warning-90', 'overdue', 'breached', 'met', 'stopped'];
  /** The same 24×24 paths as LEVEL_ICON in src/web/components/clock.tsx. */
  var ICONS = {
    running:
      'M12 2a10 10 0 1 0 0 20a10 10 0 0 0 0-20zm0 2a8 8 0 1 1 0 16a8 8 0 0 1 0-16zM11 7h2v5.4l3.5 2-1 1.7L11 13.6z',
    'warning-75': 'M12 2a10 10 0 1 0 0 20a10 10 0 0 0 0-20zm-1 5h2v7h-2zm0 9h2v2h-2z',
    'warning-90': 'M12 2a10 10 0 1 0 0 20a10 10 0 0 0 0-20zm-1 5h2v7h-2zm0 9h2v2h-2z',
    overdue: 'M12 1.5 0.5 21.5h23zM11 8.5h2v7h-2zm0 9h2v2h-2z',
    breached: 'M12 1.5 0.5 21.5h23zM11 8.5h2v7h-2zm0 9h2v2h-2z',
  };
  var HOUR = 3600000;

  /** Milliseconds to add to Date.now() to get the server's time (0 when the page does not say). */
  function serverSkew(element) {
    var now = element ? Date.parse(element.getAttribute('data-now') || '') : NaN;
    return isNaN(now) ? 0 : now - Date.now();
  }

  function pad(number) {
    return number < 10 ? '0' + number : String(number);
  }

  /**
   * `47:59:59`, and from 72 hours on `29 d 23:59:59` with the clock's `data-day-unit`, as
   * formatCountdown in src/web/custody-time.ts.
   */
  function countdown(milliseconds, dayUnit) {
    var total = Math.floor(Math.abs(milliseconds) / 1000);
    var days = total * 1000 >= 72 * HOUR ? Math.floor(total / 86400) : 0;
    var time =
      pad(Math.floor((total - days * 86400) / 3600)) +
      ':' +
      pad(Math.floor((total % 3600) / 60)) +
      ':' +
      pad(total % 60);
    // No-break spaces, as formatCountdown: "6 d" never wraps away from its clock.
    return days > 0 ? days + '\u00a0' + (dayUnit || 'd') + '\u00a0' + time : time;
  }

  /**
   * The level of a clock at `now`, as clockAt (src/clocks/clock-at.ts) and clockLevel
   * (clock.tsx): past its due time a national limit is breached, another safeguard overdue.
   */
  function levelAt(started, due, now, passed, kind) {
    if (passed || now >= due) return kind === 'breach' ? 'breached' : 'overdue';
    var allowed = due - started;
    var elapsed = allowed > 0 ? (now - started) / allowed : 1;
    if (elapsed >= 0.9) return 'warning-90';
    if (elapsed >= 0.75) return 'warning-75';
    return 'running';
  }

  function startClocks() {
    var texts = document.getElementById('clock-texts');
    var clocks = document.querySelectorAll('[data-clock]');
    if (!texts || clocks.length === 0) return;
    var skew = serverSkew(texts);
    var words = {
      running: texts.getAttribute('data-running'),
      'warning-75': texts.getAttribute('data-warning-75'),
      'warning-90': texts.getAttribute('data-warning-90'),
      overdue: texts.getAttribute('data-overdue-level'),
      breached: texts.getAttribute('data-breached'),
      leftLabel: texts.getAttribute('data-left'),
      overdueLabel: texts.getAttribute('data-overdue'),
    };

    function tick() {
      var now = Date.now() + skew;
      for (var i = 0; i < clocks.length; i++) {
        var clock = clocks[i];
        var started = Date.parse(clock.getAttribute('data-started-at') || '');
        var due = Date.parse(clock.getAttribute('data-due-at') || '');
        if (isNaN(started) || isNaN(due)) continue;
        var level = levelAt(
          started,
          due,
          now,
          clock.getAttribute('data-clock') === 'breached',
          clock.getAttribute('data-kind'),
        );
        if (!clock.classList.contains('clock--' + level)) {
          for (var j = 0; j < LEVELS.length; j++) clock.classList.remove('clock--' + LEVELS[j]);
          clock.classList.add('clock--' + level);
          var text = clock.querySelector('.clock__level');
          if (text && words[level]) text.textContent = words[level];
          var path = clock.querySelector('.clock__icon path');
          if (path && ICONS[level]) path.setAttribute('d', ICONS[level]);
        }
        var label = clock.querySelector('.clock__label');
        var overdue = now >= due;
        var word = overdue ? words.overdueLabel : words.leftLabel;
        if (label && word && label.textContent !== word) label.textContent = word;
        var time = clock.querySelector('.clock__time');
        if (time) time.textContent = countdown(due - now, clock.getAttribute('data-day-unit'));
      }
    }

    tick();
    // On the next whole second, then every second, so that all clocks turn together.
    window.setTimeout(
      function () {
        tick();
        window.setInterval(tick, 1000);
      },
      1000 - ((Date.now() + skew) % 1000),
    );
  }

  /** `2025-11-27T14:30` at `+05:00` as milliseconds since the epoch; NaN when incomplete. */
  function momentOf(local, offset) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(local)) return NaN;
    if (!/^[+-]\d{2}:\d{2}$/.test(offset)) return NaN;
    return Date.parse((local.length === 16 ? local + ':00' : local) + offset);
  }

  function startArrestForm() {
    var form = document.querySelector('[data-arrest-form]');
    if (!form) return;
    var input = document.getElementById('apprehendedAt');
    var offset = document.getElementById('apprehendedAt-offset');
    var box = document.getElementById('time-warning');
    var confirm = document.getElementById('confirmTime');
    if (!input || !offset || !box || !confirm) return;
    var late = box.querySelector('[data-warning-late]');
    var future = box.querySelector('[data-warning-future]');
    var confirmation = box.querySelector('[data-warning-confirm]');
    var skew = serverSkew(form);
    var maxGap = Number(form.getAttribute('data-max-gap-hours') || '3') * HOUR;

    /** 'late', 'future' or '' for the time as typed now. */
    function problem() {
      var stated = momentOf(input.value, offset.value);
      if (isNaN(stated)) return '';
      var now = Date.now() + skew;
      if (stated - now > 60000) return 'future';
      if (now - stated > maxGap) return 'late';
      return '';
    }

    function show(kind) {
      box.hidden = kind === '';
      if (late) late.hidden = kind !== 'late';
      if (future) future.hidden = kind !== 'future';
      if (confirmation) confirmation.hidden = kind !== 'late';
      box.setAttribute('data-time-warning', kind);
    }

    function update() {
      show(problem());
    }

    input.addEventListener('input', update);
    input.addEventListener('change', update);
    offset.addEventListener('change', update);
    form.addEventListener('submit', function (event) {
      var kind = problem();
      show(kind);
      // A time long past needs the explicit confirmation; the server asks again without this script.
      if (kind === 'late' && !confirm.checked) {
        event.preventDefault();
        confirm.focus();
      }
    });
    if (input.value !== '' && box.hidden) update();
  }

  /**
   * The person fields of the choice made; without this script both are shown. Only the group's
   * own radios (named by `data-reveal-group`) choose: the radios inside a section (a new person's
   * sex) are fields of that section, not choices between sections.
   */
  function startReveal() {
    var groups = document.querySelectorAll('[data-reveal-group]');
    for (var i = 0; i < groups.length; i++) {
      (function (group) {
        var name = group.getAttribute('data-reveal-group');
        if (!name) return;
        var radios = group.querySelectorAll('input[type=radio]');
        var own = [];
        for (var r = 0; r < radios.length; r++) if (radios[r].name === name) own.push(radios[r]);
        radios = own;
        var sections = group.querySelectorAll('[data-reveal]');
        function update() {
          var chosen = '';
          for (var j = 0; j < radios.length; j++) if (radios[j].checked) chosen = radios[j].value;
          for (var k = 0; k < sections.length; k++)
            sections[k].hidden = sections[k].getAttribute('data-reveal') !== chosen;
        }
        for (var n = 0; n < radios.length; n++) radios[n].addEventListener('change', update);
        update();
      })(groups[i]);
    }
  }

  function startPrint() {
    var buttons = document.querySelectorAll('[data-print]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener('click', function () {
        window.print();
      });
    }
  }

  startClocks();
  startArrestForm();
  startReveal();
  startPrint();
})();
