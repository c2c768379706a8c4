import { attr, requiredAttr } from './attributes.js';
import { compact } from './compact.js';
import type { XmlElement } from './parseMediaContainer.js';

/** Who answered: the root MediaContainer of `GET /`. */
export interface PlexServerIdentity {
  readonly machineIdentifier: string;
  readonly version: string;
  readonly friendlyName?: string;
  readonly platform?: string;
  readonly platformVersion?: string;
}

export function toServerIdentity(container: XmlElement): PlexServerIdentity {
  const where = 'the server root <MediaContainer>';
  return {
    machineIdentifier: requiredAttr(container, 'machineIdentifier', where),
    version: requiredAttr(container, 'version', where),
    ...compact({
      friendlyName: attr(container, 'friendlyName'),
      platform: attr(container, 'platform'),
      platformVersion: attr(container, 'platformVersion'),
    }),
  };
}
