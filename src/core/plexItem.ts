/**
 * The shape of a Plex library item as the matcher sees it: an item holds
 * one Media per version, and each Media one Part per file.
 *
 * Pure types, no imports: this file belongs to the vendorable core, so the
 * matcher can be copied into another project without the client.
 */

/** One file of a Media (`<Part file="…">`). `file` is the server's path, verbatim. */
export interface PlexPart {
  /** Plex's id of the part; items from plugins and channels may have none. */
  readonly id?: string;
  readonly file: string;
  readonly key?: string;
  readonly size?: number;
  readonly container?: string;
}

/** One version of an item (`<Media>`): 1080p and 4K are two Media; cd1/cd2 are two Parts of one. */
export interface PlexMedia {
  /** Plex's id of the version; items from plugins and channels may have none. */
  readonly id?: string;
  readonly parts: readonly PlexPart[];
  readonly container?: string;
  readonly videoResolution?: string;
  /** "42" marks an optimized version made by Plex ("Plex Versions" folder). */
  readonly proxyType?: string;
}

/** A playable item (`<Video>`, `<Track>`, `<Photo>`): what a file resolves to. */
export interface PlexItem {
  /** Plex's id for the item; kept as the string Plex sent. */
  readonly ratingKey: string;
  readonly key: string;
  /** movie, episode, track, photo, clip … as Plex names it. */
  readonly type: string;
  readonly title: string;
  readonly media: readonly PlexMedia[];
  readonly year?: number;
  readonly guid?: string;
  readonly librarySectionID?: string;
  /** Episodes: the show, season number and episode number. */
  readonly grandparentTitle?: string;
  readonly parentTitle?: string;
  readonly parentIndex?: number;
  readonly index?: number;
  readonly parentRatingKey?: string;
  readonly grandparentRatingKey?: string;
  /** Seconds since the epoch, as Plex reports them. */
  readonly addedAt?: number;
  readonly updatedAt?: number;
}
