/**
 * M-Lab's own ndt7 JavaScript client (`@m-lab/ndt7`, unchanged, in its Web Workers) against
 * Kinga's ndt7 server, in a real Chromium on 127.0.0.1: the speed test page runs a download and
 * an upload, shows the figures, and saves the result with the server's own counters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeInBrowser } from '../helpers/browser.ts';
import { createMeasurementRepository } from '../../src/modules/quality/measurements/measurement.repository.ts';

const SUITE = 'Browser test test/e2e/speedtest.e2e.test.ts (the ndt7 client of M-Lab in Chromium)';

describeInBrowser('the M-Lab ndt7 client against Kinga', SUITE, (suite) => {
  test('runs a download and an upload from the speed test page, shows the figures and saves the server-measured result', { timeout: 120_000 }, async (t) => {
    const { server, browser } = suite;
    const context = await browser.newContext();
    const page = await context.newPage();
    const origin = new URL(server.url).origin;
    const foreign: string[] = [];
    const problems: string[] = [];
    const sockets: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).origin !== origin && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    page.on('websocket', (socket) => sockets.push(socket.url()));
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });

    await page.goto(`${server.url}/speedtest?lang=en`);
    assert.equal(await page.locator('#speedtest-nojs').isVisible(), false, 'the script hides the explanation for browsers without JavaScript');
    await page.getByRole('button', { name: 'Start the test' }).click();
    // The save form appears once both tests ended and their server figures were fetched.
    await page.locator('#speedtest-save form').waitFor({ state: 'visible', timeout: 90_000 });

    const shown = {
      download: await page.locator('#speedtest-download').innerText(),
      upload: await page.locator('#speedtest-upload').innerText(),
      latency: await page.locator('#speedtest-latency').innerText(),
      status: await page.locator('#speedtest-status').innerText(),
    };
    assert.match(shown.download, /Mbit\/s$/, `download shown: ${shown.download}`);
    assert.match(shown.upload, /Mbit\/s$/, `upload shown: ${shown.upload}`);
    assert.match(shown.latency, / ms$/, `latency shown: ${shown.latency}`);
    assert.match(shown.status, /^Test finished:/);
    assert.deepEqual(foreign, [], 'no request leaves the server: no locate service, no third party');
    assert.deepEqual(problems, [], 'no script error and no Content-Security-Policy violation');
    assert.deepEqual(
      sockets.map((url) => new URL(url).pathname),
      ['/ndt/v7/download', '/ndt/v7/upload'],
      'the client opened one WebSocket per test on this server',
    );

    const downloadId = await page.locator('#speedtest-save [data-field="downloadTest"]').inputValue();
    const uploadId = await page.locator('#speedtest-save [data-field="uploadTest"]').inputValue();
    const repository = createMeasurementRepository(server.platform.db.kysely);
    const download = await repository.findNdt7Test(downloadId);
    const upload = await repository.findNdt7Test(uploadId);
    assert.ok(download && upload, 'the server recorded both tests under the UUIDs it sent in ConnectionInfo');
    assert.equal(download.test, 'download');
    assert.equal(upload.test, 'upload');
    assert.ok(download.num_bytes > 1_000_000, `download moved ${download.num_bytes} bytes`);
    assert.ok(upload.num_bytes > 100_000, `upload moved ${upload.num_bytes} bytes`);
    t.diagnostic(
      `shown: ${JSON.stringify(shown)}; server counted ${download.num_bytes} B down in ${download.elapsed_us} µs, ${upload.num_bytes} B up in ${upload.elapsed_us} µs, min RTT ${download.min_rtt_us} µs`,
    );
    assert.equal(download.client_name, 'kinga-web');
    assert.ok(download.min_rtt_us !== null, 'Chromium answered the server pings');

    await page.getByLabel('4G (LTE)').check();
    await page.getByLabel(/I agree that the regulator stores this result/).check();
    await Promise.all([page.waitForURL(`${server.url}/speedtest/results`), page.getByRole('button', { name: 'Save my result' }).click()]);
    assert.match(await page.locator('h1').innerText(), /Your result is saved/);
    const [saved] = await repository.listMeasurements({ source: 'speedtest', limit: 1 });
    assert.ok(saved);
    assert.equal(saved.download_test_id, downloadId);
    assert.equal(saved.upload_test_id, uploadId);
    assert.equal(saved.technology, '4G');
    assert.ok((saved.download_kbps ?? 0) > 0 && (saved.upload_kbps ?? 0) > 0);
    await context.close();
  });
});
