/* global window, document, navigator, fetch, TextEncoder, DOMParser, Event, Blob, FormData */
/*
 * Habeas: the complaint kiosk's script (issue 4 item 2). Bundled with esbuild by
 * scripts/build-kiosk.mjs into dist/public/kiosk.js and served as /static/kiosk.js, under the content
 * security policy `script-src 'self'; connect-src 'self'` (no inline script, no other host).
 *
 * The page (src/web/pages/kiosk.tsx) renders every screen in the reader's language; this script
 * shows one at a time, keeps the answers in memory only (never localStorage or sessionStorage),
 * and at "Send":
 *   1. fetches the complaints authority's public key (GET /api/v1/sealing/key) and checks its suite,
 *      and for a torture allegation the procurator's office's too (GET /api/v1/sealing/procurator-key,
 *      issue 18 item 5; while that office has none, the allegation is sealed to the authority alone);
 *   2. seals {"v":1,"text","language","writtenAt","media":[]} to each IN THIS BROWSER with the very
 *      sealing code the server uses (src/sealing/seal.ts: RFC 9180 HPKE, @hpke/core, WebCrypto);
 *   3. posts only the ciphertexts, the category, the PIN and the choices to /kiosk/complaints,
 *      which adds the terminal's kiosk key and hands it to POST /api/v1/complaints;
 *   4. with a voice or video message recorded here (MediaRecorder), or a file attached (a photo, a
 *      sound or video recording, a PDF), seals each the same way, once for each recipient, before
 *      the complaint goes (each recipient's text names its own sealed copies' SHA-256, and the
 *      file's name and kind), then uploads each to /kiosk/complaints/{reference}/media
 *      (POST /api/v1/complaints/{reference}/media) as ciphertext only: not its name, not its type;
 *   5. shows the receipt: the reference, the ledger position and a QR code carrying the reference
 *      and the inclusion proof against the signed checkpoint.
 * The status check shows, with reference and PIN, the status and the complaints authority's
 * answers, which the server opens with the key only they derive (issue 18 item 6). Dates are on
 * the facility's clock, in the page's language. The roll of names shows nobody until the person
 * has typed the first three letters of their family name (issue 18 item 11).
 * The text never leaves the browser unsealed. After two minutes without a touch (a 15-second
 * warning first), on "Finish" and on "Start again" every field is emptied and the page reloads.
 */
import QRCode from 'qrcode';
import { fromBase64, sealTo, sealedToWire, toBase64 } from '../../sealing/seal.js';
import { PUBLIC_KEY_SIZE, SEALING_INFO, SEALING_SUITE } from '../../sealing/suite.js';

/** The complaint path's screens and their step numbers (the progress line). */
const STEPS = {
  who: 1,
  roll: 1,
  number: 1,
  category: 2,
  concerns: 3,
  message: 4,
  protection: 5,
  transfer: 6,
  pin: 7,
  pin2: 8,
  review: 9,
};
const TOTAL_STEPS = 9;
/** What comes after each screen of the complaint path. */
const NEXT = {
  who: 'category',
  roll: 'category',
  number: 'category',
  category: 'concerns',
  concerns: 'message',
  message: 'protection',
  protection: 'transfer',
  transfer: 'pin',
  pin: 'pin2',
  pin2: 'review',
};
/** Screens with something to throw away, where "Start again" shows. */
const CANCELLABLE = new Set([...Object.keys(STEPS), 'failed', 'status']);
/** The inactivity warning comes this long before the page clears itself (or at half time, if sooner). */
const WARNING_MS = 15_000;
/**
 * Above this many characters the proof is left out of the QR code: 1000 characters make a code of
 * version 25 or so (117 modules at error correction M), still readable on screen and printed at
 * 6 cm, and hold the proof for a log of about a million entries (20 hashes). Beyond, the code
 * keeps the reference, the entry, the tree size and the signed root hash.
 */
const QR_MAX_CHARS = 1000;
/** From here on the code is shown larger. */
const QR_DENSE_CHARS = 400;
const PIN = /^[0-9]{4,8}$/;
const PERSON_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Crockford base32 (no I, L, O, U), as the register's complaint references. */
const REFERENCE = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{12}$/;
/** Bit rates of recordings: five minutes of video stay near 25 MB, well under the API's 50 MiB. */
const AUDIO_BITS = 64_000;
const VIDEO_BITS = 600_000;
const MEBIBYTE = 1024 * 1024;
/** The roll shows at most this many names at once; more letters narrow it. */
const ROLL_SHOWN = 60;
/** Letters of a family name typed before the roll is asked for any name (src/app/roll.ts ROLL_MIN_LETTERS). */
const ROLL_MIN_LETTERS = 3;
/** Typing pauses this long before the roll is asked: one audited question per pause, not per letter. */
const ROLL_PAUSE_MS = 300;
const TORTURE = 'torture-or-ill-treatment';

const root = document.getElementById('kiosk');
if (root) start(root);

