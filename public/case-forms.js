/* global window, document */
/*
 * Habeas: the case file's documents form (issue 20, src/web/pages/case-forms.tsx). A document of a
 * file is recorded by its digest, never by its bytes (seed ¶7). Without JavaScript the procurator
 * types the SHA-256, the size and the media type from the electronic case file; with it, this
 * shows a file picker, reads the picked file in the browser, and fills the three fields from its
 * bytes with the Web Crypto API. The file input has no name and the form is urlencoded: the file
 * itself never leaves the browser. Served from this server under `script-src 'self'`.
 */
(function () {
  'use strict';

  var picker = document.querySelector('[data-digest-picker]');
  var subtle = window.crypto && window.crypto.subtle;
  if (!picker || !subtle || typeof window.FileReader !== 'function') return;

  var input = document.getElementById('digest-file');
  var status = document.getElementById('digest-status');
  var sha256 = document.getElementById('sha256');
  var size = document.getElementById('size');
  var mediaType = document.getElementById('mediaType');
  if (!input || !status || !sha256 || !size || !mediaType) return;
  picker.hidden = false;

  function hex(buffer) {
    var bytes = new Uint8Array(buffer);
    var out = '';
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return out;
  }

  function say(text) {
    status.textContent = text;
  }

  var sequence = 0;
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (!file) return;
    var mine = ++sequence;
    say(picker.getAttribute('data-computing') || '');
    var reader = new window.FileReader();
    reader.onerror = function () {
      if (mine === sequence) say(picker.getAttribute('data-failed') || '');
    };
    reader.onload = function () {
      subtle.digest('SHA-256', reader.result).then(
        function (digest) {
          if (mine !== sequence) return;
          sha256.value = hex(digest);
          size.value = String(file.size);
          // A browser that cannot tell the type leaves it empty: the procurator then types it.
          if (file.type) mediaType.value = file.type.toLowerCase();
          say(picker.getAttribute('data-done') || '');
        },
        function () {
          if (mine === sequence) say(picker.getAttribute('data-failed') || '');
        },
      );
    };
    reader.readAsArrayBuffer(file);
  });
})();
