/** The body is not the Plex XML we asked for. Becomes a PlexPermanentError (code XML_MALFORMED). */
export class XmlFormatError extends Error {
  override name = 'XmlFormatError';
}
