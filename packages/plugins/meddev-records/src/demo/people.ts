/** A person at the demo site: user name and name as written on paper records. */
export interface DemoPerson {
  user: string
  name: string
}

const person = (user: string, name: string): DemoPerson => ({ user, name })

export const operators = [
  person('zhang.wei', '张伟'),
  person('li.na', '李娜'),
  person('wang.fang', '王芳'),
  person('liu.yang', '刘洋'),
  person('chen.jie', '陈杰'),
  person('yang.min', '杨敏'),
]
export const inspectors = [person('zhou.hui', '周慧'), person('wu.jing', '吴静')]
export const qaStaff = [person('zhao.lei', '赵磊'), person('sun.li', '孙丽')]
export const engineers = [
  person('huang.tao', '黄涛'),
  person('xu.qiang', '徐强'),
  person('m.weber', 'Martin Weber'),
]
export const trainers = [person('he.ping', '何平'), person('sun.li', '孙丽')]
export const warehouse = [person('ma.jun', '马军'), person('gao.yan', '高燕')]

/** A procedure people are trained on, with the revision in force when the demo starts. */
export interface DemoSop {
  number: string
  course: string
  revision: string
  audience: 'operators' | 'inspectors' | 'all'
}

export const sops: DemoSop[] = [
  { number: 'SOP-PRD-001', course: '封口操作规程', revision: 'C', audience: 'operators' },
  { number: 'SOP-PRD-002', course: '湿热灭菌操作规程', revision: 'B', audience: 'operators' },
  { number: 'SOP-EQ-002', course: '设备清洁规程', revision: 'D', audience: 'operators' },
  { number: 'SOP-QC-003', course: '封口强度检验规程', revision: 'B', audience: 'inspectors' },
  {
    number: 'SOP-QC-004',
    course: 'Bioburden testing (GB/T 19973.1)',
    revision: 'A',
    audience: 'inspectors',
  },
  { number: 'SOP-QA-001', course: '良好文件记录规范（GDP）', revision: 'E', audience: 'all' },
  { number: 'SOP-QA-005', course: '偏差处理规程', revision: 'C', audience: 'all' },
]

export const equipmentNames: Record<string, string> = {
  'AC-01': '脉动真空灭菌器 1号',
  'AC-02': '脉动真空灭菌器 2号',
  'SL-03': '医用封口机 3号',
  'SL-04': '医用封口机 4号',
  'CUT-01': '纱布裁切机',
  'ASM-01': '手术包组装线',
  'IM-05': '液体硅胶注射成型机',
}
