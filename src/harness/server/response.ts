/** A complete HTTP answer as the replay server sends it. */
export interface ReplayResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export const XML_CONTENT_TYPE = 'text/xml;charset=utf-8';

export function xmlResponse(body: string | Buffer, status = 200): ReplayResponse {
  return {
    status,
    headers: { 'content-type': XML_CONTENT_TYPE },
    body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  };
}
