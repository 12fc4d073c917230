import { describe, expect, it } from 'vitest'
import { criticalChanges, formFields, fromFormValues, toFormValues } from './form-model.ts'
import { recipeType } from './test-types.test-helper.ts'

const fields = formFields(recipeType)
const byName = (name: string) => fields.find((f) => f.name === name)!

describe('formFields', () => {
  it('generates a control per field with labels, units, requirement and list shapes', () => {
    expect(fields.map((f) => f.name)).toEqual(recipeType.fields.map((f) => f.name))
    expect(byName('sterilisationTime')).toMatchObject({
      kind: 'decimal',
      unit: 'min',
      critical: true,
      required: true,
    })
    expect(byName('product').maxLength).toBe(40)
    expect(byName('components')).toMatchObject({ list: 'rows' })
    expect(byName('components').columns?.map((c) => [c.name, c.label, c.kind])).toEqual([
      ['partNumber', 'Part number', 'text'],
      ['quantity', 'Quantity', 'decimal'],
      ['unit', 'Unit', 'enum'],
    ])
    expect(byName('equipment').list).toBe('text')
    expect(byName('status').lifecycle).toBe(true)
  })
})

describe('form values', () => {
  it('starts a new record in the lifecycle’s initial state', () => {
    expect(toFormValues(fields, null, recipeType).status).toBe('draft')
  })

  it('keeps decimals as written, checks them, and reports missing required fields', () => {
    const values = {
      ...toFormValues(fields, null, recipeType),
      product: 'Catheter',
      sterilisationTime: '15.10',
    }
    expect(fromFormValues(fields, values, null)).toEqual({
      data: { product: 'Catheter', sterilisationTime: '15.10', status: 'draft' },
      errors: {},
    })
    expect(fromFormValues(fields, { ...values, sterilisationTime: '15,1' }, null).errors).toEqual({
      sterilisationTime: 'invalidDecimal',
    })
    expect(fromFormValues(fields, { ...values, product: ' ' }, null).errors).toEqual({
      product: 'required',
    })
  })

  it('leaves untouched values exactly as stored, so nothing changes by itself', () => {
    const stored = {
      product: 'Catheter',
      sterilisationTime: '15.0',
      startedAt: '2026-11-22T08:00:00+08:00',
      equipment: ['AC-1'],
      components: [{ partNumber: 'P1', quantity: '2.50', unit: 'pcs' }],
      status: 'draft',
    }
    const values = toFormValues(fields, stored, recipeType)
    const { data, errors } = fromFormValues(fields, values, stored)
    expect(errors).toEqual({})
    expect(data).toEqual(stored)
    expect(criticalChanges(fields, stored, data)).toEqual([])
  })

  it('names the critical fields that change', () => {
    const stored = { product: 'Catheter', sterilisationTime: '15.0', remarks: 'a', status: 'draft' }
    const values = {
      ...toFormValues(fields, stored, recipeType),
      sterilisationTime: '18.5',
      remarks: 'b',
    }
    const { data } = fromFormValues(fields, values, stored)
    expect(criticalChanges(fields, stored, data)).toEqual(['Sterilisation hold time'])
  })

  it('reads lists one per line and table rows with their column kinds', () => {
    const values = {
      ...toFormValues(fields, null, recipeType),
      product: 'X',
      sterilisationTime: '1',
      equipment: ['AC-1', ' ', 'AC-2 '],
      components: [{ partNumber: 'P1', quantity: '2.5', unit: 'pcs' }],
    }
    const { data } = fromFormValues(fields, values, null)
    expect(data.equipment).toEqual(['AC-1', 'AC-2'])
    expect(data.components).toEqual([{ partNumber: 'P1', quantity: '2.5', unit: 'pcs' }])
  })
})
