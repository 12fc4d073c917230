/**
 * The row a navigation key moves to in a list of `length` rows (undefined: not a navigation
 * key, or an empty list). `page` is how many rows fit in view.
 */
export function listKeyTarget(
  key: string,
  current: number,
  length: number,
  page: number,
): number | undefined {
  if (length === 0) return undefined
  const clamp = (n: number) => Math.min(Math.max(n, 0), length - 1)
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1)
    case 'ArrowUp':
      return clamp(current - 1)
    case 'PageDown':
      return clamp(current + page)
    case 'PageUp':
      return clamp(current - page)
    case 'Home':
      return 0
    case 'End':
      return length - 1
    default:
      return undefined
  }
}
