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

/** python-plexapi's reload parameters: base.py PlexPartialObject._INCLUDES, the ones not 0, sorted (_buildDetailsKey). */
export const RELOAD =
  'includeBandwidths=1&includeChapters=1&includeFields=thumbBlurHash%2CartBlurHash&includeGeolocation=1&includeLoudnessRamps=1&includeMarkers=1';

/**
 * For linux-docker: a movie section with key 1, as in PlexServer(url, token).library.section('Movies'),
 * and a show section with key 2 (show 200, its season 201).
 */
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
  {
    call: '.fetchItem(101) / movie.reload()',
    path: `/library/metadata/101?${RELOAD}`,
    expects: 'one Video with ratingKey 101 and its Media/Part; include parameters Plex does not act on are ignored',
    source:
      'base.py PlexObject.fetchItem (an int becomes /library/metadata/<key>); PlexPartialObject._reload → _details_key',
  },
  {
    call: ".section('TV Shows').get('Pioneer One').seasons()",
    path: '/library/metadata/200/children?excludeAllLeaves=1',
    headers: { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': '1' },
    expects: 'the show\'s seasons (Directory type="season"), paged by the show\'s childCount',
    source: 'video.py Show.seasons → fetchItems(key, Season, container_size=self.childCount)',
  },
  {
    call: 'season.episodes()',
    path: '/library/metadata/201/children',
    headers: page(0),
    expects: "the season's episodes, each with parentRatingKey 201",
    source: 'video.py Season.episodes → fetchItems(f"{self.key}/children")',
  },
  {
    call: 'show.episodes()',
    path: '/library/metadata/200/allLeaves',
    headers: page(0),
    expects: 'every episode of the show, each with grandparentRatingKey 200',
    source: 'video.py Show.episodes → fetchItems(f"{self.key}/allLeaves")',
  },
  {
    call: ".section('TV Shows').all()",
    path: '/library/sections/2/all?includeGuids=1',
    headers: page(0),
    expects: 'shows with childCount, leafCount, guid and year, so python-plexapi builds them without a reload',
    source: 'library.py LibrarySection.all → search → _buildSearchKey (includeGuids=1)',
  },
  {
    call: ".search(title='Sintel', year=2010) / .get('Sintel')",
    path: '/library/sections/1/all?includeGuids=1&title=Sintel&limit=1&year=2010',
    headers: page(0),
    expects: 'the one movie titled Sintel of 2010 (year= checked against the Meta field "year", operator "=")',
    source: 'library.py LibrarySection.get → search(title, limit=1); _buildSearchKey → _validateFilterField',
  },
  {
    call: '.totalSize',
    path: '/library/sections/1/all?includeCollections=0&X-Plex-Container-Start=0&X-Plex-Container-Size=0',
    expects: 'size 0 and totalSize, the number of movies',
    source: 'library.py LibrarySection.totalSize → totalViewSize(includeCollections=False)',
  },
  {
    call: '.recentlyAdded()',
    path: '/library/sections/1/all?includeGuids=1&sort=movie.addedAt%3Adesc&type=1',
    headers: { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': '50' },
    expects: 'movies newest first (after the Meta lists the sort "addedAt" for type movie)',
    source: 'library.py LibrarySection.recentlyAdded → search(sort="addedAt:desc", maxresults=50) → _validateSortField',
  },
  {
    call: ".library.search('sintel') / .search('sintel')",
    path: '/hubs/search?query=sintel&includeCollections=1&includeExternalMedia=1',
    expects: 'Hub elements by type, the movie hub holding Sintel (title matched case-insensitively)',
    source: 'server.py PlexServer.search → fetchItems(/hubs/search?…, Hub); library.py LibrarySection.hubSearch',
  },
];
