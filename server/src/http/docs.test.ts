import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestServer, getTestServer } from '../../test/server.ts';

describe('API description', () => {
  let server: TestServer;
  before(async () => {
    server = await getTestServer();
  });
  after(() => server.close());

  it('serves an OpenAPI 3.1 document whose operations all carry an x-policy', async () => {
    const res = await server.request('GET', '/api/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    const paths = res.body.paths as Record<string, Record<string, { 'x-policy'?: string }>>;
    const operations = Object.values(paths).flatMap((ops) => Object.values(ops));
    assert.ok(operations.length > 50, `only ${operations.length} operations documented`);
    assert.ok(operations.every((op) => typeof op['x-policy'] === 'string'));
    for (const path of [
      '/api/v1/session',
      '/api/v1/users',
      '/api/v1/interactions/import',
      '/api/v1/evaluations',
    ]) {
      assert.ok(paths[path], `${path} is documented`);
    }
  });

  it('serves the interactive docs from local assets, with no CDN', async () => {
    const page = await server.app.request('/api/docs');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.doesNotMatch(html, /https?:\/\//, 'no remote address in the page');
    const scripts = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    assert.ok(scripts.length >= 3);
    for (const asset of scripts) {
      const res = await server.app.request(asset);
      assert.equal(res.status, 200, asset);
      assert.ok((await res.arrayBuffer()).byteLength > 0, asset);
    }
  });
});
