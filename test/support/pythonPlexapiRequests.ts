/**
 * The requests python-plexapi 4.16.1 makes for the calls other tools copy,
 * read from its source (plexapi/server.py, library.py, base.py, config.py)
 * and kept here as data, so a test can replay them against a fixture set
 * and check each is answered as Plex would. Every request carries the base
 * headers (X-Plex-Platform, -Platform-Version, -Provides, -Product,
 * -Version, -Device, -Device-Name, -Client-Identifier, -Language,
 * -Sync-Version: 2, -Features: external-media) and X-Plex-Token.
 * Query values are percent-encoded by utils.joinArgs, keys sorted.
 */
export interface PlexapiRequest {
  /** The python call that makes it. */
  readonly call: string;
  readonly path: string;
  /** Paging headers, when the call pages (X_PLEX_CONTAINER_SIZE is 100). */
  readonly headers?: Readonly<Record<string, string>>;
  /** What the answer must hold for python-plexapi to go on. */
  readonly expects: string;
  /** Where in python-plexapi the request is made. */
  readonly source: string;
}

export const PLEXAPI_HEADERS = {
  'X-Plex-Platform': 'Linux',
  'X-Plex-Platform-Version': '6.1',
  'X-Plex-Provides': 'controller',
  'X-Plex-Product': 'PlexAPI',
  'X-Plex-Version': '4.16.1',
  'X-Plex-Device': 'Linux',
  'X-Plex-Device-Name': 'plexmatch-test',
  'X-Plex-Client-Identifier': '00000000-0000-0000-0000-000000000000',
  'X-Plex-Language': 'en',
  'X-Plex-Sync-Version': '2',
  'X-Plex-Features': 'external-media',
} as const;

const page = (start: number) => ({ 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Size': '100' });

/** For a movie section with key 1, as in PlexServer(url, token).library.section('Movies'). */
export const PLEXAPI_REQUESTS: readonly PlexapiRequest[] = [
  {
    call: 'PlexServer(url, token)',
    path: '/',
    expects: 'root MediaContainer with machineIdentifier, version, friendlyName, platform',
    source: 'server.py PlexServer.__init__ → query(self.key = "/")',
  },
  {
    call: '.library',
    path: '/library',
    expects:
      'MediaContainer with identifier and title1 (a non-owner gets 400 and python-plexapi retries /library/sections/)',
    source: 'server.py PlexServer.library → query(Library.key = "/library")',
  },
  {
    call: ".library.section('Movies')",
    path: '/library/sections',
    expects: 'one Directory per section with key, type and title; titles compared lower-cased and stripped',
    source: 'library.py Library._loadSections / section()',
  },
  {
    call: '.all() (first page)',
    path: '/library/sections/1/all?includeGuids=1&type=1',
    headers: page(0),
    expects: 'Video items with Media/Part, size and totalSize; paging goes on while start <= totalSize',
    source: 'library.py LibrarySection.all → search(libtype=TYPE) → _buildSearchKey; base.py fetchItems',
  },
  {
    call: ".search(Media__Part__file__iendswith='movie.mkv') (first page)",
    path: '/library/sections/1/all?includeGuids=1',
    headers: page(0),
    expects:
      'the same items without type= (a show section would answer shows, so the filter never sees episodes); the filter runs in python on every page',
    source: 'library.py LibrarySection.search; base.py fetchItems → _checkAttrs',
  },
  {
    call: ".search(Media__Part__file='/data/x.mkv') (before it raises)",
    path: '/library/sections/1/all?includeMeta=1&includeAdvanced=1&X-Plex-Container-Start=0&X-Plex-Container-Size=0',
    expects: 'a Meta element with Type/Field/FieldType; python-plexapi then finds no field "Media" and raises NotFound',
    source: 'library.py _validateFilterField → filterTypes → _loadFilters',
  },
  {
    call: ".search(Media__Part__file='/data/x.mkv') (before it raises)",
    path: '/library/sections/1/collections?includeMeta=1&includeAdvanced=1&X-Plex-Container-Start=0&X-Plex-Container-Size=0',
    expects: 'a Meta element (no collections)',
    source: 'library.py _loadFilters (not for photo sections)',
  },
];
