/**
 * The token from --token, else from PLEX_TOKEN (so it need not appear in
 * shell history or process listings). Never printed.
 */
export function tokenFrom(flag: string | undefined): string | undefined {
  if (flag !== undefined) return flag;
  const env = process.env.PLEX_TOKEN;
  return env === undefined || env === '' ? undefined : env;
}
