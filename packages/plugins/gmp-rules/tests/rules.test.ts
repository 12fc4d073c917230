import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluateScope, type ActionContext } from '@veritrail/core'
import { keys, PACK, Site, type Rec } from './site.js'
import { batch, equipment, result } from './types.js'

// One test pair per rule: an event the rule must flag, and a look-alike it must leave alone.
// Each test writes on its own working day, so windows never reach into another test.

let site: Site
let alice: ActionContext
let bob: ActionContext
let rita: ActionContext
let quinn: ActionContext

beforeAll(async () => {
  site = await Site.open()
  alice = await site.person('alice', 'Alice Wang 王爱丽', 'operator')
  bob = await site.person('bob', 'Bob Li 李波', 'operator')
  rita = await site.person('rita', 'Rita Zhou 周丽', 'reviewer')
  quinn = await site.person('quinn', 'Quinn Sun 孙群', 'qa')
  await site.person('lims', 'LIMS interface', 'integration')
})
afterAll(() => site.close())

const newResult = (sample: string, extra: Record<string, unknown> = {}) =>
  site.create(result, { sampleId: sample, test: 'Assay HPLC', status: 'pending', ...extra }, alice)
/** A result with its assay entered and reported (two entries: create, then the transition). */
async function reported(sample: string, assay: string): Promise<Rec> {
  const rec = await newResult(sample, { assay })
  await site.update(rec, { status: 'reported' }, alice)
  return rec
}
/** Review, review signature and approval signature, then the move to approved. */
async function approve(rec: Rec): Promise<void> {
  await site.review({ record: rec }, rita)
  await site.sign(rec, 'rita', 'review')
  await site.sign(rec, 'quinn', 'approval')
  await site.update(rec, { status: 'approved' }, quinn)
}
const newBatch = (n: string) => site.create(batch, { batchNumber: n, product: 'Gauze pad 10x10', status: 'in_production' }, alice)
const lims = (ref: string) => site.as('lims', 'integration', { source: { system: 'LIMS', user: 'wu.jing', ts: '2024-03-04T10:00:00+08:00', ref } })

async function only(story: () => Promise<void>): Promise<string[]> {
  site.nextWorkday()
  return keys(await site.story(story))
}

describe('gmp.critical-data-modified', () => {
  it('flags a critical value changed after it was recorded, in words a reviewer reads', async () => {
    site.nextWorkday()
    let rec: Rec
    let seq = 0
    const findings = await site.story(async () => {
      rec = await newResult('S-0001', { assay: '98.5' })
      site.advance(45)
      seq = await site.update(rec, { assay: '99.1' }, alice, { code: 'transcription_error', text: 'typo on the worksheet' })
    })
    expect(keys(findings)).toEqual([`gmp.critical-data-modified@data:${seq}`])
    expect(findings[0]).toMatchObject({ severity: 'warning', rule: { id: 'gmp.critical-data-modified', version: '1.0.0', pack: '@veritrail/plugin-gmp-rules' } })
    expect(findings[0]!.message).toEqual({
      en: 'Alice Wang 王爱丽 (alice, Operator) changed critical data of QC test result “S-0001 · Assay HPLC” after it was first recorded: “Assay” 98.5 % → 99.1 %. Reason given: Transcription or typing error: “typo on the worksheet”.',
      'zh-CN': 'Alice Wang 王爱丽（alice，操作员）在首次录入后修改了质检结果“S-0001 · Assay HPLC”的关键数据：“含量” 98.5 % → 99.1 %。所填原因：抄写或录入错误：“typo on the worksheet”。',
    })
  })

  it('leaves first entries of critical values and changes of other fields alone', async () => {
    expect(await only(async () => {
      const rec = await newResult('S-0002')
      await site.update(rec, { assay: '99.0', status: 'reported' }, alice, { code: 'step_completed' })
      await site.update(rec, { remarks: 'Duplicate injection agreed within 0.2 %' }, alice)
    })).toEqual([])
  })
})

