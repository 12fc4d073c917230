import { SYSTEM_ACTOR } from '@veritrail/core'
import { helpers, type Cast, type Story } from './stories.js'
import type { Site } from './site.js'
import { equipment, result } from './types.js'

/** Everyday work that must raise no finding at all. */
export function normalStories(s: Site, c: Cast): Story[] {
  const h = helpers(s, c)
  const story = (name: string, run: () => Promise<unknown>): Story => ({ name, kind: 'normal', run: async () => void (await run()) })
  return [
    story('a batch is started', () => h.batch()),
    story('a batch is completed with its process values', async () => h.complete(await h.batch())),
    story('a remark is added to a batch', async () => s.update(await h.batch(), { remarks: 'Line clearance done' }, c.alice)),
    story('batch remarks are edited twice', async () => {
      const b = await h.batch()
      await s.update(b, { remarks: 'Pallet 1 staged' }, c.alice)
      await s.update(b, { remarks: 'Pallets 1 and 2 staged' }, c.alice)
    }),
    story('a result is entered and reported', async () => {
      const r = await h.result()
      await s.update(r, { assay: '99.3', status: 'reported' }, c.alice, { code: 'step_completed' })
    }),
    story('an autoclave is registered with its alarm on', () => s.create(equipment, { equipmentId: 'AC-11', highTemperatureAlarm: true, alarmLimit: '137.0' }, c.bob)),
    story('equipment notes are updated', async () => {
      const e = await s.create(equipment, { equipmentId: 'AC-12', highTemperatureAlarm: true }, c.bob)
      await s.update(e, { notes: 'Door gasket replaced' }, c.bob)
    }),
    story('the night shift starts a batch at 02:00', () => (s.at('02:00', true), h.batch(c.chen))),
    story('a remark is written at 23:00', async () => {
      const b = await h.batch()
      s.at('23:00')
      await s.update(b, { remarks: 'Night shift handover' }, c.chen)
    }),
    story('process values are first entered at 20:00', async () => {
      const b = await h.batch()
      s.at('20:00')
      await h.complete(b, c.chen)
    }),
    story('a result is registered on Saturday', () => (s.nextSaturday(), h.result(c.bob))),
    story('an operator registers 20 samples in 10 minutes', async () => {
      for (let i = 0; i < 20; i++) (s.advance(0.5), await h.result(c.bob))
    }),
    story('an operator registers 50 samples in 10 minutes', async () => {
      for (let i = 0; i < 50; i++) (s.advance(0.2), await h.result(c.bob))
    }),
    story('two operators register 30 samples each in the same 10 minutes', async () => {
      for (let i = 0; i < 30; i++) (s.advance(0.3), await h.result(c.alice), await h.result(c.chen))
    }),
    story('the LIMS ingests 60 results in 10 minutes', async () => {
      for (let i = 0; i < 60; i++) (s.advance(0.15), await h.result(h.ingest(`LIMS-A${i}`), { assay: '98.9' }))
    }),
    story('the LIMS ingests a result at 03:00', () => (s.at('03:00', true), h.result(h.ingest('LIMS-B1'), { assay: '99.0' }))),
    story('the LIMS adds a remark to its result', async () => {
      const r = await h.result(h.ingest('LIMS-C1'), { assay: '99.0' })
      await s.update(r, { remarks: 'Instrument HPLC-2' }, h.ingest('LIMS-C1'))
    }),
    story('a reported result is signed for review', async () => s.sign(await h.reported(), 'rita', 'review')),
    story('a result is reviewed, signed and approved', async () => h.approve(await h.reported())),
    story('one result is signed while another is corrected', async () => {
      const signed = await h.reported()
      const other = await h.result()
      await s.sign(signed, 'rita', 'review')
      await s.update(other, { remarks: 'Sample label reprinted' }, c.alice)
    }),
    story('a signature is withdrawn before the record is corrected', async () => {
      const r = await h.reported()
      const signature = await s.sign(r, 'rita', 'review')
      await s.withdraw(signature.id, 'rita', 'Signed before the second injection was entered')
      await s.update(r, { remarks: 'Second injection entered' }, c.alice)
    }),
    story('a batch audit trail is reviewed', async () => s.review({ record: await h.batch() }, c.rita)),
    story('a batch is reviewed while another batch changes', async () => {
      const reviewed = await h.batch()
      const other = await h.batch(c.bob)
      await s.review({ record: reviewed }, c.rita)
      await s.update(other, { remarks: 'Moved to line 2' }, c.bob)
    }),
    story('a period is reviewed, then a new batch starts', async () => {
      const b = await h.batch()
      await s.review({ from: b.seq, to: b.seq }, c.rita)
      await h.batch(c.bob)
    }),
    story('a reviewed batch is completed', async () => {
      const b = await h.batch()
      await s.review({ record: b }, c.rita)
      await s.update(b, { status: 'completed' }, c.quinn)
    }),
    story('an operator signs in and out', () => s.session('dina', 45)),
    story('a typo at sign-in, then success', async () => (await s.login('dina', 'dina typo'), await s.login('dina'))),
    story('two typos at sign-in, then success', async () => {
      for (const typo of ['x', 'y']) (s.advance(1), await s.login('eve', typo))
      await s.login('eve')
    }),
    story('three failed sign-ins spread over two hours', async () => {
      for (const typo of ['a', 'b', 'c']) (s.advance(40), await s.login('frank', typo))
      await s.login('frank')
    }),
    story('two users mistype twice each', async () => {
      for (const name of ['gina', 'ivan', 'gina', 'ivan']) (s.advance(1), await s.login(name, 'oops'))
      await s.login('gina')
      await s.login('ivan')
    }),
    story('a new account changes its password at first sign-in', async () => {
      const fresh = await s.core.accounts.create({ username: 'newbie', displayName: 'New Operator', roles: ['operator'] }, s.admin)
      await s.login('newbie', fresh.temporaryPassword)
      await s.core.sessions.changePassword({ username: 'newbie', currentPassword: fresh.temporaryPassword, newPassword: 'newbie own password' }, { ip: '10.20.1.15', userAgent: 'vitest' })
      await s.login('newbie', 'newbie own password')
    }),
    story('an idle session expires', () => s.session('dina', 20)),
    story('the administrator creates an account', () => s.core.accounts.create({ username: 'temp.worker', displayName: 'Temporary Worker', roles: ['operator'] }, s.admin)),
    story('the administrator changes roles with a reason', () => s.core.accounts.setRoles(s.as('ivan').actor.id, ['operator', 'reviewer'], 'Trained as reviewer (TR-2024-07)', s.admin)),
    story('the administrator issues an API token for the MES', () => s.core.accounts.issueToken(s.as('mes').actor.id, 'MES line 3', 'Go-live of the MES interface', s.admin)),
    story('a reviewer signs two results', async () => {
      for (let i = 0; i < 2; i++) await s.sign(await h.reported(c.bob), 'rita', 'review')
    }),
    story('a batch is completed at 18:30', async () => {
      const b = await h.batch()
      s.at('18:30')
      await h.complete(b)
    }),
    story('a batch starts at 06:30', () => (s.at('06:30', true), h.batch(c.chen))),
    story('an assay is first entered on Sunday', async () => {
      s.nextSaturday()
      const r = await h.result(c.bob)
      s.advance(24 * 60)
      await s.update(r, { assay: '98.8' }, c.bob, { code: 'late_entry' })
    }),
    story('an alarm limit is set for the first time', async () => {
      const e = await s.create(equipment, { equipmentId: 'AC-13', highTemperatureAlarm: true }, c.bob)
      await s.update(e, { alarmLimit: '137.0' }, c.bob, { code: 'step_completed' })
    }),
    story('remarks are edited five times in 30 minutes', async () => {
      const b = await h.batch()
      for (let i = 1; i <= 5; i++) (s.advance(5), await s.update(b, { remarks: `Pallet count ${i}` }, c.alice))
    }),
    story('the LIMS reports its result', async () => {
      const r = await h.result(h.ingest('LIMS-D1'), { assay: '99.5' })
      await s.update(r, { status: 'reported' }, h.ingest('LIMS-D1'))
    }),
    story('QA exports the audit trail', () => s.system([{ actor: c.quinn.actor, action: 'export', details: { format: 'pdf', trail: 'data' } }])),
    story('the nightly backup runs', () => (s.at('01:00', true), s.system([{ actor: SYSTEM_ACTOR, action: 'backup', details: { target: 'local', kind: 'incremental' } }]))),
    story('data from a paper worksheet is entered late', async () => {
      const r = await h.result()
      await s.update(r, { assay: '99.0' }, c.alice, { code: 'late_entry', text: 'LIMS was down on 2024-03-04' })
    }),
    story('quantity and remarks are filled in at completion', async () => {
      const b = await h.batch()
      await s.update(b, { quantity: 500, remarks: 'No rejects' }, c.alice, { code: 'step_completed' })
    }),
    story('an operator signs a record as its author', async () => s.sign(await h.batch(s.as('dina')), 'dina', 'authorship')),
    story('the LIMS ingests results for two samples', async () => {
      await h.result(h.ingest('LIMS-E1'), { assay: '99.2' })
      await h.result(h.ingest('LIMS-E2'), { assay: '98.7' })
    }),
    story('equipment and a batch are registered in one hour', async () => {
      await s.create(equipment, { equipmentId: 'AC-14', highTemperatureAlarm: true }, c.bob)
      s.advance(40)
      await h.batch(c.bob)
    }),
    story('a bioburden result is entered and reported', async () => {
      const r = await s.create(result, { sampleId: 'BB-0001', test: 'Bioburden', status: 'pending' }, c.chen)
      await s.update(r, { assay: '12.0', status: 'reported' }, c.chen, { code: 'step_completed' })
    }),
    story('an operator changes their own password', () => s.core.sessions.changePassword({ username: 'hank', currentPassword: s.password('hank'), newPassword: 'hank second password' }, { ip: '10.20.1.15', userAgent: 'vitest' })),
    story('two operators start batches', async () => (await h.batch(c.alice), await h.batch(c.bob))),
  ]
}
