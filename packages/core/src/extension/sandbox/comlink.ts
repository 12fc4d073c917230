import type * as ComlinkTypes from 'comlink'

// comlink 4 ships no `exports` map, so Node resolves the bare name to its UMD build; load the
// self-contained ESM build instead, typed from the package.
const comlink = (await import('comlink/dist/esm/comlink.mjs' as string)) as typeof ComlinkTypes

/** comlink's `wrap` and `expose`, from its ESM build. */
export const { wrap, expose } = comlink
export type { Endpoint, Remote } from 'comlink'
