// The demo server's POST /consent-log checks each record against docs/consent-record.schema.json
// (ajv, the same validator the proof tests use): a valid record is kept (204), an invalid one is
// refused (422) with every problem by its path. No browser: plain HTTP.
//
// Run: node --test e2e/consent-log.test.mjs

import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServers } from '../scripts/serve.mjs';

let servers;
before(async () => { servers = await startServers(); });
after(() => servers?.close());

const VALID = {
  schemaVersion: 1,
  id: 'rec-0001-abcdef',
  decidedAt: '2026-12-05T10:00:00Z',
  expiresAt: '2027-06-05T10:00:00Z',
  revision: 1,
  noticeHash: '0123abcd',
  language: 'en',
  action: 'accept_all',
  source: 'banner',
  choices: { analytics: true, intercom: true, wootric: true },
};

function post(record) {
  return fetch(`${servers.origin}/consent-log`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(record),
  });
}

test('a valid record is kept once', async () => {
  assert.equal((await post(VALID)).status, 204);
  assert.equal((await post(VALID)).status, 204, 'a retry is acknowledged');
  assert.deepEqual(servers.consentRecords.get(VALID.id), VALID);
  assert.equal(servers.consentLog.at(-1).duplicate, true);
});

test('an invalid record is refused with every problem by its path', async () => {
  const { choices, ...noChoices } = VALID;
  const response = await post({ ...noChoices, id: 'rec-0002-abcdef', action: 'maybe', extra: 1, language: 'EN' });
  assert.equal(response.status, 422);
  const problems = (await response.text()).trim().split('\n');
  assert.deepEqual(problems.map((p) => p.split(':')[0]).sort(), ['/', '/', '/action', '/language'], problems.join('\n'));
  assert.match(problems.join('\n'), /choices/);
  assert.match(problems.join('\n'), /extra/);
  assert.equal(servers.consentRecords.has('rec-0002-abcdef'), false);
});
