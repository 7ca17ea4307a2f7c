import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initDataDir } from '../store/datadir.js';
import { DEMO_PASSWORD, DEMO_SEALING_PASSPHRASE, seedDemo } from '../demo/seed.js';
import { initSealing, SEALING_FILE } from '../sealing/keystore.js';
import { loadComplaintRules, loadRules, withStore } from './common.js';
import { runServe } from './serve.js';

/** `habeas demo`: a fresh store with demonstration data, served, with the logins printed. */
export async function runDemo(opts: { data?: string; port: number; host: string }): Promise<void> {
  const dataDir = opts.data ?? (await mkdtemp(join(tmpdir(), 'habeas-demo-')));
  if (!existsSync(join(dataDir, 'habeas.json'))) {
    await initDataDir(dataDir, { origin: 'habeas.demo/log' });
  }
  // The complaints authority's key, so the demo kiosk can seal (a real authority runs `habeas sealing init`).
  if (!existsSync(join(dataDir, SEALING_FILE))) await initSealing(dataDir, DEMO_SEALING_PASSPHRASE);
  const rules = await loadRules(dataDir);
  const complaintRules = await loadComplaintRules(dataDir);
  const started = performance.now();
  const accounts = await withStore(dataDir, async (store) => {
    if ((await store.size()) > 0) return null; // already seeded: serve what is there
    return seedDemo(store, () => new Date(), rules, { dataDir, complaintRules });
  });
  const seedSeconds = (performance.now() - started) / 1000;

  await runServe({ data: dataDir, port: opts.port, host: opts.host }, (url) => {
    const lines = [
      '',
      `Habeas demonstration — ${url}`,
      `Data directory: ${dataDir} (demonstration data only; nothing here is real)`,
      '',
    ];
    if (accounts) {
      lines.push(
        `Demonstration data written to the log in ${seedSeconds.toFixed(1)} s.`,
        '',
        `Demo logins (password for all: ${DEMO_PASSWORD}):`,
      );
      const width = Math.max(...accounts.users.map((account) => account.username.length));
      for (const account of accounts.users) {
        lines.push(`  ${account.username.padEnd(width)} ${account.role.padEnd(19)} ${account.description}`);
      }
      lines.push('', `Kiosk token (${accounts.kiosk.facility}): ${accounts.kiosk.token}`);
      lines.push(
        `Complaints key passphrase (sign in as complaints, then unlock): ${DEMO_SEALING_PASSPHRASE}`,
        `Kiosk: sign in as admin, open ${url}/kiosk/enrol, choose the facility; the browser becomes the terminal.`,
      );
      const complaints = accounts.complaints;
      if (complaints) {
        lines.push(
          `Complaints: ${complaints.complaints} sealed (${complaints.allegations} torture allegations): ` +
            'complaints sees and opens them all, procurator the allegations, governor a request for protection.',
          `Status check at a kiosk: complaint ${complaints.statusCheck.reference}, PIN ${complaints.statusCheck.pin}`,
        );
      }
      const prison = accounts.prison;
      lines.push(
        `Prisons: ${prison.stays} stays, ${prison.refused} disciplinary decisions refused by law and kept in the log, ${prison.findings} findings.`,
        '  monitor sees the findings, everyone in separation and the reprisal flags (so does complaints);',
        '  each prison’s officer, governor and doctor (prison-*, governor*, medical*) sees its own roll.',
      );
    } else {
      lines.push(`Store already seeded; demo logins use the password ${DEMO_PASSWORD}.`);
    }
    lines.push('', `Public log page: ${url}/log · API docs: ${url}/api/docs · Stop with Ctrl+C.`, '');
    console.log(lines.join('\n'));
  });
}