describe('gmp.record-deleted', () => {
  it('flags a deletion', async () => {
    let seq = 0
    expect(await only(async () => {
      seq = await site.remove(await newResult('S-0101'), alice, { text: 'Sample registered twice' })
    })).toEqual([`gmp.record-deleted@data:${seq}`])
  })

  it('does not flag creation', async () => {
    expect(await only(async () => void (await newResult('S-0102')))).toEqual([])
  })
})

describe('gmp.record-voided', () => {
  it('flags a record set to void', async () => {
    let seq = 0
    expect(await only(async () => {
      const rec = await reported('S-0201', '97.0')
      seq = await site.update(rec, { status: 'voided' }, alice, { code: 'other', text: 'Wrong sample tested' })
    })).toEqual([`gmp.record-voided@data:${seq}`])
  })

  it('does not flag an approval', async () => {
    expect(await only(async () => approve(await reported('S-0202', '97.0')))).toEqual([])
  })
})

describe('gmp.changed-after-signature', () => {
  it('flags a change while a signature stood on the replaced version, naming the signer', async () => {
    site.nextWorkday()
    let seq = 0
    const findings = await site.story(async () => {
      const rec = await reported('S-0301', '99.2')
      site.advance(30)
      await site.sign(rec, 'rita', 'review')
      site.advance(60)
      seq = await site.update(rec, { remarks: 'Re-checked the integration' }, alice)
    })
    expect(keys(findings)).toEqual([`gmp.changed-after-signature@data:${seq}`])
    expect(findings[0]!.severity).toBe('critical')
    expect(findings[0]!.message.en).toMatch(
      /^Alice Wang 王爱丽 \(alice, Operator\) changed QC test result “S-0301 · Assay HPLC” \(“Remarks” \(empty\) → “Re-checked the integration”\) after it was signed: Rita Zhou 周丽 signed for review on \d{4}-\d\d-\d\d 09:30 \(Asia\/Shanghai\) \(version 2\)\. That signature no longer covers the current data\. Reason given: none given\.$/,
    )
    expect(findings[0]!.message['zh-CN']).toContain('周丽于')
  })

  it('also flags a deletion of a signed record', async () => {
    let seq = 0
    const found = await only(async () => {
      const rec = await reported('S-0302', '99.2')
      await site.sign(rec, 'rita', 'review')
      seq = await site.remove(rec, alice, { text: 'Registered on the wrong product' })
    })
    expect(found).toEqual([`gmp.changed-after-signature@data:${seq}`, `gmp.record-deleted@data:${seq}`])
  })

  it('leaves alone lifecycle moves, withdrawn signatures and other records', async () => {
    expect(await only(async () => {
      const a = await reported('S-0303', '99.2')
      const b = await newResult('S-0304')
      await approve(a)
      await site.update(b, { remarks: 'Sample received warm, accepted by QA' }, alice)
      const c = await reported('S-0305', '98.0')
      const signature = await site.sign(c, 'rita', 'review')
      await site.withdraw(signature.id, 'rita', 'Signed before the second injection was entered')
      await site.update(c, { remarks: 'Second injection entered' }, alice)
    })).toEqual([])
  })
})

describe('gmp.changed-after-review', () => {
  it('flags a change after a completed review covered the replaced version', async () => {
    let seq = 0
    const found = await only(async () => {
      const rec = await newBatch('B-0401')
      site.advance(60)
      await site.review({ record: rec }, rita)
      site.advance(60)
      seq = await site.update(rec, { remarks: 'Label reprinted' }, alice)
    })
    expect(found).toEqual([`gmp.changed-after-review@data:${seq}`])
  })

  it('leaves alone release after review and records outside the review period', async () => {
    expect(await only(async () => {
      const reviewed = await newBatch('B-0402')
      const later = await newBatch('B-0403')
      await site.review({ from: reviewed.seq, to: reviewed.seq }, rita)
      await site.update(reviewed, { status: 'completed' }, quinn)
      await site.update(later, { remarks: 'Started on line 2' }, alice)
    })).toEqual([])
  })
})

describe('gmp.privileged-data-operation', () => {
  it('flags an administrator writing GMP data', async () => {
    let seq = 0
    expect(await only(async () => {
      seq = (await site.create(result, { sampleId: 'S-0501', test: 'Assay HPLC', status: 'pending' }, site.admin)).seq
    })).toEqual([`gmp.privileged-data-operation@data:${seq}`])
  })

  it('does not flag operators', async () => {
    expect(await only(async () => void (await newResult('S-0502')))).toEqual([])
  })
})

