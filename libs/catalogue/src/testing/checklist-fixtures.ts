/** A town's published item on 最低生活保障 (社会救助): Art. 20 (十一) and Art. 21's 社会救助 fit it (tests of the checklist). */
export const LIVING_ALLOWANCE_ITEM = {
  domainCode: 'social-assistance',
  firstLevel: '社会救助',
  secondLevel: '最低生活保障审核确认',
  content: '低保申请条件、办理程序、保障标准及审核结果公示',
  legalBases: [{ law: '社会救助暂行办法', article: '第十一条' }],
  timeLimit: { text: '信息形成或者变更之日起20个工作日内', rule: { kind: 'working_days_after_formation', days: 20 } },
  subject: '张山子镇人民政府',
  method: '主动',
  channels: [{ channel: '政府网站' }, { channel: '便民服务站' }],
  audience: { kind: '全社会' },
  level: '乡级',
};
/** How the checklist names it: 一级事项：二级事项. */
export const LIVING_ALLOWANCE_TITLE = '社会救助：最低生活保障审核确认';
