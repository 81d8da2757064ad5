// A filtered wall (issue 21) asks every route for the same filtered traffic: the filters,
// already canonical (src/shared/filters.ts), end each request's query.

/** `url` with the wall's `filter` query appended ('' leaves it as it is). */
export function withFilter(url: string, filter: string): string {
  if (filter === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${filter}`;
}
