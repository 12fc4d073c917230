import type { ReasonDefinition } from '@veritrail/core'
import { label } from './label.js'

// Reasons for change shared by several record types (ARCHITECTURE §2.9). Each type lists the
// ones that make sense for it and adds its own; the codes are stable, the labels translated.

/** A value was written down or typed wrongly. */
export const transcriptionError: ReasonDefinition = {
  code: 'transcription_error',
  label: label('Transcription or typing error', '抄写或录入错误'),
}

/** The measurement was repeated and the new value replaces the old one. */
export const remeasured: ReasonDefinition = {
  code: 'remeasured',
  label: label('Measurement re-taken', '重新测量（复测）'),
}

/** A limit or setpoint changed because an approved change control says so. */
export const specificationChange: ReasonDefinition = {
  code: 'specification_change',
  label: label('Specification change under change control', '经变更控制批准的规格变更'),
}

/** The instrument was found out of calibration and its values are corrected. */
export const calibrationCorrection: ReasonDefinition = {
  code: 'calibration_correction',
  label: label('Instrument calibration correction', '仪器校准修正'),
}

/** Data first recorded on paper (or on a down system) is entered afterwards. */
export const lateEntry: ReasonDefinition = {
  code: 'late_entry',
  label: label('Late entry of data recorded on paper', '纸质记录数据补录'),
}

/** The same event was entered twice; used when deleting the second record. */
export const duplicateEntry: ReasonDefinition = {
  code: 'duplicate_entry',
  label: label('Duplicate entry', '重复录入'),
}

/** Anything else; the person must explain in words. */
export const other: ReasonDefinition = {
  code: 'other',
  label: label('Other (explain)', '其他（请说明）'),
  requiresText: true,
}
