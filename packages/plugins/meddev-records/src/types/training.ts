import { defineRecordType } from '@veritrail/core'
import * as f from '../fields/index.js'
import { label } from '../label.js'
import { duplicateEntry, lateEntry, other, transcriptionError } from '../reasons.js'

const fields = {
  trainee: f.text(label('Trainee (user name)', '受训人（用户名）'), { critical: 'GMP', max: 60 }),
  traineeName: f.optional(f.text(label('Trainee full name', '受训人姓名'), { max: 60 })),
  course: f.text(label('Course', '培训课程')),
  sopNumber: f.text(label('SOP number', 'SOP编号'), { critical: 'GMP', max: 40 }),
  sopRevision: f.text(label('SOP revision', 'SOP版本'), { critical: 'GMP', max: 10 }),
  method: f.choice(label('Training method', '培训方式'), {
    classroom: label('Classroom', '课堂培训'),
    on_the_job: label('On the job', '岗位实操培训'),
    self_study: label('Self-study (read and understood)', '自学（阅读并理解）'),
    e_learning: label('E-learning', '在线学习'),
  }),
  completionDate: f.date(label('Completion date', '完成日期'), { critical: 'GMP' }),
  trainer: f.text(label('Trainer', '培训师'), { critical: 'GMP', max: 60 }),
  result: f.choice(
    label('Result', '考核结果'),
    { passed: label('Passed', '合格'), failed: label('Failed', '不合格') },
    { critical: 'GMP' },
  ),
  score: f.optional(f.integer(label('Score', '考核分数'), { critical: 'GMP', min: 0, max: 100 })),
  assessment: f.optional(f.attachment(label('Signed assessment sheet', '签字考核试卷'))),
  remarks: f.optional(f.longtext(label('Remarks', '备注'))),
}

/** Evidence that a person was trained on a procedure revision, and passed (ISO 13485 §6.2). */
export const training = defineRecordType({
  id: 'meddev.training',
  version: '1.0.0',
  title: label('Training record', '培训记录'),
  ...f.shape(fields),
  reasons: [transcriptionError, lateEntry, duplicateEntry, other],
  retention: {
    years: 30,
    from: { field: 'completionDate' },
    description: label(
      'Kept for the working life of the person and beyond',
      '保存至员工离职后仍可追溯',
    ),
  },
  summary: '{trainee} · {sopNumber}/{sopRevision} · {result}',
  deletable: { roles: ['qa'] },
})
