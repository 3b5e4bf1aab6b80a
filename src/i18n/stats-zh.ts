import type { Durations } from '../domain/bot-metrics.js';
import { changeNote, type StatsCatalog } from './stats-catalog.js';

const hm = (minutes: number) => {
  const m = Math.round(minutes);
  return m < 60 ? `${m}分钟` : `${Math.floor(m / 60)}小时${m % 60 ? `${m % 60}分` : ''}`;
};
const times = (d: Durations) =>
  d.median === undefined ? '暂无' : `中位数 ${hm(d.median)}，P90 ${hm(d.p90 ?? d.median)}（${d.count} 个）`;
const pct = (n: number | undefined) => (n === undefined ? '—' : `${n}%`);

/** Chinese words for the figures. */
export const statsZh: StatsCatalog = {
  feedback: {
    question: '问题解决了吗？',
    helpful: '解决了',
    unhelpful: '没有解决',
    thanks: '谢谢，很高兴问题解决了。已记录。',
    sorry: '抱歉没能解决。可以和我一起逐项排查，或者转交财务：',
    alreadyAnswered: '您已经就这张发票回答过了，谢谢。没有做任何更改。',
    troubleshoot: '逐项排查',
    escalate: '上报财务',
  },
  greeting: (role) =>
    [
      '👋 *您好，我是发票助手（Invoice Desk）。* 发给我发票号码，我会告诉您它在哪里；如果税务系统里还查不到，我会说明原因、预计何时能查到，以及下一步怎么做。',
      '• `发票 26112000000000100008 怎么查不到` 或直接发号码——20 位数电号码，或发票代码加号码',
      '• `排查 <号码>` 逐项排查；`上报 <号码>` 转交财务处理',
      '• `notices` 查看税务系统维护公告；`escalations` 查看您上报的问题',
      ...(role === 'employee' ? [] : ['• `统计` —— 机器人的表现：提问、已解决、上报和 SLA']),
      '随时输入 `帮助` 查看用法；English: type `lang en`.',
    ].join('\n'),
  refused: '机器人的统计数据仅供财务负责人和管理员查看。',
  badPeriod: (text) =>
    `无法识别时间段“${text}”。请使用 本周、上周、本月、上月，或日期范围，例如 2026-11-01..2026-11-30。`,
  rangeTooLong: (days, max) => `该范围有 ${days} 天；最多 ${max} 天，更长的请用 \`npm run stats\` 导出。`,
  title: (from, to) => `机器人统计：${from} 至 ${to}`,
  headline: (m, h, c) => [
    `*提问：* ${h.questions}${changeNote(c.questions)}，来自 ${m.users} 人，涉及 ${m.invoices} 张发票（查询 ${m.lookups} 次）`,
    `*确认解决：* ${h.solved}（${pct(h.solvedPercent)}${changeNote(c.solvedPercent, ' 个百分点')}）· 上报 ${h.escalated}${changeNote(c.escalated)} · 未解决 ${m.outcomes.not_solved} · 未回复 ${h.noAnswer}`,
    `*上报：* 新增 ${h.escalationsOpened}${changeNote(c.escalationsOpened)}，已解决 ${h.escalationsResolved}${changeNote(c.escalationsResolved)}`,
    `*首次响应*（工作时间）：${times(m.escalations.firstResponse)} · SLA 达成 ${pct(h.firstResponseSla)}${changeNote(c.firstResponseSla, ' 个百分点')}`,
    `*解决用时*（工作时间）：${times(m.escalations.resolution)} · SLA 达成 ${pct(h.resolutionSla)}${changeNote(c.resolutionSla, ' 个百分点')}`,
    `*期末仍超期未出现的发票：* ${h.missingAtEnd ?? '—'}${changeNote(c.missingAtEnd)}`,
  ],
  detail: (m, resolutionCause) => [
    `*解决于：* ${m.solvedAt.map((s) => `${statsZh.solvedAt[s.name]} ${s.count}`).join('，') || '—'}`,
    `*诊断原因：* ${
      m.causes.diagnoses
        .slice(0, 5)
        .map((c) => `${statsZh.causes[c.name] ?? c.name} ${c.count}`)
        .join('，') || '—'
    }`,
    `*排查发现：* ${m.causes.findings.map((c) => `${statsZh.solvedAt[c.name]} ${c.count}`).join('，') || '—'}`,
    `*解决原因：* ${m.causes.resolutions.map((c) => `${resolutionCause(c.name)} ${c.count}`).join('，') || '—'}`,
  ],
  weekly: (h, c) =>
    `📊 上周：提问 ${h.questions}${changeNote(c.questions)}，确认解决 ${h.solved}（${pct(h.solvedPercent)}${changeNote(c.solvedPercent, ' 个百分点')}），上报 ${h.escalationsOpened}${changeNote(c.escalationsOpened)}，首次响应 SLA ${pct(h.firstResponseSla)}${changeNote(c.firstResponseSla, ' 个百分点')}，解决 SLA ${pct(h.resolutionSla)}${changeNote(c.resolutionSla, ' 个百分点')}。`,
  causes: {
    invalid_id: '号码无效',
    not_found: '未找到',
    not_issued: '尚未开具',
    issue_failed: '开票失败',
    upload_failed: '上传失败',
    voided: '已作废',
    out_of_control: '失控',
    abnormal: '异常',
    red_reversed: '已红冲',
    partially_red_reversed: '部分红冲',
    red_invoice: '红字发票',
    maintenance: '系统维护',
    sync_window: '同步中',
    not_synced_yet: '尚未同步',
    overdue: '超期未出现',
    wrong_buyer: '购方有误',
    mismatch: '数据不一致',
    tax_only: '仅税务数据有',
    too_old: '超过查验期',
    other_region: '其他地区',
    visible: '可查到',
  },
  solvedAt: {
    answer: '首次回答',
    maintenance: '维护',
    sync: '同步',
    entry: '录入',
    issue: '开具',
    status: '状态',
    buyer: '购方',
  },
  trend: { title: '每周提问与上报', questions: '提问', escalations: '上报', x: '周', y: '数量' },
  trendSummary: (weeks, questions, escalations) => `最近 ${weeks} 周：提问 ${questions} 个，上报 ${escalations} 个。`,
  topCauses: { title: '最常见原因', x: '原因', y: '提问' },
  topCausesSummary: (top, count) => (top ? `最常见的原因：${top}（${count}）。` : '暂无原因数据。'),
  split: { title: '机器人解决与上报', bot: '机器人解决', finance: '上报财务', notSolved: '未解决', open: '未回复' },
  splitSummary: (solved, escalated) => `机器人确认解决 ${solved} 个，上报财务 ${escalated} 个。`,
  noQuestions: '此时间段内还没有提问。',
  home: {
    title: '📊 机器人表现',
    period: '本周至今，与上周比较。全公司数据，仅财务负责人和管理员可见。',
    more: '其他时间段：`/invoice 统计 上周`、`本月`、`2026-11-01..2026-11-30`；导出请用 `npm run stats`。',
  },
};
