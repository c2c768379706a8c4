/** A key and certificate (PEM) for the stand-in's https. */
export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

/**
 * A certificate for 127.0.0.1, ::1 and localhost, made at start and signed
 * by itself: what a Plex server reached by IP often has. Made with
 * `selfsigned` (Node's WebCrypto underneath), loaded only when asked for.
 * A client trusts it by being given `cert` as its `ca`.
 */
export async function selfSignedCertificate(): Promise<TlsMaterial> {
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'plexmatch stand-in' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
