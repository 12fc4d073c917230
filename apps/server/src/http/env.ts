import type { ActionContext, Core } from '@veritrail/core'
import type { Principal } from '@veritrail/core'

/** Per-request values set by the middleware. */
export interface AppEnv {
  Variables: {
    correlationId: string
    client: { ip: string; userAgent: string }
    principal: Principal
    /** The acting context: the principal in the role this route needs (R-AT-03). */
    ctx: ActionContext
    locale: 'en' | 'zh-CN'
  }
}

/** What routes need from the rest of the server. */
export interface ServerDeps {
  core: Core
}
