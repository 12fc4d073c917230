import { expose } from 'comlink'
import { fingerprintOf, verifyEntry } from './verify-entry.ts'

/** What the verification worker offers the page (over comlink). */
export const verifierApi = {
  ping: (): true => true,
  verifyEntry,
  fingerprintOf,
}

export type VerifierApi = typeof verifierApi

expose(verifierApi)