describe('gmp.integration-without-source', () => {
  it('flags an integration write that names no source', async () => {
    let seq = 0
    expect(await only(async () => {
      seq = (await site.create(result, { sampleId: 'S-0601', test: 'Assay HPLC', status: 'pending' }, site.as('lims', 'integration'))).seq
    })).toEqual([`gmp.integration-without-source@data:${seq}`])
  })

  it('treats ingest that names its source as normal', async () => {
    expect(await only(async () => void (await site.create(result, { sampleId: 'S-0602', test: 'Assay HPLC', status: 'pending' }, lims('LIMS-602'))))).toEqual([])
  })
})

describe('gmp.alarm-disabled and gmp.alarm-or-parameter-changed', () => {
  it('flags an alarm switched off (critical) and a limit changed (warning)', async () => {
    let off = 0
    let limit = 0
    const found = await only(async () => {
      const ac = await site.create(equipment, { equipmentId: 'AC-01', highTemperatureAlarm: true, alarmLimit: '136.0' }, bob)
      limit = await site.update(ac, { alarmLimit: '138.0' }, bob, { code: 'other', text: 'New validated limit' })
      off = await site.update(ac, { highTemperatureAlarm: false }, bob, { code: 'other', text: 'Sensor maintenance' })
    })
    expect(found).toEqual([
      `gmp.alarm-disabled@data:${off}`,
      `gmp.alarm-or-parameter-changed@data:${limit}`,
      `gmp.critical-data-modified@data:${limit}`,
      `gmp.critical-data-modified@data:${off}`,
    ])
  })

  it('flags alert delivery switched off in the settings', async () => {
    let on = 0
    let off = 0
    const found = await only(async () => {
      await site.core.settings.change({ alerts: { webhookUrl: 'https://alerts.example.com/hook' } }, { text: 'Alerts to the QA channel' }, site.admin)
      on = await site.lastSeq('system', 'config_change')
      await site.core.settings.change({ alerts: { webhookUrl: null } }, { text: 'Webhook endpoint retired' }, site.admin)
      off = await site.lastSeq('system', 'config_change')
    })
    expect(found).toEqual([`gmp.alarm-disabled@system:${off}`, `gmp.alarm-or-parameter-changed@system:${on}`])
  })

  it('does not flag other equipment fields or an alarm set at creation', async () => {
    expect(await only(async () => {
      const ac = await site.create(equipment, { equipmentId: 'AC-02', highTemperatureAlarm: true }, bob)
      await site.update(ac, { notes: 'Door gasket replaced' }, bob)
    })).toEqual([])
  })
})

describe('gmp.run-aborted', () => {
  it('flags a batch aborted', async () => {
    let seq = 0
    expect(await only(async () => {
      seq = await site.update(await newBatch('B-0801'), { status: 'aborted', remarks: 'Steam supply failed' }, alice)
    })).toEqual([`gmp.run-aborted@data:${seq}`])
  })

  it('does not flag a batch completed', async () => {
    expect(await only(async () => {
      await site.update(await newBatch('B-0802'), { status: 'completed', sterilisationTime: '30.5' }, alice, { code: 'step_completed' })
    })).toEqual([])
  })
})

describe('gmp.reprocessing', () => {
  it('flags reprocessing by reason code or by the words of the reason', async () => {
    let byCode = 0
    let byText = 0
    const found = await only(async () => {
      const a = await newResult('S-0901')
      byCode = await site.update(a, { assay: '98.7' }, alice, { code: 'reprocessing', text: 'Baseline corrected' })
      const b = await newResult('S-0902')
      byText = await site.update(b, { assay: '99.4' }, alice, { code: 'other', text: '色谱图重新积分后录入' })
    })
    expect(found).toEqual([`gmp.reprocessing@data:${byCode}`, `gmp.reprocessing@data:${byText}`])
  })

  it('does not flag other reasons', async () => {
    expect(await only(async () => {
      await site.update(await newResult('S-0903'), { assay: '98.9' }, alice, { code: 'late_entry', text: 'Entered from the paper worksheet' })
    })).toEqual([])
  })
})

