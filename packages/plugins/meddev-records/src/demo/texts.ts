// Free texts the demo site writes, in the mix of Chinese and English a Chinese plant with a
// foreign parent company produces.

export const batchRemarks = [
  '生产过程正常，无异常。',
  '清场检查合格后开始生产。',
  '首件检验合格。',
  'Line clearance verified by the shift leader before start.',
  '换班交接已完成，交接记录完整。',
]

export const abortReasons = [
  '灭菌过程温度低于设定值报警，按SOP-QA-005中止批次并启动偏差调查。',
  '封口机温控故障，已封口产品全部隔离，批次中止。',
  'Vacuum leak test of the steriliser failed before the cycle; batch aborted and quarantined.',
  '灭菌器门封报警，灭菌程序中断，批次中止。',
]

export const transcriptionTexts = [
  '与仪器打印记录核对后更正',
  '与灭菌器打印记录核对后更正',
  'Corrected against the instrument printout',
  '录入时数字颠倒，已更正',
]

export const releaseComments = [
  '批记录审核完毕，检验结果符合规定，同意放行。',
  '批生产记录及检验报告齐全，无未关闭偏差，同意放行。',
  'Batch record and test results reviewed; no open deviations. Released.',
]

export const reviewFindings = [
  '批记录中灭菌锅次号漏填，已退回生产补填。',
  '设备使用日志缺少清洁确认签字，已补签。',
  'Start time on page 2 did not match the MES record; production corrected it.',
]

export const rootCauses = [
  '灭菌器温度传感器漂移，校准周期过长。',
  '封口机加热条老化导致封口温度不均匀。',
  '操作人员未按SOP-PRD-001设定封口参数，培训不到位。',
  'Pouch supplier changed the coating weight without notification.',
  '来料纱布初始污染菌偏高，供应商洁净区管理失效。',
]

export const correctiveActions = [
  '更换温度传感器并重新校准，对受影响批次进行评估。',
  '更换加热条，重新进行封口工艺确认（OQ）。',
  '对相关操作人员进行再培训并考核。',
  'Quarantined affected pouch lots; supplier issued a SCAR.',
]

export const preventiveActions = [
  '将温度传感器校准周期由12个月缩短为6个月。',
  '在预防性维护计划中增加加热条定期检查。',
  '在MES中锁定封口参数，操作人员不可修改。',
  'Added coating weight to the incoming inspection plan and the quality agreement.',
]

export const effectivenessChecks = [
  '连续3个月跟踪，未再发生同类偏差，措施有效。',
  '后续20批封口强度均符合要求，措施有效。',
  'No recurrence in 25 consecutive batches; CAPA effective.',
]

export const auditFindings = [
  '内审发现：部分设备使用日志清洁状态记录不完整。',
  'Notified-body audit: training records for SOP revisions not completed before use.',
  '供应商审核发现：来料检验抽样方案未按AQL执行。',
]
