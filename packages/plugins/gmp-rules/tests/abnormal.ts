import { helpers, type Cast, type Story } from './stories.js'
import type { Site } from './site.js'
import { equipment, result } from './types.js'

/** Work with the abnormal events of R-RV-04; each names exactly the findings it must raise. */
export function abnormalStories(s: Site, c: Cast): Story[] {
  const h = helpers(s, c)
  const story = (name: string, run: Story['run']): Story => ({ name, kind: 'abnormal', run })
  return [
    story('a critical value is corrected after entry', async (_, expect) => {
      const r = await h.result(c.alice, { assay: '98.5' })
      s.advance(30)
      expect('gmp.critical-data-modified', 'data', await s.update(r, { assay: '99.1' }, c.alice, { code: 'transcription_error' }))
    }),
    story('a batch record is deleted', async (_, expect) => {
      expect('gmp.record-deleted', 'data', await s.remove(await h.batch(), c.alice, { text: 'Started twice by mistake' }))
    }),
    story('a result is voided', async (_, expect) => {
      expect('gmp.record-voided', 'data', await s.update(await h.reported(), { status: 'voided' }, c.alice, { code: 'other', text: 'Wrong sample tested' }))
    }),
    story('a result is changed after its review signature', async (_, expect) => {
      const r = await h.reported()
      await s.sign(r, 'rita', 'review')
      s.advance(90)
      const seq = await s.update(r, { assay: '99.6' }, c.alice, { code: 'other', text: 'Customer asked for the second injection' })
      expect('gmp.changed-after-signature', 'data', seq)
      expect('gmp.critical-data-modified', 'data', seq)
    }),
    story('a batch is changed after its audit trail was reviewed', async (_, expect) => {
      const b = await h.batch()
      await s.review({ record: b }, c.rita)
      s.advance(60)
      expect('gmp.changed-after-review', 'data', await s.update(b, { remarks: 'Label text corrected' }, c.alice))
    }),
    story('the administrator creates a batch record', async (_, expect) => {
      expect('gmp.privileged-data-operation', 'data', (await h.batch(s.admin)).seq)
    }),
    story('the MES writes a batch without naming its source', async (_, expect) => {
      expect('gmp.integration-without-source', 'data', (await h.batch(s.as('mes', 'integration'))).seq)
    }),
    story('an autoclave alarm is switched off', async (_, expect) => {
      const e = await s.create(equipment, { equipmentId: 'AC-21', highTemperatureAlarm: true, alarmLimit: '137.0' }, c.bob)
      s.advance(120)
      const seq = await s.update(e, { highTemperatureAlarm: false }, c.bob, { code: 'other', text: 'Nuisance alarms during the run' })
      expect('gmp.alarm-disabled', 'data', seq)
      expect('gmp.critical-data-modified', 'data', seq)
    }),
    story('alert delivery is configured, then switched off', async (_, expect) => {
      await s.core.settings.change({ alerts: { webhookUrl: 'https://alerts.example.com/qa' } }, { text: 'Alerts to QA' }, s.admin)
      expect('gmp.alarm-or-parameter-changed', 'system', await s.lastSeq('system', 'config_change'))
      s.advance(300)
      await s.core.settings.change({ alerts: { webhookUrl: null } }, { text: 'Too many messages' }, s.admin)
      expect('gmp.alarm-disabled', 'system', await s.lastSeq('system', 'config_change'))
    }),
    story('a batch is aborted', async (_, expect) => {
      expect('gmp.run-aborted', 'data', await s.update(await h.batch(), { status: 'aborted', remarks: 'Steam supply failed' }, c.alice))
    }),
    story('an assay is reintegrated', async (_, expect) => {
      const r = await h.result(c.alice, { assay: '97.9' })
      s.advance(60)
      const seq = await s.update(r, { assay: '98.6' }, c.alice, { code: 'reprocessing', text: 'Peak reintegrated' })
      expect('gmp.reprocessing', 'data', seq)
      expect('gmp.critical-data-modified', 'data', seq)
    }),
    story('an assay is changed three times in 20 minutes', async (_, expect) => {
      const r = await h.result()
      await s.update(r, { assay: '97.2' }, c.alice, { code: 'step_completed' })
      for (const assay of ['97.8', '98.1']) {
        s.advance(10)
        expect('gmp.critical-data-modified', 'data', await s.update(r, { assay }, c.alice, { code: 'transcription_error' }))
      }
      expect('gmp.repeated-result-changes', 'data', r.seq)
    }),
    story('three failed sign-ins within 10 minutes', async (_, expect) => {
      for (const guess of ['a', 'b', 'c']) (s.advance(3), await s.login('eve', guess))
      expect('gmp.failed-logins', 'system', await s.lastSeq('system', 'login_failed'))
      await s.login('eve')
    }),
    story('an account is locked after five failures', async (_, expect) => {
      for (let i = 0; i < 5; i++) {
        s.advance(1)
        await s.login('hank', `guess ${i}`)
        if (i === 2) expect('gmp.failed-logins', 'system', await s.lastSeq('system', 'login_failed'))
      }
      expect('gmp.account-locked', 'system', await s.lastSeq('system', 'lock'))
      await s.core.accounts.unlock(s.as('hank').actor.id, 'Identity confirmed by phone', s.admin)
    }),
    story('a signing attempt fails', async (_, expect) => {
      await s.failSignature('rita')
      expect('gmp.signature-failed', 'system', await s.lastSeq('system', 'signature_failed'))
      await s.login('rita')
    }),
    story('a batch number is changed at 22:30', async (_, expect) => {
      const b = await h.batch()
      s.at('22:30')
      const seq = await s.update(b, { batchNumber: `${String(b.data.batchNumber)}A` }, c.chen, { code: 'transcription_error' })
      expect('gmp.off-hours-change', 'data', seq)
      expect('gmp.critical-data-modified', 'data', seq)
    }),
    story('a product is changed on Saturday', async (_, expect) => {
      const b = await h.batch()
      s.nextSaturday()
      const seq = await s.update(b, { product: 'Gauze pad 10x20' }, c.chen, { code: 'transcription_error' })
      expect('gmp.off-hours-change', 'data', seq)
      expect('gmp.critical-data-modified', 'data', seq)
    }),
    story('the server clock is set back', async (_, expect) => {
      await h.result()
      s.clock -= 15 * 60_000
      await h.result()
      expect('gmp.clock-changed', 'system', await s.lastSeq('system', 'clock_change'))
    }),
    story('the site time zone is changed and changed back', async (_, expect) => {
      for (const timeZone of ['Europe/Berlin', 'Asia/Shanghai']) {
        await s.core.settings.change({ site: { timeZone } }, { text: 'Change request CR-2024-044' }, s.admin)
        expect('gmp.time-zone-changed', 'system', await s.lastSeq('system', 'config_change'))
      }
    }),
    story('an operator registers 60 samples in 10 minutes', async (_, expect) => {
      const seqs: number[] = []
      for (let i = 0; i < 60; i++) (s.advance(0.15), seqs.push((await s.create(result, { sampleId: `BULK-${i}`, test: 'Bioburden', status: 'pending' }, c.chen)).seq))
      expect('gmp.bulk-changes', 'data', seqs[50]!)
    }),
    story('a signed result is deleted', async (_, expect) => {
      const r = await h.reported()
      await s.sign(r, 'rita', 'review')
      const seq = await s.remove(r, c.alice, { text: 'Duplicate registration' })
      expect('gmp.changed-after-signature', 'data', seq)
      expect('gmp.record-deleted', 'data', seq)
    }),
    story('the password policy is changed', async (_, expect) => {
      await s.core.settings.change({ password: { maxAgeDays: 180 } }, { text: 'Aligned with corporate policy' }, s.admin)
      expect('gmp.configuration-changed', 'system', await s.lastSeq('system', 'config_change'))
    }),
    story('the lockout threshold is raised', async (_, expect) => {
      await s.core.settings.change({ lockout: { threshold: 8 } }, { text: 'Users complained' }, s.admin)
      expect('gmp.alarm-or-parameter-changed', 'system', await s.lastSeq('system', 'config_change'))
    }),
  ]
}