describe('gmp.repeated-result-changes', () => {
  it('flags the third change of one result within 30 minutes', async () => {
    let third = 0
    const seqs: number[] = []
    const found = await only(async () => {
      const rec = await newResult('S-1001')
      await site.update(rec, { assay: '97.9' }, alice, { code: 'step_completed' })
      site.advance(10)
      seqs.push(await site.update(rec, { assay: '98.4' }, alice, { code: 'other', text: 'Re-read the balance' }))
      site.advance(10)
      third = await site.update(rec, { assay: '98.6' }, alice, { code: 'transcription_error' })
      seqs.push(third)
    })
    expect(found).toEqual([...seqs.map((s) => `gmp.critical-data-modified@data:${s}`), `gmp.repeated-result-changes@data:${third}`].sort())
  })

  it('does not flag the same number of changes spread over hours, nor the first recording at creation', async () => {
    const found = await only(async () => {
      const rec = await newResult('S-1002', { assay: '97.7' })
      site.advance(5)
      await site.update(rec, { assay: '97.8' }, alice, { code: 'transcription_error' })
      site.advance(5)
      await site.update(rec, { assay: '97.9' }, alice, { code: 'transcription_error' })
      for (const [i, assay] of ['98.0', '98.1'].entries()) {
        site.advance(50)
        await site.update(rec, { assay, ...(i === 0 ? { status: 'reported' } : {}) }, alice, { code: i === 0 ? 'step_completed' : 'transcription_error' })
      }
    })
    expect(found.filter((k) => k.startsWith('gmp.repeated'))).toEqual([])
  })
})

describe('gmp.failed-logins and gmp.account-locked', () => {
  it('flags three failed sign-ins within 15 minutes, and a lock', async () => {
    await site.person('carl', 'Carl Xu 徐卡尔', 'operator')
    let third = 0
    let lock = 0
    const found = await only(async () => {
      for (let i = 0; i < 5; i++) {
        site.advance(2)
        await site.login('carl', `guess ${i}`)
        if (i === 2) third = await site.lastSeq('system', 'login_failed')
      }
      lock = await site.lastSeq('system', 'lock')
      await site.core.accounts.unlock(site.as('carl').actor.id, 'Identity confirmed by phone', site.admin)
    })
    expect(found).toEqual([`gmp.account-locked@system:${lock}`, `gmp.failed-logins@system:${third}`])
  })

  it('does not flag typos followed by success, slow failures, or a first-login password change', async () => {
    await site.person('dina', 'Dina Ma 马蒂娜', 'operator')
    const found = await only(async () => {
      expect(await site.login('dina', 'typo one')).toBe('unauthenticated')
      expect(await site.login('dina', 'typo two')).toBe('unauthenticated')
      expect(await site.login('dina')).toBe('ok')
      for (let i = 0; i < 3; i++) {
        site.advance(40)
        await site.login('dina', `slow ${i}`)
      }
      expect(await site.login('dina')).toBe('ok')
      const fresh = await site.core.accounts.create({ username: 'erin', displayName: 'Erin He 何艾琳', roles: ['operator'] }, site.admin)
      for (let i = 0; i < 3; i++) expect(await site.login('erin', fresh.temporaryPassword)).toBe('password_change_required')
    })
    expect(found).toEqual([])
  })
})

describe('gmp.signature-failed', () => {
  it('flags a failed signing attempt', async () => {
    let seq = 0
    expect(await only(async () => {
      await site.failSignature('rita')
      seq = await site.lastSeq('system', 'signature_failed')
      expect(await site.login('rita')).toBe('ok')
    })).toEqual([`gmp.signature-failed@system:${seq}`])
  })

  it('does not flag a sign-in', async () => {
    expect(await only(async () => void expect(await site.login('rita')).toBe('ok'))).toEqual([])
  })
})