function start(root) {
  // WebCrypto (and so sealing) exists only in a secure context: https, or the server on this machine.
  if (!window.isSecureContext || !window.crypto || !window.crypto.subtle) return;
  const texts = JSON.parse(root.getAttribute('data-texts') || '{}');
  const lang = root.getAttribute('data-lang') || 'ru';
  const facilityId = root.getAttribute('data-facility-id') || '';
  const maxText = Number(root.getAttribute('data-max-text') || '20000');
  const maxRecordSeconds = Number(root.getAttribute('data-record-seconds') || '300');
  // What seals to the API's media limit (src/web/routes/kiosk.tsx): larger is refused here, unsealed.
  const maxMedia = Number(root.getAttribute('data-max-media') || '0');
  const idleMs = Number(root.getAttribute('data-idle') || '120') * 1000;
  const warnMs = Math.min(WARNING_MS, idleMs / 2);
  const home = root.getAttribute('data-home') || '/kiosk';
  // The facility's clock (`+05:00`): dates are shown as the people there read their clocks.
  const offsetMinutes = parseOffset(root.getAttribute('data-offset') || '+00:00');
  const urls = {
    key: root.getAttribute('data-key-url') || '',
    procuratorKey: root.getAttribute('data-procurator-key-url') || '',
    submit: root.getAttribute('data-submit-url') || '',
    status: root.getAttribute('data-status-url') || '',
    roll: root.getAttribute('data-roll-url') || '',
  };

  const $ = (id) => document.getElementById(id);
  const screens = Array.from(root.querySelectorAll('[data-screen]'));
  const fill = (template, values) =>
    String(template || '').replace(/\{(\w+)\}/g, (match, name) =>
      name in values ? String(values[name]) : match,
    );

  let state = fresh();
  let current = '';
  let trail = [];
  let lastActivity = Date.now();
  let busy = false;
  let leaving = false;
  let beforeCancel = '';
  let focusBeforeIdle = null;
  /** The recording made for this complaint: {blob, kind, seconds}, or null. */
  let recording = null;
  /** The file attached to this complaint: {file, kind} (kind: image, audio, video or pdf), or null. */
  let attachment = null;
  /** While recording: the MediaRecorder, its stream, its pieces, when it started, its timer. */
  let live = null;
  /**
   * The names of the facility's roll found for the first letters typed: {key, people, more}, where
   * `key` is the letters asked (the first three, or a shorter name whole), fetched only once this
   * person has typed them and dropped with everything else; `rollAsked` counts fetches so that an
   * answer arriving after a reset or other letters is thrown away.
   */
  let roll = null;
  let rollAsked = 0;
  let rollTimer = 0;

  function fresh() {
    return {
      who: '',
      number: '',
      personId: '',
      name: '',
      category: '',
      // kz.allegation.conflict: '' (not asked yet), 'none', 'procurator' or 'investigator'.
      concerns: '',
      protection: '',
      transfer: '',
      returnToReview: false,
    };
  }

  // --- Screens --------------------------------------------------------------------------------------

  function show(name, options) {
    const push = !options || options.push !== false;
    // Leaving the message screen ends a recording in progress (it is kept, as if stopped).
    if (live && name !== 'message') stopRecording();
    if (push && current && current !== name && current !== 'sending') trail.push(current);
    current = name;
    for (const screen of screens) screen.hidden = screen.getAttribute('data-screen') !== name;
    const step = STEPS[name];
    const progress = $('kiosk-progress');
    progress.hidden = !step;
    if (step) {
      $('kiosk-progress-text').textContent = fill(texts.progress, { step, total: TOTAL_STEPS });
      const dots = $('kiosk-dots');
      dots.replaceChildren();
      for (let i = 1; i <= TOTAL_STEPS; i++) {
        const dot = document.createElement('span');
        dot.className =
          'kiosk__dot' + (i < step ? ' kiosk__dot--done' : i === step ? ' kiosk__dot--current' : '');
        dots.append(dot);
      }
    }
    $('kiosk-restart').hidden = !CANCELLABLE.has(name);
    if (name === 'review') fillReview();
    if (name === 'protection' || name === 'transfer') {
      // Whom the governor's request names: nobody, the number typed, or the name chosen.
      for (const note of root.querySelectorAll('[data-request-note]'))
        note.textContent =
          state.who === 'anonymous'
            ? texts.requestAnonymous
            : state.who === 'name'
              ? texts.requestName
              : texts.requestNamed;
    }
    window.scrollTo(0, 0);
    const screen = screens.find((candidate) => candidate.getAttribute('data-screen') === name);
    const heading = screen && screen.querySelector('.screen__title');
    if (heading) heading.focus({ preventScroll: true });
  }

  function back() {
    const previous = trail.pop();
    if (previous) show(previous, { push: false });
  }

  function forward(from) {
    if (state.returnToReview && from !== 'pin') {
      state.returnToReview = false;
      show('review');
      return;
    }
    show(NEXT[from]);
  }

  // --- Field errors -----------------------------------------------------------------------------------

  function setError(id, message) {
    const line = $(id + '-error');
    const input = $(id);
    if (line) {
      line.textContent = message || '';
      line.hidden = !message;
    }
    if (input) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  function clearErrors() {
    for (const line of root.querySelectorAll('.kiosk-error')) {
      line.textContent = '';
      line.hidden = line.id !== 'kiosk-failed-reason';
    }
    for (const input of root.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  }

  // --- The answers ----------------------------------------------------------------------------------

  function nextFrom(name) {
    if (name === 'number') {
      const number = $('kiosk-number').value.trim();
      if (!PERSON_ID.test(number)) return setError('kiosk-number', texts.numberInvalid);
      setError('kiosk-number', '');
      state.number = number;
      return forward('number');
    }
    if (name === 'message') {
      const text = $('kiosk-text').value;
      if (live) stopRecording();
      if (text.trim() === '' && !recording && !attachment)
        return setError('kiosk-text', texts.messageRequired);
      if (text.length > maxText) return setError('kiosk-text', texts.messageTooLong);
      setError('kiosk-text', '');
      return forward('message');
    }
    if (name === 'pin') {
      if (!PIN.test($('kiosk-pin').value)) return setError('kiosk-pin', texts.pinInvalid);
      setError('kiosk-pin', '');
      $('kiosk-pin2').value = '';
      setError('kiosk-pin2', '');
      state.returnToReview = false;
      return forward('pin');
    }
    if (name === 'pin2') {
      if ($('kiosk-pin2').value !== $('kiosk-pin').value) {
        $('kiosk-pin').value = '';
        $('kiosk-pin2').value = '';
        trail = trail.filter((screen) => screen !== 'pin');
        show('pin');
        return setError('kiosk-pin', texts.pinMismatch);
      }
      setError('kiosk-pin2', '');
      return forward('pin2');
    }
  }

  function fillReview() {
    const set = (field, value) => {
      const cell = root.querySelector('[data-review="' + field + '"]');
      if (cell) cell.textContent = value;
    };
    set(
      'who',
      state.who === 'number'
        ? fill(texts.number, { number: state.number })
        : state.who === 'name'
          ? fill(texts.named, { name: state.name })
          : texts.anonymous,
    );
    set('category', texts['category:' + state.category] || '');
    set('concerns', texts['concerns:' + (state.concerns || 'none')] || '');
    set('protection', state.protection === 'yes' ? texts.yes : texts.no);
    set('transfer', state.transfer === 'yes' ? texts.yes : texts.no);
    set('text', $('kiosk-text').value);
    // A recording or a file alone: no empty box where the text would be.
    const textCell = root.querySelector('[data-review="text"]');
    if (textCell) textCell.hidden = $('kiosk-text').value.trim() === '';
    const line = root.querySelector('[data-review="recording"]');
    if (line) {
      line.textContent = recording
        ? fill(recording.kind === 'video' ? texts.reviewVideo : texts.reviewAudio, {
            time: clock(recording.seconds),
          })
        : '';
      line.hidden = !recording;
    }
    // Who can open it: the complaints authority, and for a torture allegation the procurator too —
    // never for a complaint about a procurator or an investigator (kz.allegation.conflict).
    $('kiosk-review-sealed').textContent =
      state.category === TORTURE && !aboutOffice() ? texts.sealedProcurator : texts.sealedAuthority;
    const fileLine = root.querySelector('[data-review="file"]');
    if (fileLine) {
      fileLine.textContent = attachment
        ? fill(texts.fileReview, { name: attachment.file.name, about: fileAbout(attachment) })
        : '';
      fileLine.hidden = !attachment;
    }
  }

  /** kz.allegation.conflict: the complaint is about a procurator's or an investigator's own office. */
  function aboutOffice() {
    return state.concerns === 'procurator' || state.concerns === 'investigator';
  }

  // --- Sealing and sending ----------------------------------------------------------------------------

  /**
   * A published public key, refused unless it is of the suite and `info` this kiosk seals with.
   * `optional`: the procurator's office's, which may not exist yet (503): then null.
   */
  async function sealingKey(url, optional) {
    const response = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
    if (optional && response.status === 503) return null;
    if (!response.ok)
      throw new KioskError(response.status >= 500 && response.status !== 503 ? 'network' : 'key');
    const key = await response.json();
    const suite = key && key.suite;
    if (
      !suite ||
      suite.kem !== SEALING_SUITE.kem ||
      suite.kdf !== SEALING_SUITE.kdf ||
      suite.aead !== SEALING_SUITE.aead ||
      key.info !== SEALING_INFO ||
      typeof key.publicKey !== 'string'
    )
      throw new KioskError('key');
    const publicKey = fromBase64(key.publicKey);
    if (publicKey.length !== PUBLIC_KEY_SIZE) throw new KioskError('key');
    return publicKey;
  }

  /** The complaint's text sealed to one recipient, naming that recipient's sealed copies of the media. */
  async function sealText(publicKey, content, media) {
    const plaintext = new TextEncoder().encode(
      JSON.stringify({ ...content, media: media.map((item) => item.describe) }),
    );
    try {
      return sealedToWire(await sealTo(publicKey, plaintext));
    } catch {
      throw new KioskError('key');
    } finally {
      plaintext.fill(0);
    }
  }

  async function send() {
    if (busy) return;
    busy = true;
    show('sending');
    try {
      // Every complaint to the complaints authority; a torture allegation to the procurator's office
      // too, unless it is about a procurator or an investigator: that goes to the investigating
      // judge, and is never sealed to the procurator (kz.allegation.conflict).
      const recipients = [{ name: 'complaints-authority', key: await sealingKey(urls.key, false) }];
      if (state.category === TORTURE && !aboutOffice()) {
        const procuratorKey = await sealingKey(urls.procuratorKey, true);
        if (procuratorKey) recipients.push({ name: 'procurator', key: procuratorKey });
      }
      // Recording and file are sealed first, so that each sealed text can name them by their ciphertexts' hashes.
      if (attachment && fileProblem(attachment.file)) throw new KioskError('file');
      for (const recipient of recipients) {
        recipient.media = [];
        if (recording)
          recipient.media.push(
            await sealMedia(recipient.key, 'recording', recording.blob, {
              kind: recording.kind,
              seconds: recording.seconds,
            }),
          );
        if (attachment)
          recipient.media.push(
            await sealMedia(recipient.key, 'file', attachment.file, {
              kind: 'file',
              name: attachment.file.name,
            }),
          );
      }
      const content = {
        v: 1,
        text: $('kiosk-text').value,
        language: lang,
        writtenAt: new Date().toISOString(),
      };
      const [authority, procurator] = recipients;
      const body = {
        facilityId,
        category: state.category,
        sealed: await sealText(authority.key, content, authority.media),
        ...(procurator
          ? { sealedFor: { procurator: await sealText(procurator.key, content, procurator.media) } }
          : {}),
        pin: $('kiosk-pin').value,
        complainant:
          state.who === 'number'
            ? { personId: state.number }
            : state.who === 'name'
              ? { personId: state.personId }
              : null,
        // Whose office, never what it says: the region is the terminal's, added by the server.
        ...(aboutOffice() ? { concerns: { office: state.concerns } } : {}),
        protectionRequested: state.protection === 'yes',
        transferRequested: state.transfer === 'yes',
      };
      const response = await call(urls.submit, body);
      if (response.status !== 201)
        throw new KioskError(submitProblem(response.status, await problemOf(response)));
      const receipt = await response.json();
      const category = state.category;
      const toJudge = aboutOffice();
      // Each recording or file counts as sent once every recipient's copy was kept.
      const mediaSent = [];
      for (let index = 0; index < authority.media.length; index++) {
        let sent = true;
        for (const recipient of recipients)
          sent = (await uploadMedia(receipt.reference, recipient.media[index], recipient.name)) && sent;
        mediaSent.push({ what: authority.media[index].what, sent });
      }
      // Sent: nothing of the complaint stays on the page but the receipt.
      clearFields();
      state = fresh();
      showReceipt(receipt, category, mediaSent, toJudge);
    } catch (error) {
      $('kiosk-failed-reason').textContent = failure(error instanceof KioskError ? error.kind : 'network');
      show('failed', { push: false });
    } finally {
      busy = false;
      lastActivity = Date.now();
    }
  }

  /**
   * Seals a recording or a file to a recipient's key (the same HPKE as the text): the encapsulated
   * key and the ciphertext to upload, and what the sealed text says about it (`about`: its kind, and
   * a recording's length or a file's name, which only the recipient will read).
   */
  async function sealMedia(publicKey, what, blob, about) {
    let bytes;
    try {
      bytes = new Uint8Array(await blob.arrayBuffer());
    } catch {
      // A file taken away (a USB stick pulled out) or no longer readable.
      throw new KioskError(what === 'file' ? 'file' : 'network');
    }
    let sealed;
    try {
      sealed = await sealTo(publicKey, bytes);
    } catch {
      throw new KioskError('key');
    } finally {
      bytes.fill(0);
    }
    const digest = new Uint8Array(await window.crypto.subtle.digest('SHA-256', sealed.ciphertext));
    const sha256 = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
    return {
      what,
      sealed,
      describe: { sha256, type: blob.type || '', ...about, bytes: blob.size },
    };
  }

  /**
   * Uploads a sealed recording or file after the complaint: true when it was kept, false otherwise.
   * The part's file name and type are fixed: the real ones are inside the sealed text only.
   */
  async function uploadMedia(reference, media, recipient) {
    const form = new FormData();
    form.append('enc', toBase64(media.sealed.enc));
    // The procurator's copy says so; the authority's is the default.
    if (recipient === 'procurator') form.append('recipient', 'procurator');
    form.append('file', new Blob([media.sealed.ciphertext], { type: 'application/octet-stream' }), 'sealed');
    try {
      const response = await fetch(urls.submit + '/' + encodeURIComponent(reference) + '/media', {
        method: 'POST',
        headers: { 'x-habeas-kiosk': '1' },
        body: form,
        credentials: 'same-origin',
        cache: 'no-store',
      });
      return response.status === 201;
    } catch {
      return false;
    }
  }

  function call(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-habeas-kiosk': '1' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    }).catch(() => {
      throw new KioskError('network');
    });
  }

  async function problemOf(response) {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }

  function submitProblem(status, problem) {
    if (status === 401 || status === 403) return 'enrolment';
    if (status === 429 || status === 503) return 'busy';
    if (status === 400 || status === 404 || status === 422) {
      const about = JSON.stringify(problem || {});
      if (/complainant|person/i.test(about)) return 'number';
      return 'refused';
    }
    if (status === 413) return 'refused';
    return 'network';
  }

  function failure(kind) {
    return (
      {
        key: texts.errorKey,
        number: texts.errorNumber,
        refused: texts.errorRefused,
        enrolment: texts.errorEnrolment,
        busy: texts.errorBusy,
        file: texts.errorFile,
      }[kind] || texts.errorNetwork
    );
  }

  // --- The receipt ------------------------------------------------------------------------------------

  function showReceipt(receipt, category, mediaSent, toJudge) {
    const reference = String(receipt.reference || '');
    const box = $('kiosk-reference');
    box.replaceChildren();
    for (const group of groups(reference)) {
      const span = document.createElement('span');
      span.className = 'receipt__group';
      span.textContent = group;
      box.append(span);
    }
    box.setAttribute('aria-label', reference.split('').join(' '));
    $('kiosk-seq').textContent = fill(texts.seq, { seq: receipt.seq });
    $('kiosk-procurator').hidden = category !== 'torture-or-ill-treatment' || toJudge;
    $('kiosk-judge').hidden = !toJudge;
    const mediaLine = $('kiosk-media');
    const words = {
      recording: { true: texts.mediaSent, false: texts.mediaFailed },
      file: { true: texts.fileSent, false: texts.fileFailed },
    };
    mediaLine.textContent = mediaSent.map(({ what, sent }) => words[what][String(sent)]).join(' ');
    mediaLine.hidden = mediaSent.length === 0;
    mediaLine.classList.toggle(
      'kiosk-error',
      mediaSent.some(({ sent }) => !sent),
    );
    const qr = qrPayload(receipt);
    $('kiosk-qr-text').textContent = qr.full ? texts.qrFull : texts.qrShort;
    drawQr(qr.text, reference);
    show('receipt', { push: false });
    trail = [];
  }

  /** The reference in groups of four, as printed: ABCD-EFGH-JKMN. */
  function groups(reference) {
    const parts = reference.split('-').filter((part) => part !== '');
    if (parts.length > 1) return parts;
    return reference.match(/.{1,4}/g) || [reference];
  }

  /**
   * The QR code's text: `habeas:r=<reference>;s=<seq>;n=<tree size>;t=<root hash>;p=<proof hashes>`,
   * hashes in unpadded base64url joined by dots. With the log's verifier key, the signed checkpoint
   * of size n (GET /api/v1/log/checkpoint, cosigned by the witnesses) and the complaint's entry at
   * seq (in the receipt the terminal received; the national oversight bodies read the same entry in
   * the log), anyone can check that this complaint is in the register. When the proof would make
   * the code too dense to scan, it keeps r, s, n and t only.
   */
  function qrPayload(receipt) {
    const proof = receipt.inclusionProof || {};
    const lines = String(receipt.checkpoint || '').split('\n');
    const size = proof.size !== undefined ? proof.size : lines[1];
    const root = lines[2] ? compact(lines[2]) : '';
    const head = 'habeas:r=' + receipt.reference + ';s=' + receipt.seq + ';n=' + size + ';t=' + root;
    const hashes = Array.isArray(proof.hashes) ? proof.hashes.map(compact) : [];
    const full = head + ';p=' + hashes.join('.');
    return full.length <= QR_MAX_CHARS ? { text: full, full: true } : { text: head, full: false };
  }

  function compact(base64) {
    return String(base64).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function drawQr(text, reference) {
    const holder = $('kiosk-qr');
    holder.replaceChildren();
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
      .then((markup) => {
        const svg = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
        if (svg.nodeName !== 'svg') return;
        const node = document.importNode(svg, true);
        node.setAttribute('role', 'img');
        node.setAttribute('aria-label', fill(texts.qrLabel, { reference }));
        node.setAttribute('class', 'receipt__qr-code');
        node.setAttribute('data-qr', text);
        if (text.length > QR_DENSE_CHARS) node.setAttribute('data-dense', '');
        holder.append(node);
      })
      .catch(() => holder.replaceChildren());
  }

  // --- The roll of names -------------------------------------------------------------------------------

  /**
   * The letters the roll is asked for: the first three of the family name typed, or a shorter name
   * whole; null before anything is typed (then no name is asked for, nor shown).
   */
  function rollKey(typed) {
    const letters = Array.from(typed);
    if (letters.length === 0) return null;
    return letters.length >= ROLL_MIN_LETTERS ? letters.slice(0, ROLL_MIN_LETTERS).join('') : typed;
  }

  /** The roll screen opens empty: no name before the person types theirs (issue 18 item 11). */
  function openRoll() {
    $('kiosk-roll-filter').value = '';
    dropRoll();
    $('kiosk-roll-status').textContent = texts.rollTypeMore;
  }

  /** After a pause in typing: the names for the letters typed, asked once for each first three letters. */
  async function updateRoll() {
    const typed = folded($('kiosk-roll-filter').value);
    const key = rollKey(typed);
    if (key === null) {
      roll = null;
      rollAsked++;
      return renderRoll();
    }
    if (roll && roll.key === key) return renderRoll();
    const asked = ++rollAsked;
    $('kiosk-roll-status').textContent = texts.rollLoading;
    try {
      const response = await fetch(urls.roll + '?q=' + encodeURIComponent(key), {
        headers: { 'x-habeas-kiosk': '1' },
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (!response.ok) throw new KioskError('network');
      const answer = await response.json();
      if (asked !== rollAsked) return; // reset, or other letters, meanwhile
      roll = {
        key,
        people: Array.isArray(answer && answer.people) ? answer.people : [],
        more: Boolean(answer && answer.more),
      };
      renderRoll();
    } catch {
      if (asked !== rollAsked) return;
      $('kiosk-roll-list').replaceChildren();
      $('kiosk-roll-status').textContent = texts.rollFailed;
    } finally {
      lastActivity = Date.now();
    }
  }

  /** Letters compared without case, with Ё as Е (as people type it). */
  function folded(text) {
    return String(text || '')
      .trim()
      .toLocaleLowerCase(lang)
      .replace(/ё/g, 'е');
  }

  /** The names whose family name starts with the letters typed, as touch-sized buttons. */
  function renderRoll() {
    const list = $('kiosk-roll-list');
    list.replaceChildren();
    const typed = folded($('kiosk-roll-filter').value);
    const short = Array.from(typed).length < ROLL_MIN_LETTERS;
    const found =
      roll && roll.key === rollKey(typed)
        ? roll.people.filter((person) => folded(person.familyName).startsWith(typed))
        : [];
    for (const person of found.slice(0, ROLL_SHOWN)) {
      const item = document.createElement('li');
      item.className = 'roll__item';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'roll__person';
      button.setAttribute('data-action', 'person');
      button.setAttribute('data-value', String(person.personId));
      button.textContent = nameOf(person);
      item.append(button);
      list.append(item);
    }
    $('kiosk-roll-more').hidden = !(found.length > ROLL_SHOWN || (roll && roll.more && found.length > 0));
    $('kiosk-roll-status').textContent =
      found.length > 0
        ? fill(texts.rollShown, { count: found.length })
        : short
          ? texts.rollTypeMore
          : texts.rollEmpty;
  }

  /** "Абенов Е. К.": the family name and the initials, as the roll gives them. */
  function nameOf(person) {
    return (String(person.familyName || '') + ' ' + String(person.givenInitials || '')).trim();
  }

  function choosePerson(personId) {
    const person = roll && roll.people.find((candidate) => String(candidate.personId) === personId);
    if (!person || !PERSON_ID.test(personId)) return;
    state.who = 'name';
    state.personId = personId;
    state.name = nameOf(person);
    state.number = '';
    $('kiosk-number').value = '';
    forward('roll');
  }

  /** Forgets the roll: the list, the filter and what was fetched. */
  function dropRoll() {
    roll = null;
    rollAsked++;
    window.clearTimeout(rollTimer);
    $('kiosk-roll-list').replaceChildren();
    $('kiosk-roll-status').textContent = '';
    $('kiosk-roll-more').hidden = true;
  }

  // --- Status check -----------------------------------------------------------------------------------

  /** What was typed as a reference, in the register's form (XXXX-XXXX-XXXX), or null. */
  function normaliseReference(typed) {
    const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
    return REFERENCE.test(plain) ? plain.slice(0, 4) + '-' + plain.slice(4, 8) + '-' + plain.slice(8) : null;
  }

  async function check() {
    if (busy) return;
    const reference = normaliseReference($('kiosk-reference-input').value);
    const pin = $('kiosk-status-pin').value;
    const failed = $('kiosk-status-error');
    failed.hidden = true;
    let problem = false;
    if (reference === null) {
      setError('kiosk-reference-input', texts.referenceInvalid);
      problem = true;
    } else setError('kiosk-reference-input', '');
    if (!PIN.test(pin)) {
      setError('kiosk-status-pin', texts.pinInvalid);
      problem = true;
    } else setError('kiosk-status-pin', '');
    if (problem) return;
    busy = true;
    $('kiosk-check').setAttribute('aria-disabled', 'true');
    try {
      const response = await call(urls.status, { reference, pin, lang });
      $('kiosk-status-pin').value = '';
      if (response.ok) {
        const status = await response.json();
        $('kiosk-result-reference').textContent = String(status.reference || reference);
        $('kiosk-result-status').textContent =
          texts['status:' + status.status] || fill(texts.statusOther, { status: status.status });
        $('kiosk-result-date').textContent = fill(texts.statusUpdated, {
          date: status.updatedAtText || when(status.updatedAt),
        });
        // Issue 20 item 7: once the allegation is in a criminal case, its number and where it stands.
        const inCase = status.case;
        $('kiosk-result-case').hidden = !inCase;
        $('kiosk-result-case').textContent = inCase
          ? fill(texts.caseLine, {
              number: String(inCase.number),
              status: texts['case:' + inCase.status] || String(inCase.status),
              date: String(inCase.sinceText || inCase.since),
            })
          : '';
        showAnswers(
          Array.isArray(status.answers) ? status.answers : [],
          Number(status.unreadableAnswers) || 0,
        );
        $('kiosk-reference-input').value = '';
        show('result', { push: false });
        return;
      }
      failed.textContent =
        response.status === 404
          ? texts.statusNotFound
          : response.status === 429
            ? texts.statusLocked
            : response.status === 503
              ? texts.errorBusy
              : response.status === 401 || response.status === 403
                ? texts.errorEnrolment
                : texts.errorNetwork;
      failed.hidden = false;
    } catch {
      $('kiosk-status-pin').value = '';
      failed.textContent = texts.errorNetwork;
      failed.hidden = false;
    } finally {
      busy = false;
      $('kiosk-check').removeAttribute('aria-disabled');
      lastActivity = Date.now();
    }
  }

  /**
   * The complaints authority's answers, as text (never markup), each with its date: only what the
   * server opened with the key that this reference and PIN derive (issue 18 item 6).
   */
  function showAnswers(answers, unreadable) {
    const list = $('kiosk-result-answers');
    list.replaceChildren();
    for (const answer of answers) {
      const item = document.createElement('li');
      item.className = 'answers-read__item';
      const date = document.createElement('p');
      date.className = 'answers-read__date';
      date.textContent = fill(texts.answerDate, { date: answer.answeredAtText || when(answer.answeredAt) });
      const text = document.createElement('div');
      text.className = 'answers-read__text';
      text.setAttribute('tabindex', '0');
      text.textContent = String(answer.text || '');
      item.append(date, text);
      list.append(item);
    }
    $('kiosk-answers').hidden = answers.length === 0;
    $('kiosk-answers-unreadable').hidden = unreadable === 0;
  }

  /**
   * A moment on the facility's clock, in the page's language, when the server did not write it out
   * (the kiosk's calls do: a browser may lack the language's calendar).
   */
  function when(iso) {
    const time = Date.parse(iso);
    if (Number.isNaN(time)) return String(iso || '');
    try {
      return new Intl.DateTimeFormat(lang, {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'UTC',
        hourCycle: 'h23',
      }).format(time + offsetMinutes * 60_000);
    } catch {
      return new Date(time).toISOString();
    }
  }

  // --- Clearing -----------------------------------------------------------------------------------------

  function clearFields() {
    dropRecording();
    dropAttachment();
    dropRoll();
    for (const field of root.querySelectorAll('input, textarea')) field.value = '';
    for (const cell of root.querySelectorAll('[data-review]')) cell.textContent = '';
    // An answer read here is not left on the screen for the next person.
    $('kiosk-result-answers').replaceChildren();
    $('kiosk-answers').hidden = true;
    $('kiosk-result-case').replaceChildren();
    $('kiosk-result-case').hidden = true;
    clearErrors();
  }

  /** Empties everything and starts again from a fresh page (nothing of this person stays in memory). */
  function reset() {
    if (leaving) return;
    leaving = true;
    clearFields();
    state = fresh();
    for (const id of [
      'kiosk-qr',
      'kiosk-reference',
      'kiosk-seq',
      'kiosk-result-reference',
      'kiosk-result-status',
      'kiosk-result-date',
      'kiosk-result-case',
      'kiosk-result-answers',
    ])
      $(id).replaceChildren();
    $('kiosk-result-case').hidden = true;
    $('kiosk-answers').hidden = true;
    $('kiosk-idle').hidden = true;
    trail = [];
    show('language', { push: false });
    window.location.replace(home);
  }

  // --- Inactivity ---------------------------------------------------------------------------------------

  function tick() {
    if (leaving || busy || current === 'language') return;
    // Someone speaking to the camera is not idle.
    if (live) lastActivity = Date.now();
    const quiet = Date.now() - lastActivity;
    const dialog = $('kiosk-idle');
    if (quiet >= idleMs) {
      reset();
    } else if (quiet >= idleMs - warnMs) {
      $('kiosk-idle-body').textContent = fill(texts.idleBody, {
        seconds: Math.ceil((idleMs - quiet) / 1000),
      });
      if (dialog.hidden) {
        focusBeforeIdle = document.activeElement;
        dialog.hidden = false;
        $('kiosk-stay').focus();
      }
    } else if (!dialog.hidden) {
      hideIdle();
    }
  }

  function hideIdle() {
    $('kiosk-idle').hidden = true;
    if (focusBeforeIdle && typeof focusBeforeIdle.focus === 'function' && root.contains(focusBeforeIdle))
      focusBeforeIdle.focus({ preventScroll: true });
    focusBeforeIdle = null;
  }

  function activity() {
    lastActivity = Date.now();
    if (!$('kiosk-idle').hidden) hideIdle();
  }

  for (const type of ['pointerdown', 'keydown', 'input', 'touchstart', 'wheel'])
    document.addEventListener(type, activity, { capture: true, passive: true });
  window.setInterval(tick, 250);
  // Leaving the page (or coming back to it from the history) never shows an earlier person's answers.
  window.addEventListener('pagehide', clearFields);
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) reset();
  });

  // --- Actions -----------------------------------------------------------------------------------------

  function press(key, target) {
    const input = $(target);
    if (!input) return;
    if (key === 'clear') input.value = '';
    else if (key === 'erase') input.value = input.value.slice(0, -1);
    else if (/^[0-9]$/.test(key) && input.value.length < 8) input.value += key;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  root.addEventListener('click', (event) => {
    const button = event.target instanceof window.Element ? event.target.closest('[data-action]') : null;
    if (!button || !root.contains(button)) return;
    const action = button.getAttribute('data-action');
    const value = button.getAttribute('data-value') || '';
    switch (action) {
      case 'language':
        clearFields(); // the link reloads the page in the chosen language
        return;
      case 'go':
        show(value);
        return;
      case 'task':
        clearFields();
        state = fresh();
        trail = ['task'];
        current = '';
        show(value === 'status' ? 'status' : 'who', { push: false });
        return;
      case 'who':
        if (value === 'name') {
          // No name is shown, nor asked for, until the person types the first letters of theirs.
          show('roll');
          openRoll();
        } else if (value === 'number') {
          state.who = value;
          state.personId = '';
          state.name = '';
          show('number');
        } else {
          state.who = 'anonymous';
          state.number = '';
          state.personId = '';
          state.name = '';
          $('kiosk-number').value = '';
          forward('who');
        }
        return;
      case 'person':
        choosePerson(value);
        return;
      case 'category':
        state.category = value;
        forward('category');
        return;
      case 'concerns':
        state.concerns = value === 'procurator' || value === 'investigator' ? value : 'none';
        forward('concerns');
        return;
      case 'protection':
      case 'transfer':
        state[action] = value;
        forward(action);
        return;
      case 'next':
        nextFrom(current);
        return;
      case 'back':
        back();
        return;
      case 'change':
        state.returnToReview = true;
        show(value);
        return;
      case 'send':
        void send();
        return;
      case 'print':
        window.print();
        return;
      case 'finish':
        reset();
        return;
      case 'cancel':
        beforeCancel = current;
        show('cancel', { push: false });
        return;
      case 'cancel-no':
        show(beforeCancel || 'task', { push: false });
        return;
      case 'stay':
        activity();
        return;
      case 'key':
        press(button.getAttribute('data-key') || '', button.getAttribute('data-target') || '');
        return;
      case 'check':
        void check();
        return;
      case 'record':
        void startRecording(value === 'video' ? 'video' : 'audio');
        return;
      case 'record-stop':
        stopRecording();
        return;
      case 'record-delete':
        dropRecording();
        return;
      case 'attach-remove':
        dropAttachment();
        $('kiosk-file').focus();
        return;
    }
  });

  // An on-screen keyboard's "Go" (Enter) on a one-line field moves on, as the button beside it would.
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.target instanceof window.HTMLInputElement)) return;
    if (event.target.type === 'file') return; // Enter there opens the file picker
    event.preventDefault();
    if (current === 'status') void check();
    else nextFrom(current);
  });

  // Typing clears the field's error.
  root.addEventListener('input', (event) => {
    const field = event.target;
    if (field && field.id === 'kiosk-roll-filter') {
      window.clearTimeout(rollTimer);
      rollTimer = window.setTimeout(() => void updateRoll(), ROLL_PAUSE_MS);
    }
    if (field && field.id && field.getAttribute('aria-invalid')) setError(field.id, '');
  });

  // --- Recording ---------------------------------------------------------------------------------------

  const canRecord = Boolean(
    navigator.mediaDevices &&
    typeof navigator.mediaDevices.getUserMedia === 'function' &&
    window.MediaRecorder,
  );
  $('kiosk-record').hidden = !canRecord;
  $('kiosk-text-only').hidden = canRecord;

  /** `m:ss`. */
  function clock(seconds) {
    const whole = Math.max(0, Math.round(seconds));
    return Math.floor(whole / 60) + ':' + String(whole % 60).padStart(2, '0');
  }

  function recordParts(mode) {
    $('kiosk-record-start').hidden = mode !== 'start';
    $('kiosk-record-live').hidden = mode !== 'live';
    $('kiosk-record-done').hidden = mode !== 'done';
    // The stop button, or the player and "delete", in sight.
    if (mode !== 'start' && current === 'message') $('kiosk-record').scrollIntoView({ block: 'nearest' });
  }

  function recordError(message) {
    const line = $('kiosk-record-error');
    line.textContent = message || '';
    line.hidden = !message;
  }

  function mimeFor(kind) {
    const candidates =
      kind === 'video'
        ? ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4']
        : ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];
    return candidates.find((type) => window.MediaRecorder.isTypeSupported(type)) || '';
  }

  async function startRecording(kind) {
    if (live) return;
    recordError('');
    dropRecording();
    $('kiosk-record-time').textContent = '';
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia(
        kind === 'video'
          ? { audio: true, video: { width: { ideal: 640 }, height: { ideal: 480 } } }
          : { audio: true },
      );
    } catch {
      recordError(texts.recordFailed);
      return;
    }
    const mimeType = mimeFor(kind);
    let recorder;
    try {
      recorder = new window.MediaRecorder(stream, {
        ...(mimeType ? { mimeType } : {}),
        audioBitsPerSecond: AUDIO_BITS,
        ...(kind === 'video' ? { videoBitsPerSecond: VIDEO_BITS } : {}),
      });
    } catch {
      for (const track of stream.getTracks()) track.stop();
      recordError(texts.recordFailed);
      return;
    }
    const session = { recorder, stream, kind, chunks: [], startedAt: Date.now(), timer: 0 };
    live = session;
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data && event.data.size > 0) session.chunks.push(event.data);
    });
    recorder.addEventListener('stop', () => {
      for (const track of stream.getTracks()) track.stop();
      window.clearInterval(session.timer);
      const camera = $('kiosk-record-camera');
      camera.srcObject = null;
      camera.hidden = true;
      if (live !== session) return; // thrown away (reset, delete)
      live = null;
      const blob = new Blob(session.chunks, { type: recorder.mimeType || mimeType || '' });
      session.chunks = [];
      if (blob.size === 0 || blob.size > maxMedia) {
        // Stopped before anything was recorded (or, at these bit rates never, too large): start again.
        recordParts('start');
        if (blob.size > 0) recordError(texts.recordFailed);
        return;
      }
      recording = {
        blob,
        kind,
        seconds: (Date.now() - session.startedAt) / 1000,
        url: URL.createObjectURL(blob),
      };
      showRecording();
    });
    const camera = $('kiosk-record-camera');
    if (kind === 'video') {
      camera.srcObject = stream;
      camera.hidden = false;
      void camera.play().catch(() => undefined);
    }
    recorder.start(1000);
    const update = () => {
      const seconds = (Date.now() - session.startedAt) / 1000;
      $('kiosk-record-time').textContent = fill(texts.recording, {
        time: clock(seconds),
        max: clock(maxRecordSeconds),
      });
      if (seconds >= maxRecordSeconds) stopRecording();
    };
    update();
    session.timer = window.setInterval(update, 250);
    recordParts('live');
    setError('kiosk-text', '');
  }

  function stopRecording() {
    if (live && live.recorder.state !== 'inactive') live.recorder.stop();
  }

  function showRecording() {
    const player = $('kiosk-record-player');
    player.replaceChildren();
    const element = document.createElement(recording.kind === 'video' ? 'video' : 'audio');
    element.controls = true;
    element.src = recording.url;
    element.className = 'record__playback';
    element.setAttribute(
      'aria-label',
      fill(recording.kind === 'video' ? texts.reviewVideo : texts.reviewAudio, {
        time: clock(recording.seconds),
      }),
    );
    player.append(element);
    $('kiosk-record-summary').textContent = fill(texts.recorded, { time: clock(recording.seconds) });
    recordParts('done');
  }

  /** Forgets the recording (and stops one in progress): the camera goes off, the blob is released. */
  function dropRecording() {
    if (live) {
      const session = live;
      live = null;
      window.clearInterval(session.timer);
      if (session.recorder.state !== 'inactive') session.recorder.stop();
      for (const track of session.stream.getTracks()) track.stop();
    }
    if (recording) {
      URL.revokeObjectURL(recording.url);
      recording = null;
    }
    $('kiosk-record-player').replaceChildren();
    if (canRecord) recordParts('start');
  }

  // --- Attaching a file ------------------------------------------------------------------------------

  /** The kind of an attachable file by its type: image, audio, video, pdf, or null (refused). */
  function fileKind(type) {
    if (type === 'application/pdf') return 'pdf';
    const major = String(type || '').split('/')[0];
    return major === 'image' || major === 'audio' || major === 'video' ? major : null;
  }

  /** "340 КБ", "12,5 МБ": sizes in the page's language. */
  function size(bytes) {
    const number = (value, digits) => {
      try {
        return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
      } catch {
        return String(Math.round(value));
      }
    };
    return bytes < MEBIBYTE
      ? fill(texts.sizeKB, { size: number(Math.max(1, Math.ceil(bytes / 1024)), 0) })
      : fill(texts.sizeMB, { size: number(bytes / MEBIBYTE, 1) });
  }

  function fileAbout(chosen) {
    return (texts['fileKind:' + chosen.kind] || '') + ', ' + size(chosen.file.size);
  }

  /** Why a chosen file cannot be sent (in words for the person), or '' when it can. */
  function fileProblem(file) {
    if (!fileKind(file.type)) return texts.fileWrongType;
    if (file.size === 0) return texts.fileEmpty;
    if (file.size > maxMedia) return fill(texts.fileTooLarge, { size: size(file.size), max: size(maxMedia) });
    return '';
  }

  function attachParts(chosen) {
    $('kiosk-attach-start').hidden = chosen;
    $('kiosk-attach-done').hidden = !chosen;
  }

  /**
   * A file was chosen: kept (name, kind and size shown) or refused with the reason, before any
   * sealing. The File is kept in memory only; the input is emptied, so that the same file can be
   * chosen again after "remove".
   */
  function chooseFile(input) {
    const file = input.files && input.files[0];
    dropAttachment();
    if (!file) return;
    const problem = fileProblem(file);
    if (problem) {
      setError('kiosk-file', problem);
      return;
    }
    attachment = { file, kind: fileKind(file.type) };
    for (const icon of root.querySelectorAll('[data-file-icon]'))
      icon.hidden = icon.getAttribute('data-file-icon') !== attachment.kind;
    $('kiosk-file-name').textContent = file.name;
    $('kiosk-file-about').textContent = fileAbout(attachment);
    attachParts(true);
    setError('kiosk-text', '');
    if (current === 'message') $('kiosk-attach').scrollIntoView({ block: 'nearest' });
  }

  /** Forgets the attached file (the browser's reference to it too). */
  function dropAttachment() {
    attachment = null;
    $('kiosk-file').value = '';
    $('kiosk-file-name').textContent = '';
    $('kiosk-file-about').textContent = '';
    setError('kiosk-file', '');
    attachParts(false);
  }

  $('kiosk-file').addEventListener('change', (event) => chooseFile(event.target));

  $('kiosk-broken').hidden = true;
  show(root.getAttribute('data-start') === 'task' ? 'task' : 'language', { push: false });
}

/** Minutes east of UTC of `+05:00`-style text (0 when it is not one). */
function parseOffset(text) {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

class KioskError extends Error {
  constructor(kind) {
    super(kind);
    this.kind = kind;
  }
}
