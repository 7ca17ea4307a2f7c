import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passwordWeakness } from '../domain/accounts/password-strength.js';
import { initDataDir, readDataDir, writeWitnesses } from '../store/datadir.js';
import { initWitnessDir, readWitnessKeys, trustLog } from '../witness/directory.js';
import { buildWitnessApp } from '../witness/server.js';
import { DEMO_CLINICIAN_PASSPHRASE } from '../demo/medical.js';
import {
  DEMO_PASSWORD,
  DEMO_PROCURATOR_PASSPHRASE,
  DEMO_SEALING_PASSPHRASE,
  seedDemo,
} from '../demo/seed.js';
import { initSealing, PROCURATOR_SEALING_FILE, SEALING_FILE } from '../sealing/keystore.js';
import { loadComplaintRules, loadRules, withStore } from './common.js';
import { UsageError } from './errors.js';
import { runServe } from './serve.js';

/** The origin of every demonstration log: what tells a demonstration's data directory from a real one. */
export const DEMO_ORIGIN = 'habeas.demo/log';

/**
 * A directory named with --data must be new, empty, or a demonstration's own: demonstration data
 * and published passwords never go into a real register (issue 17 item 11).
 */
async function refuseRealData(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'habeas.json'))) {
    const { origin } = await readDataDir(dataDir);
    if (origin !== DEMO_ORIGIN)
      throw new UsageError(
        `${dataDir} holds a Habeas register that is not a demonstration's (origin ${origin}): habeas demo ` +
          'never writes demonstration data or demo passwords into it. Use a new directory for the demonstration, ' +
          'or habeas serve for this one.',
      );
    return;
  }
  let entries: string[] = [];
  try {
    entries = await readdir(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (entries.length > 0)
    throw new UsageError(
      `${dataDir} is not empty and is not a demonstration's data directory: give habeas demo a new or empty directory`,
    );
}

/** Letters and digits nobody misreads (no 0/o, 1/l/i), for a passphrase read off the screen. */
const PASSPHRASE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random passphrase, 5 groups of 5 (about 124 bits), held to the strength rule like any other. */
export function randomPassphrase(): string {
  for (;;) {
    const bytes = randomBytes(25);
    const letters = [...bytes].map((byte) => PASSPHRASE_ALPHABET[byte % PASSPHRASE_ALPHABET.length]).join('');
    const passphrase = (letters.match(/.{5}/g) ?? []).join('-');
    if (passwordWeakness(passphrase) === null) return passphrase;
  }
}

/** `habeas demo`: a fresh store with demonstration data, served, with the logins printed. */
export async function runDemo(opts: {
  data?: string;
  port: number;
  host: string;
  log?: boolean;
}): Promise<void> {
  if (opts.data !== undefined) await refuseRealData(opts.data);
  const dataDir = opts.data ?? (await mkdtemp(join(tmpdir(), 'habeas-demo-')));
  if (!existsSync(join(dataDir, 'habeas.json'))) {
    await initDataDir(dataDir, { origin: DEMO_ORIGIN });
  }
  // The complaints authority's key, so the demo kiosk can seal (a real authority runs `habeas sealing
  // init`). The published demo passphrase only in a throwaway directory; a directory the operator
  // named gets a random one, printed once, so no key anyone keeps is protected by a published secret.
  let sealingPassphrase: string | null = null;
  if (!existsSync(join(dataDir, SEALING_FILE))) {
    sealingPassphrase = opts.data === undefined ? DEMO_SEALING_PASSPHRASE : randomPassphrase();
    await initSealing(dataDir, sealingPassphrase);
  }
  // The procurator's office's own key (issue 18 item 5), with a passphrase of its own: allegations
  // are sealed to both, and the procurator never needs the complaints authority's passphrase.
  let procuratorPassphrase: string | null = null;
  if (!existsSync(join(dataDir, PROCURATOR_SEALING_FILE))) {
    procuratorPassphrase = opts.data === undefined ? DEMO_PROCURATOR_PASSPHRASE : randomPassphrase();
    await initSealing(dataDir, procuratorPassphrase, { recipient: 'procurator' });
  }
  // A witness in the demonstration's own folder, so that checkpoints are cosigned and the integrity
  // page shows one (in a real deployment it runs elsewhere, by a body independent of the operator).
  const witness = await startDemoWitness(dataDir);
  const rules = await loadRules(dataDir);
  const complaintRules = await loadComplaintRules(dataDir);
  const started = performance.now();
  const accounts = await withStore(dataDir, async (store) => {
    if ((await store.size()) > 0) return null; // already seeded: serve what is there
    return seedDemo(store, () => new Date(), rules, { dataDir, complaintRules });
  });
  const seedSeconds = (performance.now() - started) / 1000;

  const sealingLine =
    sealingPassphrase === null
      ? 'Complaints key: made by an earlier run; unlock it with the passphrase that run printed.'
      : sealingPassphrase === DEMO_SEALING_PASSPHRASE
        ? `Complaints key passphrase (sign in as complaints, then unlock): ${sealingPassphrase}`
        : `Complaints key passphrase (sign in as complaints, then unlock; shown this once, write it down): ${sealingPassphrase}`;
  const procuratorLine =
    procuratorPassphrase === null
      ? 'Procurator’s office key: made by an earlier run; unlock it with the passphrase that run printed.'
      : procuratorPassphrase === DEMO_PROCURATOR_PASSPHRASE
        ? `Procurator’s office key passphrase (sign in as procurator, then unlock): ${procuratorPassphrase}`
        : `Procurator’s office key passphrase (sign in as procurator, then unlock; shown this once, write it down): ${procuratorPassphrase}`;

  process.once('exit', () => void witness.close());
  await runServe({ data: dataDir, port: opts.port, host: opts.host, log: opts.log ?? false }, (url) => {
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
        sealingLine,
        procuratorLine,
        `Kiosk: sign in as admin, open ${url}/kiosk/enrol, choose the facility; the browser becomes the terminal.`,
      );
      const complaints = accounts.complaints;
      if (complaints) {
        lines.push(
          `Complaints: ${complaints.complaints} sealed (${complaints.allegations} torture allegations): ` +
            'complaints sees and opens them all, procurator the allegations, governor a request for protection.',
          `Status check at a kiosk (it shows the authority’s answer): complaint ${complaints.statusCheck.reference}, PIN ${complaints.statusCheck.pin}`,
        );
      }
      const prison = accounts.prison;
      lines.push(
        `Prisons: ${prison.stays} stays, ${prison.refused} disciplinary decisions refused by law and kept in the log, ${prison.findings} findings.`,
        '  monitor sees the findings, everyone in separation and the reprisal flags (so does complaints);',
        '  each prison’s officer, governor and doctor (prison-*, governor*, medical*) sees its own roll.',
      );
      const medical = accounts.medical;
      lines.push(
        `Medical records: ${medical.examinations} examinations, ${medical.reports} signed reports (${medical.referrals} referred to the procurator).`,
        `  medical and medical-forensic unlock their signing keys with: ${DEMO_CLINICIAN_PASSPHRASE}`,
      );
    } else {
      lines.push(
        `Store already seeded; demo logins use the password ${DEMO_PASSWORD}; clinicians’ signing keys: ${DEMO_CLINICIAN_PASSPHRASE}.`,
        sealingLine,
        procuratorLine,
      );
    }
    lines.push(
      `Witness (demonstration only, in ${join(dataDir, DEMO_WITNESS_DIR)}): ${witness.url} — cosigns every checkpoint; monitor sees it on ${url}/integrity.`,
    );
    lines.push('', `Public log page: ${url}/log · API docs: ${url}/api/docs · Stop with Ctrl+C.`, '');
    console.log(lines.join('\n'));
  });
}

/** Where the demonstration keeps its witness, inside its own data directory. */
const DEMO_WITNESS_DIR = 'demo-witness';

/**
 * Starts the demonstration's witness (habeas witness, in this process) on a free port, following
 * the demonstration's log, and configures the log to ask it (quorum 1).
 */
async function startDemoWitness(dataDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = join(dataDir, DEMO_WITNESS_DIR);
  if (!existsSync(join(dir, 'witness.json'))) {
    await initWitnessDir(dir, 'demo.habeas/witness');
    await trustLog(dir, (await readDataDir(dataDir)).verifierKey);
  }
  const app = await buildWitnessApp({ dir });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const { signerKey: _secret, verifierKey } = await readWitnessKeys(dir);
  await writeWitnesses(dataDir, [{ url, key: verifierKey }], 1);
  return { url, close: () => app.close() };
}
