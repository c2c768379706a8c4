import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { xmlResponse } from '../../src/harness/server/response.js';
import { replayServer } from '../support/servers.js';

describe('a responder that throws', () => {
  it('gets the request a 500, not a request left hanging, and the next request is served', async (ctx) => {
    const server = await replayServer(ctx, {
      respond: (r) => {
        if (r.path === '/broken') throw new TypeError('a bug in a responder');
        return xmlResponse('<MediaContainer size="0"/>');
      },
    });
    const broken = await request(`${server.url}/broken`, { headersTimeout: 5000, bodyTimeout: 5000 });
    expect(broken.statusCode).toBe(500);
    await broken.body.dump();
    const next = await request(`${server.url}/identity`, { headersTimeout: 5000, bodyTimeout: 5000 });
    expect(next.statusCode).toBe(200);
    expect(await next.body.text()).toContain('MediaContainer');
  });
});
