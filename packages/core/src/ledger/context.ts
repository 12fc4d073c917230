import type { Actor, Authorizer, ClientInfo, EntrySource } from './entry.js'

/**
 * Who is acting, from where, in which request: everything an entry needs to be attributable
 * (ARCHITECTURE §2.7). The server builds one per request; the CLI and jobs use system accounts.
 */
export interface ActionContext {
  actor: Actor
  client: ClientInfo
  correlationId: string
  session?: string
  source?: EntrySource
  authorizer?: Authorizer
}
