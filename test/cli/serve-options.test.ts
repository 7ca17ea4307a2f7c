import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';

/*
 * `habeas serve --trust-proxy` / HABEAS_TRUST_PROXY (issue 17 item 9): named proxies only; a value
 * that is not an address or a CIDR range is bad usage, never "trust every hop".
 */

describe('habeas serve --trust-proxy', () => {
  test('is documented in --help', async () => {
    const help = await runCli(['serve', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--trust-proxy <list>');
    expect(help.stdout).toContain('HABEAS_TRUST_PROXY');
  });

  test('refuses what is not a proxy address or range, from the option and from the environment', async () => {
    const option = await runCli(['serve', '--data', '/nonexistent', '--trust-proxy', 'true']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/"true" is not a proxy address/);
    const environment = await runCli(['serve', '--data', '/nonexistent'], {
      env: { HABEAS_TRUST_PROXY: '10.0.0.0/33' },
    });
    expect(environment.code).toBe(2);
    expect(environment.stderr).toMatch(/not a proxy address/);
  });
});
