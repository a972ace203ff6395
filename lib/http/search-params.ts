export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of each query parameter, as a page receives them. */
export function firstValues(params: SearchParams): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).flatMap(([key, value]) => {
      const first = Array.isArray(value) ? value[0] : value;
      return first === undefined ? [] : [[key, first]];
    }),
  );
}
