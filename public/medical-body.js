/* global document, Event */
/*
 * Habeas: the body diagram of the injury report's form (issue 19; src/web/components/body-diagram.tsx).
 * Without this script the diagram is a select of regions grouped by view, which the form posts; with
 * it the select is hidden (it still carries the value) and the listbox beside it, drawn by the
 * server in the reader's language, is shown: the WAI-ARIA APG single-select listbox with grouped
 * options and a roving tabindex. Tab reaches the chosen region (or the first); the up and down
 * arrows move, Home and End go to the ends, a letter goes to the next region starting with it;
 * Enter or Space chooses. A pointer chooses on the list or on the front and back outline. The
 * choice is said in words beside the outline (aria-live) and hatched on it, never by colour alone.
 * Served from this server under the content security policy `script-src 'self'`.
 */
(function () {
  'use strict';

  var maps = document.querySelectorAll('[data-body-diagram]');
  for (var m = 0; m < maps.length; m++) enhance(maps[m]);

  function enhance(map) {
    var select = map.querySelector('select');
    var plain = map.querySelector('[data-body-select]');
    var picker = map.querySelector('[data-body-picker]');
    var listbox = map.querySelector('[data-body-listbox]');
    var said = map.querySelector('[data-body-chosen]');
    if (!select || !plain || !picker || !listbox || !said) return;
    var options = Array.prototype.slice.call(listbox.querySelectorAll('[role=option]'));
    var shapes = Array.prototype.slice.call(map.querySelectorAll('[data-region]'));
    if (options.length === 0) return;

    plain.hidden = true;
    picker.hidden = false;

    var active = indexOf(select.value);
    rove(active < 0 ? 0 : active);

    function indexOf(value) {
      for (var i = 0; i < options.length; i++) if (options[i].getAttribute('data-value') === value) return i;
      return -1;
    }

    /** Only the active option is in the tab order (roving tabindex). */
    function rove(index) {
      for (var i = 0; i < options.length; i++) options[i].setAttribute('tabindex', i === index ? '0' : '-1');
      active = index;
    }

    function move(index) {
      var next = Math.max(0, Math.min(options.length - 1, index));
      rove(next);
      options[next].focus();
    }

    function choose(index) {
      var option = options[index];
      var value = option.getAttribute('data-value');
      for (var i = 0; i < options.length; i++)
        options[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      for (var s = 0; s < shapes.length; s++) {
        var chosen = shapes[s].getAttribute('data-region') === value;
        shapes[s].classList.toggle('body-map__region--chosen', chosen);
      }
      var template = said.getAttribute('data-template') || '{{place}}';
      said.textContent = template.replace('{{place}}', option.getAttribute('data-place') || '');
    }

    listbox.addEventListener('keydown', function (event) {
      var key = event.key;
      if (key === 'ArrowDown') move(active + 1);
      else if (key === 'ArrowUp') move(active - 1);
      else if (key === 'Home') move(0);
      else if (key === 'End') move(options.length - 1);
      else if (key === 'Enter' || key === ' ' || key === 'Spacebar') choose(active);
      else if (key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
        var letter = key.toLocaleLowerCase();
        for (var step = 1; step <= options.length; step++) {
          var candidate = (active + step) % options.length;
          if ((options[candidate].textContent || '').trim().toLocaleLowerCase().indexOf(letter) === 0) {
            move(candidate);
            break;
          }
        }
        return;
      } else return;
      // The keys the listbox uses neither scroll the page nor submit the form.
      event.preventDefault();
    });

    listbox.addEventListener('click', function (event) {
      var option = event.target.closest ? event.target.closest('[role=option]') : null;
      if (!option) return;
      var index = options.indexOf(option);
      move(index);
      choose(index);
    });

    for (var s = 0; s < shapes.length; s++)
      shapes[s].addEventListener('click', function (event) {
        var index = indexOf(event.currentTarget.getAttribute('data-region'));
        if (index < 0) return;
        move(index);
        choose(index);
      });

    // The error summary links to the select, hidden now: take its reader to the listbox instead.
    var links = document.querySelectorAll('a[href="#' + select.id + '"]');
    for (var l = 0; l < links.length; l++)
      links[l].addEventListener('click', function (event) {
        event.preventDefault();
        move(active);
      });
  }
})();
