/** This package's version, sent as X-Plex-Version (a test keeps it equal to package.json's). */
export const PLEXMATCH_VERSION = '0.1.0';
