// Loaded with --import: makes the optional peers (nock, testcontainers) unresolvable, as in a
// project that installed plexmatch without them (.ci/consumer checks the same on a real install).
import { register } from 'node:module';

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === 'nock' || specifier === 'testcontainers') {
    const error = new Error("Cannot find package '" + specifier + "' imported from " + context.parentURL);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