describe('gmp.off-hours-change', () => {
  it('flags critical data changed late in the evening and on Saturday', async () => {
    let evening = 0
    let saturday = 0
    const rec = await (async () => {
      site.nextWorkday()
      return newBatch('B-1301')
    })()
    site.at('22:30')
    evening = await site.update(rec, { batchNumber: 'B-1301A' }, alice, { code: 'transcription_error' })
    site.nextSaturday()
    const found = await site.story(async () => {
      saturday = await site.update(rec, { product: 'Gauze pad 10x20' }, alice, { code: 'transcription_error' })
    })
    const late = await site.findings({ data: { from: evening, to: evening }, system: { from: 1, to: 0 } })
    expect(keys(late)).toEqual([`gmp.critical-data-modified@data:${evening}`, `gmp.off-hours-change@data:${evening}`])
    expect(late.find((f) => f.rule.id === 'gmp.off-hours-change')!.message.en).toContain('outside working hours, at 2024-')
    expect(keys(found)).toEqual([`gmp.critical-data-modified@data:${saturday}`, `gmp.off-hours-change@data:${saturday}`])
  })

  it('does not flag working hours, non-critical fields, or a site that works around the clock', async () => {
    site.nextWorkday()
    const rec = await newBatch('B-1302')
    const ranges = await site.record(async () => {
      site.at('23:10')
      await site.update(rec, { remarks: 'Night shift note' }, alice)
      await site.update(rec, { batchNumber: 'B-1302A' }, alice, { code: 'transcription_error' })
    })
    const result = await evaluateScope(site.core.store.read, {
      trail: 'data', fromSeq: ranges.data.from, toSeq: ranges.data.to, rules: PACK,
      settings: { workingHours: { start: '00:00', end: '24:00', days: [0, 1, 2, 3, 4, 5, 6] } },
    })
    expect(result.findings.map((f) => f.rule.id)).toEqual(['gmp.critical-data-modified'])
  })
})

describe('gmp.clock-changed', () => {
  it('flags a clock that went backwards', async () => {
    let seq = 0
    expect(await only(async () => {
      await newResult('S-1401')
      site.clock -= 10 * 60_000
      await newResult('S-1402')
      seq = await site.lastSeq('system', 'clock_change')
    })).toEqual([`gmp.clock-changed@system:${seq}`])
  })

  it('does not flag time moving on', async () => {
    expect(await only(async () => {
      await newResult('S-1403')
      site.advance(600)
      await newResult('S-1404')
    })).toEqual([])
  })
})

describe('gmp.time-zone-changed and gmp.configuration-changed', () => {
  it('flags a time zone change (warning) and other settings (info)', async () => {
    const seqs: number[] = []
    const found = await only(async () => {
      for (const changes of [{ site: { timeZone: 'Europe/Berlin' } }, { site: { timeZone: 'Asia/Shanghai' } }, { password: { minLength: 14 } }]) {
        await site.core.settings.change(changes, { text: 'Change request CR-2024-031' }, site.admin)
        seqs.push(await site.lastSeq('system', 'config_change'))
      }
    })
    expect(found).toEqual([
      `gmp.configuration-changed@system:${seqs[2]}`,
      `gmp.time-zone-changed@system:${seqs[0]}`,
      `gmp.time-zone-changed@system:${seqs[1]}`,
    ])
  })
})

describe('gmp.bulk-changes', () => {
  it('flags the 51st data entry of one person within 10 minutes, once', async () => {
    const seqs: number[] = []
    const found = await only(async () => {
      for (let i = 0; i < 60; i++) {
        site.advance(0.15)
        seqs.push((await site.create(result, { sampleId: `S-15${String(i).padStart(2, '0')}`, test: 'Bioburden', status: 'pending' }, bob)).seq)
      }
    })
    expect(found).toEqual([`gmp.bulk-changes@data:${seqs[50]}`])
  })

  it('does not count 50 entries, or ingest that names its source', async () => {
    expect(await only(async () => {
      for (let i = 0; i < 50; i++) {
        site.advance(0.15)
        await site.create(result, { sampleId: `S-16${String(i).padStart(2, '0')}`, test: 'Bioburden', status: 'pending' }, bob)
      }
      for (let i = 0; i < 70; i++) {
        await site.create(result, { sampleId: `S-17${String(i).padStart(2, '0')}`, test: 'Bioburden', status: 'pending' }, lims(`LIMS-17${i}`))
      }
    })).toEqual([])
  })
})
