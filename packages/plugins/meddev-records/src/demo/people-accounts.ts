import { randomUUID } from 'node:crypto'
import { actorOf, isVeritrailError, type ActionContext, type Core, type Principal } from '@veritrail/core'
import type { DemoTarget } from './apply.js'

const CLIENT = { ip: '127.0.0.1', userAgent: 'veritrail demo' }

interface DemoPerson {
  username: string
  displayName: string
  role: 'operator' | 'reviewer' | 'qa'
  password: string
  principal?: Principal
}

/** Account names the demo writes with; `demo seed` refuses data written by anyone else. */
export const DEMO_USERS = ['demo.operator', 'demo.reviewer', 'demo.qa'] as const

/**
 * A demo target whose writes, signatures and reviews are made by three demo people with real
 * accounts, passwords, sessions and the signature statement accepted — the same rules apply as
 * for everyone: the reviewer and the QA person never author records, so they may review and
 * approve them.
 */
export async function demoTarget(core: Core): Promise<Required<DemoTarget> & { ctx: (role: string) => ActionContext }> {
  const people: DemoPerson[] = [
    { username: 'demo.operator', displayName: 'Li Na 李娜 (demo operator)', role: 'operator', password: '' },
    { username: 'demo.reviewer', displayName: 'Wang Qiang 王强 (demo reviewer)', role: 'reviewer', password: '' },
    { username: 'demo.qa', displayName: 'Chen Jing 陈静 (demo QA)', role: 'qa', password: '' },
  ]
  const system = core.systemContext()
  const existing = new Map((await core.accounts.list()).map((a) => [a.username, a]))
  for (const p of people) {
    p.password = `demo password of ${p.username} ${core.installId}`
    if (!existing.has(p.username)) {
      const created = await core.accounts.create({ username: p.username, displayName: p.displayName, roles: [p.role] }, system)
      await core.sessions.changePassword({ username: p.username, currentPassword: created.temporaryPassword!, newPassword: p.password }, CLIENT)
    }
  }
  const signIn = async (p: DemoPerson): Promise<Principal> => {
    const login = await core.sessions.login({ username: p.username, password: p.password }, CLIENT)
    p.principal = await core.sessions.authenticate(login.token, CLIENT)
    if (!p.principal.account.signatureAccepted) await core.signatures.acceptStatement(p.principal, ctxOf(p))
    return p.principal
  }
  const ctxOf = (p: DemoPerson): ActionContext => ({
    actor: actorOf(p.principal!.account, p.role),
    client: CLIENT,
    correlationId: randomUUID(),
    ...(p.principal!.session ? { session: p.principal!.session.id } : {}),
  })
  for (const p of people) await signIn(p)
  const person = (role: string) => people.find((p) => p.role === role) ?? people[0]!
  /** Runs `work` as the person, signing in again if their session timed out. */
  const as = async <T>(p: DemoPerson, work: (principal: Principal, ctx: ActionContext) => Promise<T>): Promise<T> => {
    try {
      return await work(p.principal!, ctxOf(p))
    } catch (error) {
      if (!isVeritrailError(error) || error.code !== 'unauthenticated' || error.details?.signature) throw error
      await signIn(p)
      return work(p.principal!, ctxOf(p))
    }
  }
  const signerFor: Record<string, DemoPerson['role']> = { authorship: 'operator', review: 'reviewer', approval: 'qa', responsibility: 'reviewer' }
  return {
    records: core.records,
    attachments: core.attachments,
    ctx: (role) => ctxOf(person(role === 'qa' ? 'qa' : 'operator')),
    async sign(type, id, version, meaning) {
      const p = person(signerFor[meaning] ?? 'reviewer')
      await as(p, async (principal, ctx) => {
        await core.signatures.sign({ target: { type, id, version }, meaning, password: p.password, username: p.username }, principal, ctx)
      })
    },
    async review(type, id) {
      const p = person('reviewer')
      await as(p, async (principal, ctx) => {
        const review = await core.reviews.open({ recordType: type, recordId: id }, principal, ctx)
        const resolutions = review.findings.filter((f) => f.severity === 'critical').map((f) => ({ findingId: f.id, note: 'Checked against the batch record; justified (demo).', reference: 'DEV-DEMO' }))
        await core.reviews.complete(review.id, { conclusion: 'Audit trail reviewed; no unexplained changes (demo).', resolutions, password: p.password, username: p.username }, principal, ctx)
      })
    },
  }
}
