/**
 * What the harness and the CLI use of the client beyond its public API
 * (src/index.ts): the transport, a listing read page by page with the
 * paging guards, the XML readers, the one redaction helper. The harness
 * reaches the client through these two files only (test/architecture.test.ts).
 */
export { resolveClientConfig } from './clientConfig.js';
export { listPages } from './listing/listPages.js';
export { PlexHttp, type Query } from './PlexHttp.js';
export { holdsSecret, REDACTED, redactText } from './redact.js';
export { attr, children } from './xml/attributes.js';
export { compact } from './xml/compact.js';
export { parseMediaContainer, type XmlElement } from './xml/parseMediaContainer.js';
export { readListingPage } from './xml/readListingPage.js';
export { type AttributeSpan, readXml, type XmlHandlers } from './xml/readXml.js';
export { startTagAttribute } from './xml/startTagAttribute.js';
export { type PlexLibrarySection, sectionsOf } from './xml/toLibrarySection.js';
export { isXmlChar } from './xml/xmlChars.js';
