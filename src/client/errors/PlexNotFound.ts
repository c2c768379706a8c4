import { PlexPermanentError } from './PlexPermanentError.js';

/** 404, or a library title that does not exist (the message lists those that do). */
export class PlexNotFound extends PlexPermanentError {
  override name = 'PlexNotFound';
}
