import type { Diagnosis } from '../domain/diagnose.js';
import type { NonIdNumber } from '../domain/non-id-numbers.js';
import {
  type Catalog,
  type DiagnosisText,
  type Formatters,
  HELP_GROUPS,
  type HelpTopic,
  withAdvice,
} from './catalog.js';
import { showDisagreement } from './show-disagreement.js';
import { statsZh } from './stats-zh.js';
import { adviceZh } from './zh-advice.js';

// Working days left before a deadline, counting today and the deadline itself.
const left = (n: number) => (n === 1 ? '今天是最后一个工作日' : `还剩 ${n} 个工作日`);

// A filing deadline as people read it: one the rule computed (no official table for its year yet) says so.
const dueOf = (d: { due: string; official: boolean }) => `${d.due}${d.official ? '' : '（暂定）'}`;

const ERP: Record<string, string> = {
  pending_review: '待审核',
  issuing: '开票中',
  issued: '开票成功',
  issue_failed: '开票失败',
  upload_failed: '上传失败',
  voided: '已作废',
  red_reversed: '已红冲',
};

const FIELD: Record<string, string> = { total: '价税合计', issuedAt: '开票日期', type: '发票票种' };

function describe(d: Diagnosis, f: Formatters): DiagnosisText {
  switch (d.cause) {
    case 'invalid_id':
      return {
        headline: '这不像有效的发票号码，可能是录入错误。',
        evidence: [],
        next: '请对照发票核对号码（问题见上），再查询一次。',
      };
    case 'not_found':
      return {
        headline:
          d.nearMatches.length > 0
            ? '没有完全相同号码的发票，但有几张只差一个录入错误。'
            : '我们的所有记录中都没有这张发票。',
        evidence: [
          d.lastImport
            ? `税务数据最近更新于 ${f.time(d.lastImport.importedAt)}（开票日期 ${d.lastImport.from} – ${d.lastImport.to}）。`
            : '尚未导入任何税务数据。',
        ],
        next:
          d.nearMatches.length > 0
            ? '您要找的是下面的某张吗？请用正确的号码再查一次。'
            : '请与开票方核对号码。如果刚刚开具，请在下次同步后再查，或上报财务。',
      };
    case 'not_issued':
      return {
        headline: `这张发票还没有开具：ERP 状态为「${ERP[d.erpStatus]}」。`,
        evidence: [],
        next: '财务审核并开具之前，税务系统里不会有它。请联系审批人，紧急时可上报。',
      };
    case 'issue_failed':
      return {
        headline: 'ERP 开票失败，税务系统从未收到这张发票。',
        evidence: [],
        next: '需要财务处理错误后重新开具——请上报财务。',
      };
    case 'upload_failed':
      return { headline: '发票已开具，但上传税务系统失败。', evidence: [], next: '需要财务重新上传——请上报财务。' };
    case 'voided':
      return {
        headline: `这张发票已作废（状态「${d.statusLabel}」）。`,
        evidence: [
          '作废发票只有按状态筛选时才会在税务系统中显示。',
          '只有纸质发票可以作废，且只能在开具当月作废；电子发票只能红冲。',
        ],
        next: '如果是误作废，需要重新开具——请联系财务。',
      };
    case 'red_reversed':
    case 'partially_red_reversed':
      return {
        headline:
          d.cause === 'red_reversed'
            ? `这张发票已被红字发票全额冲销（状态「${d.statusLabel}」）。`
            : `这张发票已被红字发票部分冲销（状态「${d.statusLabel}」）。`,
        evidence: [
          ...(d.reversedBy.length > 0 ? [`冲销它的红字发票：${d.reversedBy.map(f.id).join('、')}。`] : []),
          ...(d.cause === 'partially_red_reversed' && d.redTotal !== undefined && d.remaining !== undefined
            ? [`已冲销 ${f.amount(d.redTotal)}，剩余 ${f.amount(d.remaining)}。`]
            : []),
        ],
        next:
          d.cause === 'red_reversed'
            ? '请查询该红字发票；如需重开，请联系财务。'
            : '只有剩余金额可以抵扣；冲销部分请查询红字发票。',
      };
    case 'red_invoice':
      return {
        headline: d.reverses
          ? `这是一张红字（负数）发票，冲销的蓝字发票是 ${f.id(d.reverses)}。`
          : '这是一张红字（负数）发票；备注中没有写明它冲销的蓝字发票。',
        evidence: [`状态「${d.statusLabel}」。红字发票冲减原发票的金额，本身不是一笔新的销售。`],
        next: d.reverses ? `请查询 ${f.id(d.reverses)}，查看它剩余的金额。` : '请向财务确认它冲销的是哪张发票。',
      };
    case 'out_of_control':
      return {
        headline: '税务系统将其标记为「失控」：发票存在，但不能抵扣。',
        evidence: [],
        next: '需要财务联系销售方和税务机关——请上报。',
      };
    case 'abnormal':
      return {
        headline: '税务系统将其标记为「异常凭证」：未抵扣的不得抵扣，已抵扣的需转出。',
        evidence: [],
        next: '请上报财务。',
      };
    case 'maintenance':
      return {
        headline: `开票前后税务系统正在维护：${d.window.title}。`,
        evidence: [`维护时间 ${f.time(d.window.startsAt)} – ${f.time(d.window.endsAt)}。`],
        next: `请稍候：预计 ${f.time(d.expectedBy)} 前可以查到。之后仍查不到请上报。`,
      };
    case 'sync_window':
      return {
        headline: '这张发票刚开具不久，仍在正常的同步延迟内。',
        evidence: d.coveredUntil ? [`我们的税务数据覆盖到开票日期 ${d.coveredUntil}。`] : [],
        next: `请稍候：预计 ${f.time(d.expectedBy)} 前可以查到。`,
      };
    case 'not_synced_yet':
      return {
        headline: '我们的税务数据还没有覆盖这张发票的开票日期。',
        evidence: [
          d.lastImport
            ? `最近一次税务数据导入于 ${f.time(d.lastImport.importedAt)}，覆盖开票日期 ${d.lastImport.from} – ${d.lastImport.to}。`
            : '尚未导入任何税务数据。',
          ...(d.stale ? ['该数据已经过旧。'] : []),
        ],
        next: '请财务执行一次同步，之后就能确认税务系统里是否有它。',
      };
    case 'overdue':
      return {
        headline: '按时间它应该已经可以查到，但税务数据里没有。',
        evidence: [
          `预计可查时间：${f.time(d.expectedBy)}。`,
          ...(d.lastImport ? [`税务数据导入于 ${f.time(d.lastImport.importedAt)}。`] : []),
        ],
        next: '需要财务处理：请点击下方按钮上报。',
      };
    case 'wrong_buyer':
      return {
        headline: f.reveal
          ? `这张发票开给了其他购买方：${d.actualName}（${d.actual}），而不是 ${d.expected}。`
          : `这张发票开给的购买方（${f.taxId(d.actual)}）与我们记录的（${f.taxId(d.expected)}）不同。`,
        evidence: [],
        next: '它在对方的税务账户里。需要销售方红冲后重新开给正确的购买方。',
      };
    case 'mismatch':
      return {
        headline: '税务系统里有这张发票，但信息与我们的记录不一致。',
        evidence: d.fields.map((x) => {
          if (!f.reveal) return `${FIELD[x.field]}：我方与税务系统不一致`;
          const { ours, theirs } = showDisagreement(x, f);
          return `${FIELD[x.field]}：我方 ${ours}，税务系统 ${theirs}`;
        }),
        next: '请按税务系统的信息查询。如果发票本身有误，需要红冲后重新开具（电子发票不能作废）；如果是我方台账有误，由财务更正。',
      };
    case 'tax_only':
      return {
        headline: `税务系统里有这张发票（状态「${d.statusLabel}」），但我们的台账里没有。`,
        evidence: [],
        next: '请财务在 ERP 中登记。',
      };
    case 'too_old':
      return { headline: `这张发票已超过 ${d.years} 年，无法再在线查验。`, evidence: [], next: '请向财务索取归档件。' };
    case 'other_region':
      return {
        headline: `这张发票开给了注册在${d.regionName ? `${d.regionName}（${d.region}）` : ` ${d.region} 地区`}的分支机构，而不是北京主体。`,
        evidence: [],
        next: '请在该分支机构的税务账户中查找。',
      };
    case 'visible':
      return {
        headline: `税务系统中有这张发票，状态「${d.statusLabel}」。`,
        evidence: [],
        next: '如果您仍然看不到，请检查登录的账户、日期筛选和购买方——或开始排查。',
      };
  }
}

const HELP_INTRO = '*发票助手* —— 帮您查找发票，并解释为什么税务系统里查不到。';
const HELP_MORE = '也可以私信我，或在消息中 @我 并附上发票号码。`/invoice 帮助 <命令>` 会举例解释一个命令。';
const HELP_LINES: Record<HelpTopic, string> = {
  where: '`/invoice <号码>` 或 `/invoice 查询 <号码>` —— 查询发票（20 位数电号码，或发票代码 + 发票号码）',
  find: '`/invoice 查找 <金额|日期|月份|日期..日期|名称>` —— 按您记得的信息查找',
  check: '`/invoice 排查 <号码>` —— 逐步排查',
  escalate: '`/invoice 上报 <号码> [urgent] [说明]` —— 上报给财务',
  escalations: '`/invoice 上报列表`（`escalations`）—— 您的上报',
  watch: '`/invoice 关注 <号码>` —— 出现在税务数据中时通知我',
  lost: '`/invoice 丢失 [号码]` —— 发票丢了怎么办，按发票种类给出补救办法（也可以直接说“发票丢了”）',
  deadlines: '`/invoice 申报期`（`deadlines`）—— 本期和下期的增值税申报截止日',
  notices: '`/invoice 维护`（`notices`）—— 正在进行和即将进行的维护窗口',
  lang: '`/invoice 语言 en|zh`（`lang`）—— 回复语言',
  help: '`/invoice 帮助 [命令]` —— 显示本帮助，或解释一个命令',
  sync: '`/invoice 同步 [起..止] [票种]` —— 导入收件箱并对账',
  stats: '`/invoice 统计 [本周|上周|本月|上月|起..止]` —— 机器人的表现',
  findTaxId: '`/invoice 查找 <税号>` —— 按销方或购方纳税人识别号查找发票',
  escalation:
    '`/invoice 处理上报 认领|等待|重开|解决|指派|重复 ESC-…`（`escalation claim|waiting|reopen|resolve|assign|duplicate`）—— 处理上报（或用上报消息上的按钮）；`/invoice 上报列表 待处理` —— 待处理队列',
  notice: '`/invoice 公告` —— 发布维护公告（表单），或 `公告 schedule|update|extend|end|cancel …`',
};

/** Chinese strings. */
export const zh: Catalog = {
  help: [HELP_INTRO, ...HELP_GROUPS.employee.map((topic) => HELP_LINES[topic]), HELP_MORE].join('\n'),
  helpGuide: {
    intro: HELP_INTRO,
    group: {
      employee: '*所有人可用*',
      finance: '*财务负责人（及管理员）可用*',
      admin: '*管理员可用*',
    },
    line: HELP_LINES,
    detail: {
      where:
        '在公司台账和税务数据中查询发票，并解释它在哪里。怎么写都可以：20 位数电号码，或发票代码加发票号码（也可以写「代码 … 号码 …」「发票代码：… 发票号码：…」）、二维码内容，一次多张也行。\n示例：`/invoice 代码 011002600111 号码 10000007` 或 `/invoice 26112000000000100010`',
      find: '按您记得的信息查找发票：金额、日期、月份、日期范围或公司名称（可以组合使用以缩小范围）。\n示例：`/invoice 查找 2026年11月 乙客户`、`/invoice 查找 1130.00`、`/invoice 查找 2026-11-25..2026-11-27`',
      check:
        '针对一张发票逐步排查：维护窗口 → 同步延迟 → 录入错误 → 开具/上传 → 作废/红冲 → 购买方错误。排查中需要您回答时，用 `/invoice 排查 <回答>` 回复。\n示例：`/invoice 排查 26112000000000100010`',
      escalate:
        '把问题上报给财务，附上机器人已检查的全部结果。赶在申报期等截止时间前需要时，加上 `urgent` 和说明。\n示例：`/invoice 上报 26112000000000100010 urgent 11月申报需要`',
      escalations:
        '列出您的上报；财务负责人和管理员看到待处理队列，可按 all、open、claimed、waiting、resolved 筛选。\n示例：`/invoice 上报列表 open`',
      watch: '下次同步把这张发票带进税务数据时，私信通知您。\n示例：`/invoice 关注 26112000000000100008`',
      lost: '发票丢了怎么办：按发票种类和方向给出补救办法——电子发票重新下载；纸质发票由谁提供加盖发票专用章的复印件。也可以直接说“发票丢了”“发票丢失怎么办”。已经提交报销的，请以“发票丢失”为原因上报。\n示例：`/invoice 丢失 1100254130 20000017`',
      deadlines:
        '显示正在准备的增值税申报和下一期申报：各自的截止日（申报期）、是官方公布还是暂定（税务总局公布当年日历前按规则推算），以及剩余工作日。财务负责人还能看到每个所属期仍不在税务数据中的发票数量。\n示例：`/invoice deadlines` 或 `/invoice 申报期`',
      notices: '列出税务系统正在进行和即将进行的维护窗口。\n示例：`/invoice 维护`',
      lang: '设置我回复您的语言。\n示例：`/invoice 语言 en`',
      help: '列出您可以使用的命令，或解释其中一个。\n示例：`/invoice 帮助 查找`',
      findTaxId:
        '财务负责人和管理员：查找销方或购方为该纳税人识别号的发票（18 位统一社会信用代码，或 15/17/20 位旧税号）；可与月份或金额组合使用。\n示例：`/invoice 查找 91110108801489416U 2026年11月`',
      stats:
        '财务负责人和管理员：某一时间段的机器人统计——提问、确认解决、上报、原因、工作时间内的首次响应和解决用时、SLA 达成率、仍未出现的发票——以及与上一时间段的变化和图表。\n示例：`/invoice 统计 上月` 或 `/invoice 统计 2026-11-01..2026-11-30`',
      sync: '财务负责人和管理员：导入收件箱中的文件（电子税务局导出和台账），先备份，再回复对账结果。可选限制：开票日期范围和发票票种。\n示例：`/invoice 同步 2026-11-01..2026-11-30`',
      escalation:
        '财务负责人和管理员：处理上报——认领（claim）、等待申请人（waiting）、重新打开（重开，reopen）、填写原因和说明后解决（resolve）、指派（assign）或标记重复（duplicate）。上报消息上的按钮作用相同。\n示例：`/invoice 处理上报 解决 ESC-20261127-001 sync 今天同步后已出现`',
      notice:
        '管理员：发布维护或升级公告。不带参数时打开表单；文字形式可以安排或修改公告。\n示例：`/invoice 公告 schedule 2026-11-28T22:00..2026-11-29T06:00 issuing,delivery 电子发票服务平台升级`',
    },
    more: HELP_MORE,
    unknownTopic: (word) => `没有「${word}」这个命令。可用的命令如下：`,
  },
  unknownCommand: (word) => `我不认识命令「${word}」。我可以做这些：`,
  notIds(found) {
    const dates = found.filter((n) => n.kind === 'date').map((n) => n.text);
    const count = (kind: NonIdNumber['kind'], what: string) => {
      const n = found.filter((x) => x.kind === kind).length;
      return n === 0 ? [] : [`${n === 1 ? '一个' : `${n} 个`}${what}`];
    };
    const read = [
      ...(dates.length ? [`日期 ${dates.join('、')}`] : []),
      ...count('amount', '金额'),
      ...count('mobile', '手机号码'),
      ...count('phone', '电话号码'),
      ...count('tax_id', '纳税人识别号'),
    ];
    return `我从中识别出${read.join('、')}——${found.length === 1 ? '不是' : '都不是'}发票号码。查询发票请发送 20 位数电号码，或发票代码加发票号码；按日期、金额或公司查找发票，请用 \`/invoice 查找 <日期|金额|名称>\`。`;
  },
  companyHint: (name) =>
    `「${name}」像是公司名称，不是发票号码。按公司查找发票：\`/invoice 查找 ${name}\`——加上月份或金额可以缩小范围（\`/invoice 查找 ${name} 2026年11月\`）。`,
  noIdInMessage:
    '我没有在消息中找到发票号码。请发送 20 位数电号码，或 10/12 位发票代码加 8 位发票号码——或输入「帮助」。',
  whereUsage: '要查哪张发票？例如：`/invoice 查询 24112000000094149929`。',
  idsLeftOut: (count, answered, raws) =>
    `我只回答了前 ${answered} 个号码，另有 ${count} 个没有查询（${raws.join('、')}）。请另发一条消息查询它们。`,
  apology: '抱歉，我这边出了点问题，请稍后再试。',
  messageCut: (length, max) =>
    `你的消息有 ${length.toLocaleString('en')} 个字符，我只读取了前 ${max.toLocaleString('en')} 个。`,
  formUnreadable: '抱歉，无法读取这个表单：它可能是在机器人更新之前打开的。请重新打开。',
  noticeDraftGone:
    '这个预览已失效（已经发送过、超过一小时，或机器人重启过）。没有发布任何内容：请重新打开 `/invoice notice`。',
  languageSet: '好的，我会用中文回复您。',
  languageUsage: '请使用 `/invoice lang en` 或 `/invoice lang zh`。',
  healthSummary: ({ records, lastSync: { tax, ledger, stale } }, f) =>
    `${records ? `台账 ${records.ledger} 条 / 税务 ${records.tax} 条 · ` : ''}最近税务同步 ${tax ? `${f.time(tax.importedAt)}（${tax.from} – ${tax.to}）` : '从未'}${stale ? ' ⚠️ 已过期' : ''} · 最近台账导入 ${ledger ? f.time(ledger.importedAt) : '从未'}`,
  watchUsage: '要关注哪张发票？例如：`/invoice 关注 26112000000000100008`——同步到它时我会通知您。',
  invalidIdIntro: (raw) => `「${raw}」不是有效的发票号码：`,
  idProblem(p) {
    switch (p.code) {
      case 'wrong_length':
        return `它有 ${p.length} 位数字；发票号码应为 20 位（数电），或 10/12 位发票代码加 8 位发票号码`;
      case 'all_zero_number':
        return '号码部分全是 0';
      case 'unknown_region':
        return `地区「${p.region}」不是省级行政区代码（北京在发票代码中为 1100，在 20 位号码中为 11）`;
      case 'future_year':
        return `其中的年份 ${p.year} 还没有到`;
      case 'unknown_kind':
        return `种类「${p.kind}」不是有效的发票种类`;
      case 'code_without_number':
        return `${p.digits} 像是发票代码，但缺少 8 位发票号码`;
      case 'number_without_code':
        return `${p.digits} 像是 8 位发票号码，但缺少 10/12 位发票代码`;
    }
  },
  validShapes: '有效格式：20 位数电号码如 24112000000094149929，或代码 + 号码如 011002500111 00412345。',
  filing: {
    period: (p) => `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月`,
    directionLabel: '方向',
    direction: (d) => (d === 'issued' ? '我方开具（我方为销售方）' : '我方取得（我方为购买方）'),
    label: '所属期',
    sentence: (f) => {
      const period = zh.filing.period(f.period);
      const due = dueOf(f);
      if (f.direction === 'issued')
        return f.daysLeft > 0
          ? `计入${period}的申报，申报截止 ${due}（${left(f.daysLeft)}）。`
          : `已计入${period}的申报，申报截止 ${due}（已过期限）。`;
      if (f.deductedBy)
        return `不计入我方的抵扣所属期：由我方在${f.deductedBy.regionName ?? f.deductedBy.region}的主体${f.deductedBy.buyerName}在其自己的所属期、向当地税务局勾选确认抵扣。`;
      if (f.red)
        return `红字发票无需勾选抵扣：被冲销的蓝字发票如已抵扣，其进项税额在${period}的申报中转出（进项税额转出），申报截止 ${due}${f.daysLeft > 0 ? `（${left(f.daysLeft)}）` : ''}。`;
      if (f.waitsFor)
        return `须待${zh.filing.period(f.waitsFor.period)}申报完成（截止 ${dueOf(f.waitsFor)}）后才能勾选；之后可在${period}所属期勾选抵扣，截止 ${due}。`;
      return f.daysLeft > 0
        ? `可在${period}所属期勾选确认抵扣，截止 ${due}（${left(f.daysLeft)}）；逾期则顺延至以后的所属期。`
        : `${period}所属期的勾选已于 ${due} 截止；仍可在以后的所属期勾选确认。`;
    },
    title: '🗓 增值税申报期',
    deadline: (which, d, n) =>
      `• ${which === 'current' ? '本期' : '下期'}：${zh.filing.period(d.period)}的申报，截止 ${d.due} —— ${d.official ? '官方公布' : '暂定（按规则推算，官方日历尚未公布）'} · ${left(n)}`,
    missingTitle: '税务数据中仍缺少的发票（财务可见）：',
    missing: (p, issued, received) =>
      `• ${zh.filing.period(p)}：${issued + received} 张 —— 开具 ${issued} 张，取得 ${received} 张`,
    urgentReason: (f, raised) =>
      `${raised ? '自动转为紧急：当时距' : '自动标为紧急：上报时距'}${zh.filing.period(f.period)}的申报截止日（${dueOf(f)}）仅剩 ${f.daysLeft} 个工作日。`,
    reminder: (d, n, count) =>
      `⏰ ${zh.filing.period(d.period)}的申报截止 ${dueOf(d)}（${left(n)}）：本期仍有 ${count} 张发票不在税务数据中。`,
    reminderLine: (id, direction, requester, escalation) =>
      `• ${id} —— ${direction}${requester ? ` —— @{${requester}}` : ''}${escalation ? ` —— ${escalation}` : ''}`,
    requesterReminder: (d, n, ids) =>
      `⏰ ${zh.filing.period(d.period)}的申报截止 ${dueOf(d)}（${left(n)}），你的发票 ${ids.join('、')} 仍不在税务数据中。用 \`/invoice <号码>\` 查询原因，或上报财务。`,
    tableMissing: (year) =>
      `⚠️ 机器人中还没有 ${year} 年官方的增值税申报期，目前显示的是按规则推算的暂定日期。国家税务总局公布后，请填入 DATA_DIR/filing-calendar.json（years → "${year}" → source、deadlines）。`,
  },
  deduction: {
    label: '抵扣勾选',
    state: (s, f) => {
      const asOf = `（据 ${f.time(s.asOf)} 导入的勾选清单）`;
      switch (s.kind) {
        case 'selected':
          return s.deductedBy
            ? `已由${s.deductedBy.buyerName}勾选抵扣（在其自己的所属期、向其主管税务机关申报）；有效抵扣税额 ${f.amount(s.deductibleTax)}${asOf}。`
            : `已勾选抵扣，所属期${zh.filing.period(s.period)}；有效抵扣税额 ${f.amount(s.deductibleTax)}${asOf}。`;
        case 'red_locked':
          return `红字锁定：这张发票有一张待确认的红字发票信息确认单，在确认单被确认（发票随之全额或部分红冲）或被撤销、拒绝、失效（72 小时未确认即作废）之前，不能勾选抵扣${asOf}。`;
        case 'not_selected': {
          const period = zh.filing.period(s.until.period);
          const due = dueOf(s.until);
          const when = s.opensAfter
            ? `须待${zh.filing.period(s.opensAfter.period)}申报完成（截止 ${dueOf(s.opensAfter)}）后才能勾选，之后可在${period}所属期勾选，截止 ${due}`
            : s.daysLeft > 0
              ? `可在${period}所属期勾选，截止 ${due}（${left(s.daysLeft)}）`
              : `${period}所属期已于 ${due} 截止，可在以后的所属期勾选`;
          if (s.deductedBy) return `尚未勾选抵扣${asOf}。`;
          const late = s.late ? '其本身所属期已截止，抵扣顺延至当前所属期。' : '';
          const listed = s.listed ? '' : '勾选清单中没有这张发票：可能尚未进入我方的勾选列表。';
          return `${s.urgent ? '⏰ ' : ''}尚未勾选抵扣：${when}${asOf}。${late}${listed}`;
        }
      }
    },
    advice: (s, finance) => {
      switch (s.kind) {
        case 'selected':
          return undefined;
        case 'red_locked':
          if (s.deductedBy)
            return finance
              ? `财务：无需我方处理——由${s.deductedBy.buyerName}的财务在其自己的税务账户中确认或拒绝这张红字发票信息确认单（北京主体无法操作），之后由其勾选更正后的发票。`
              : `这张发票正在由销售方与${s.deductedBy.buyerName}的财务办理红字更正（红字发票信息确认单），处理完成前不能抵扣。如果你并不知道有更正，请联系${s.deductedBy.buyerName}的财务；否则无需操作。`;
          return finance
            ? '财务：在平台上打开「红字发票信息确认单」。如为销售方发起，请在 72 小时内确认或拒绝；如为我方发起，请联系销售方确认。确认后改为勾选更正后的（新开的蓝字）发票；若确认单被撤销或失效，锁定解除，即可勾选这张发票。'
            : '这张发票正在由销售方与我方财务办理红字更正（红字发票信息确认单），处理完成前不能抵扣。如果你并不知道有更正，请上报财务；否则无需操作。';
        case 'not_selected':
          if (s.deductedBy)
            return finance
              ? `财务：无需我方勾选——由${s.deductedBy.buyerName}的财务在其自己的「抵扣类勾选」中勾选（北京主体不能抵扣）。`
              : `由${s.deductedBy.buyerName}的财务勾选抵扣；你无需在此操作。`;
          if (s.opensAfter) return undefined;
          if (finance)
            return `财务：在平台「抵扣类勾选」中勾选这张发票${s.daysLeft > 0 ? `（${s.until.due} 前）` : ''}并确认（申请统计/确认签名），然后重新导出勾选清单并运行 \`/invoice sync\`。`;
          return s.urgent
            ? `临近截止：请确认财务已拿到这张发票（如尚未提交请尽快提交），以便在 ${s.until.due} 前勾选；如有疑问请上报。`
            : '财务会在截止前勾选抵扣；只要财务已拿到这张发票，你无需操作。';
      }
    },
    reminderTitle: (d, n, count) =>
      `🧾 ${zh.filing.period(d.period)}所属期有 ${count} 张取得的发票尚未勾选抵扣（截止 ${d.due}${d.official ? '' : '，暂定'}，${left(n)}）：`,
    reminderLine: (id, kind, requester) =>
      `• ${id} —— ${kind === 'red_locked' ? '红字锁定' : '未勾选'}${requester ? ` —— @{${requester}}` : ''}`,
    imported: (period) => `已记录${zh.filing.period(period)}所属期的勾选状态。`,
  },
  nearMatchHow: (how) =>
    ({
      one_digit: '有一位数字不同',
      swapped: '两位数字颠倒',
      missing_digit: '少了一位数字',
      extra_digit: '多了一位数字',
      short_number: '后 8 位相同',
    })[how],
  diagnosis: withAdvice(describe, adviceZh),
  card: {
    title: (id) => `发票 ${id}`,
    type: '票种',
    issued: '开票时间',
    amount: '价税合计',
    seller: '销售方',
    buyer: '购买方',
    erpStatus: '我方记录',
    taxStatus: '税务系统',
    risk: '发票风险等级',
    requester: '申请人',
    notInLedger: '台账中没有',
    notInTax: '税务数据中没有',
    timeline: '进度',
    stepIssued: '已开具',
    stepUploaded: '已上传',
    stepVisible: '税务系统可查',
    masked: '金额和税号已隐藏：只有申请人、财务和管理员可以看到。',
    troubleshoot: '开始排查',
    escalate: '上报财务',
    lastSync: (at, from, to) => `税务数据最近同步于 ${at}（开票日期 ${from} – ${to}）`,
    noSync: '尚未同步税务数据',
    maintenanceBanner: (title, until) => `系统维护中：${title}——持续到 ${until}。`,
    reversedBy: (ids) => `冲销发票：${ids}`,
  },
  erpStatus: (s) => ERP[s] ?? s,
  taxStatus: ({ statusLabel: l, positive }) => (positive ? l : `红字发票（红冲），${l}`),
  lost: {
    title: (id) => `发票 ${id} 丢失：`,
    general: '发票丢失几乎都能补救，做法取决于发票种类：',
    askId:
      '请发给我发票号码，我告诉您具体步骤，例如 `/invoice 丢失 26112000000000100001`（20 位数电号码，或发票代码加号码）。',
    found: (type, direction) => `这是一张${type}，${direction}。`,
    direction: (d) => (d === 'issued' ? '由我方开具' : d === 'received' ? '由我方取得' : '买卖双方都不是我方主体'),
    notInRecords: '我方记录中没有这张发票，以下是该类发票的一般做法。',
    search: (day, total, id) =>
      `在电子税务局查找（税务数字账户 → 全量发票查询）：开票日期 ${day}${total ? `，价税合计 ${total}` : '，价税合计以您的记录为准'}，或发票号码 ${id}。`,
    remedy: (c, special) =>
      ({
        electronic:
          '电子发票不会真正丢失：可从税务平台重新下载（购买方的税务数字账户列有开给公司的全部发票），或请开票方重新发送文件。下载的文件与原件具有同等法律效力。',
        paper_received: special
          ? '我方取得的纸质发票：请销售方提供加盖其发票专用章的记账联复印件；专用发票可凭该复印件作为进项税额抵扣凭证。报销前务必先告知财务。'
          : '我方取得的纸质发票：请销售方提供加盖其发票专用章的记账联复印件。报销前务必先告知财务，由财务决定能否使用该复印件。',
        paper_issued: '我方开具、客户丢失的纸质发票：由我方财务提供加盖我方发票专用章的记账联复印件，不要重新开票。',
        paper:
          '纸质发票：如为我方取得，请销售方提供加盖其发票专用章的记账联复印件；如为我方开具，由我方财务提供加盖发票专用章的复印件。报销前务必先告知财务。',
      })[c],
    reimbursed: '已经提交报销了？请以“发票丢失”为原因上报，财务可以暂停或更正报销。',
    escalate: '上报：发票丢失',
  },
  rangeReversed: (from, to) =>
    `日期范围「${from}..${to}」的结束早于开始：请把较早的日期放在前面，例如「${to}..${from}」。`,
  find: {
    hintAmount: '只有金额：加上月份或公司名称可以缩小范围，例如 `查找 <金额> 2026年11月`。',
    hintName: '只有名称：加上金额或月份可以缩小范围，例如 `查找 乙客户 2026年11月`。',
    usage:
      '请告诉我您记得的信息，例如 `/invoice find 1130.00`、`/invoice find 2026-03-02`、`/invoice find 2026-03-01..2026-03-31 示例`。',
    none: '没有同时符合这些条件的发票。',
    results: (count, shown, more) =>
      more
        ? `超过 ${count} 张符合，以下是最近的 ${shown} 张：`
        : count > shown
          ? `共 ${count} 张符合，以下是最近的 ${shown} 张：`
          : `共 ${count} 张符合：`,
    badAmount: (t) => `「${t}」不是金额：请使用最多两位小数的数字，如 1130.00。`,
    badDate: (t) => `「${t}」不是日期：请使用 YYYY-MM-DD、YYYYMMDD 或 YYYY年M月D日。`,
    badTaxId: (t) => `「${t}」不是有效的统一社会信用代码：最后一位校验码不符，请从发票上重新复制。`,
    columns: ['发票', '开票日期', '销方', '购方', '价税合计', '状态'],
    taxIdFinanceOnly: '按纳税人识别号查找发票仅限财务负责人和管理员使用。请改用金额、日期或公司名称查找。',
  },
  rowProblem: (code) =>
    ({
      bad_header: '表头与预期的列不一致',
      wrong_column_count: '列数不对',
      missing: '必填项为空',
      bad_identifier: '不是有效的发票号码（代码 10/12 位，号码 8 位，数电号码 20 位）',
      bad_date: '不是有效的日期时间（ISO 8601 或 YYYY-MM-DD HH:mm:ss）',
      bad_amount: '不是最多两位小数的金额',
      total_mismatch: '金额 + 税额 不等于 价税合计',
      bad_status: '未知的状态',
      bad_tax_id: '不是有效的纳税人识别号（18 位统一社会信用代码校验失败，或长度不对）',
      bad_user_id: '不是 Slack 用户 ID（如 U012ABC）',
      bad_flag: '只能是「是」或「否」',
      bad_lock_flag: '只能是「已锁定」或「未锁定」（或留空）',
      deductible_exceeds_tax: '有效抵扣税额大于票面税额',
      duplicate_in_file: '同一张发票在文件中出现了两次',
      future_date: '开票日期比现在晚一天以上',
      outside_coverage: '开票日期不在为该文件声明的 --from/--to 范围内',
      sign_mismatch: '金额的正负与「是否正数发票」矛盾（负数金额是红字发票，应标「否」）',
    })[code],
  import: {
    done: (source, rows, added, changed, unchanged) =>
      `已导入 ${rows} 行${source === 'ledger' ? '台账' : source === 'deduction' ? '勾选' : '税务'}数据：新增 ${added}，变更 ${changed}，未变 ${unchanged}。`,
    refused: (count, rows) => `未导入任何数据：${rows} 行中有 ${count} 处问题。`,
    row: (row, column, reason, value) => `  第 ${row} 行，${column}：${reason}${value ? `（「${value}」）` : ''}`,
    more: (count) => `  ……另有 ${count} 处`,
    rangeReversed: (from, to) => `--from ${from} 晚于 --to ${to}：没有导入任何数据。请交换两者。`,
    exportRangeReversed: (since, until) => `--since ${since} 晚于 --until ${until}：没有导出任何数据。请交换两者。`,
    empty: '文件是空的。',
    unreadable: (reason, row) => {
      const at = row ? `（第 ${row} 行）` : '';
      switch (reason) {
        case 'unclosed_quote':
          return `有一个引号没有闭合${at}：一个 " 开始的单元格一直延续到文件末尾。`;
        case 'bad_quote':
          return `引号位置不对${at}：闭合的 " 后面还有文字。`;
        case 'not_xlsx':
          return '这不是 Excel 工作簿（.xlsx）：请在 Excel 中另存为“Excel 工作簿”，或导出 CSV。';
        case 'bad_encoding':
          return '这不是 UTF-8 或 GBK/GB18030 编码的文本文件：请在 Excel 中另存为“CSV UTF-8”或普通 CSV。';
        case 'line_too_long':
          return `有一行太长${at}：超过 16,384 个字符。`;
        case 'cell_too_long':
          return `有一个单元格太长${at}：超过 2,000 个字符。`;
        case 'too_many_rows':
          return `行数太多${at}：请按开票月份拆分。`;
        case 'too_large':
          return '文件太大：请按开票月份拆分。';
        case 'xlsx_too_large':
          return '工作簿解压后超过 512 MB：请按开票月份拆分。';
        case 'xlsx_shared_strings':
          return '工作簿的文本表解压后超过 64 MB：请按开票月份拆分。';
        case 'xlsx_zip_bomb':
          return '工作簿中有一部分解压后超过压缩大小的 200 倍，导出文件不会这样，我没有打开它。';
      }
    },
    coverage: (from, to) => `税务数据现已覆盖开票日期 ${from} – ${to}。`,
    usage:
      '用法：npm run import -- ledger|tax 文件 [--from YYYY-MM-DD --to YYYY-MM-DD]　或　npm run import -- deduction 文件 [--period YYYY-MM]（文件为 .csv 或 .xlsx）',
    unsupported: (file) => `${file}：只能导入 .csv 和 .xlsx 文件。`,
    downloadRefused: (file, reason) =>
      ({
        external: `${file}：这个文件存放在 Slack 之外，无法导入。请把文件本身上传到这个私信里。`,
        untrusted_host: `${file}：Slack 没有从它自己的文件服务器提供这个文件，所以我没有下载。`,
        failed: `${file}：从 Slack 下载失败，没有导入任何数据。请重新发送文件。`,
        too_large: `${file}：文件超过了导出文件可能的大小，我已停止读取，没有导入任何数据。`,
      })[reason],
    missingFile: (file) => `${file}：文件不存在。`,
  },
  console: {
    intro: (role, demo) =>
      `发票助手控制台——您的身份是 ${role}。${demo ? '正在使用演示数据（临时副本，不会写入 DATA_DIR）。' : ''}输入 :help 查看控制台命令，或直接提问，例如「26312000000000012345 在哪」。`,
    help: '控制台命令：:as employee|finance|admin（切换身份），:clock [+2h|+1d|ISO 时间]（查看或拨动时钟），:help，:quit。其他内容都会发送给机器人；输入数字可以选择选项。',
    roleSwitched: (role, userId) => `您现在的身份是 ${role}（${userId}）。`,
    unknownRole: '身份可选：employee、finance、admin。',
    clock: (now) => `时钟：${now}`,
  },
  sync: {
    refused: '抱歉，只有财务负责人和管理员可以执行同步。',
    usage: '用法：`/invoice 同步 [2026-11-01..2026-11-30] [票种关键词，如 专用]`——两个条件都可省略。',
    empty: (path) => `没有可同步的文件：请先把电子税务局导出文件（CSV 或 XLSX）或台账 CSV 放到 ${path}。`,
    rejected: (file, count, movedTo, problems) =>
      `⚠️ ${file} 未同步（${count} 处问题）。已移到 ${movedTo}，问题清单见 ${problems}。修正后请重新放入收件箱。`,
    noneSynced: '未同步任何数据：收件箱里的每个文件都有问题。',
    unchanged: '未同步任何数据，收件箱保持原样。',
    problemsHeader: (file, at) => `${file} 中发现的问题（同步时间 ${at}）。此文件的数据均未导入。`,
    busy: (user, at) =>
      `${user} 于 ${at} 开始的同步仍在进行，同一时间只能运行一次同步。请在它完成后再试；你发送的文件已留在收件箱，下次同步会处理。`,
    storeBusy:
      '同步已停止：另一个会话（例如备份或耗时较长的报表）一直占用发票数据库，继续等待会让所有人的查询都卡住。正在导入的文件没有写入任何数据；之前已同步的文件保持已同步，其余文件仍留在收件箱。请几分钟后再运行同步。',
    done: (files, rows, backup) => `已同步 ${files} 个文件，共 ${rows} 行。同步前已备份：${backup}。`,
    file: (name, rows, added, changed) => `${name}：${rows} 行，新增 ${added}，变更 ${changed}`,
    visible: (count) => `税务数据中新出现的发票（${count}）：`,
    changed: (count) => `状态有变化的发票（${count}）：`,
    missing: (count) => `超过时限仍未出现的发票（${count}）：`,
    missingFor: (requester) => `申请人 ${requester}`,
    disagreements: (count) => `台账与税务数据不一致（${count}）：`,
    watchers: (count) => `已通知 ${count} 位在等待这些发票的同事。`,
    watchExpired: (invoice, days) =>
      `${days} 天内 ${invoice} 仍未出现在税务数据中，我已停止关注。如仍需要，请重新查询或上报。`,
    watchAppeared: (invoice, status) => `${invoice} 已出现在税务数据中，状态「${status}」。`,
  },
  backup: {
    created: (path) => `备份已写入 ${path}。`,
    verified: (path, report) => `${path} 可以完整恢复：${report}。`,
    restored: (path, safety) => `已恢复 ${path}。恢复前的数据已保存到 ${safety}。`,
    sourceIsDataDir: (path) =>
      `已拒绝：${path} 就是 DATA_DIR 本身或其中的数据，不是备份。没有做任何更改。请恢复 DATA_DIR/backups/ 下的目录，或 DATA_DIR 之外的副本。`,
    createdPostgres: (path, dump) =>
      `备份已写入 ${path}：包括 DATA_DIR 中的文件，以及用 pg_dump 导出到 ${dump} 的机器人 PostgreSQL schema。`,
    createdWithoutDatabase: (path, reason) =>
      `DATA_DIR 中的文件已备份到 ${path}，但数据库没有备份：${reason}。请自行用 pg_dump 备份数据库（见 README 的 "Running several replicas"）。`,
    verifiedDump: (path, dump, tables) =>
      dump ? `${dump} 是可读取的数据库导出（${tables} 张表）。` : `${path} 中没有数据库导出（备份时没有 pg_dump）。`,
    restorePostgres: (dumpName) =>
      `已拒绝：设置了 DATABASE_URL 时，npm run restore 不会在副本运行期间替换数据库。没有做任何更改。恢复方法：停止所有副本，运行 pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" <备份目录>/${dumpName}，然后启动副本。`,
    failed: (reason) => `该备份无法使用，数据保持原样：${reason}`,
    dailyFailed: (reason) => `⚠️ 今天的 DATA_DIR 备份失败（${reason}）。我会每分钟重试；如果磁盘已满，请释放空间。`,
    usage: '用法：npm run backup  |  npm run backup -- --verify <备份目录>  |  npm run restore -- <备份目录>',
  },
  reports: {
    statsUsage:
      '用法：npm run stats -- --since 2026-11-01 [--until 2026-11-30] --format csv|json [--table weeks|questions]',
    auditUsage:
      '用法：npm run audit -- --since 2026-11-01 [--until 2026-11-30] [--user U012ABC] [--invoice 26112000000000100001]',
    notAnAuditEntry: (file, line) => `# ${file} 第 ${line} 行不是审计记录，已跳过`,
  },
  migrate: {
    applied: (names, schema, target, version) =>
      `已在 ${target} 的 schema ${schema} 上执行 ${names.join('、')}：当前版本为 ${version}。`,
    upToDate: (schema, target, version) => `${target} 的 schema ${schema} 已是最新（版本 ${version}），无需操作。`,
    noDatabase:
      '未设置 DATABASE_URL：机器人把数据保存在 DATA_DIR 下的 lowdb 文件中，不需要迁移。要准备 PostgreSQL 数据库，请设置 DATABASE_URL=postgres://…。',
    failed: (target, reason) => `迁移 ${target} 失败，失败的那一步没有留下任何更改：${reason}`,
  },
  escalations: {
    title: (id, invoice) => `${id} · 发票 ${invoice}`,
    status: (s) =>
      ({ open: '待处理', claimed: '处理中', waiting: '等待申请人', resolved: '已解决', duplicate: '重复' })[s],
    urgency: (urgent) => (urgent ? '⚡ 紧急' : '普通'),
    requester: '申请人',
    followers: '同样在等待',
    assignee: '负责人',
    due: (first, resolution) => `时限：${first} 前首次响应，${resolution} 前解决（按中国工作日历的工作时间计算）`,
    checks: '上报前已检查：',
    note: '备注',
    cause: (c) =>
      ({
        maintenance: '系统更新 / 维护窗口',
        sync: '同步延迟',
        entry: '录入错误',
        issue: '开具 / 上传状态',
        status: '作废 / 红冲 / 异常标记',
        buyer: '购买方或主体错误',
        lost: '发票丢失',
        tax_authority: '已转税务机关处理',
        other: '其他',
      })[c],
    reason: (r) => ({ lost: '📄 原因：发票丢失' })[r],
    taxAuthorityAdvice:
      '财务已将此事转交税务机关处理。请拨打 12366 纳税服务热线，或联系主管税务机关的技术支持，并提供发票号码和本编号。',
    resolution: (cause, note) => `已解决——原因：${cause}。${note}`,
    duplicateOf: (id) => `与 ${id} 重复`,
    event: (e) =>
      ({
        filed: `@{${e.by}} 提交了上报。`,
        followed: `@{${e.by}} 询问了同一张发票，现已关注此上报。${e.text ? `备注：${e.text}` : ''}`,
        noted: `@{${e.by}} 再次询问：${e.text ?? ''}`,
        urgency_raised: `@{${e.by}} 将此上报标为紧急：时限已重新计算，现应在 ${e.text ?? ''} 前解决。`,
        deadline_urgent: `申报截止日临近，此上报已转为紧急：时限已重新计算，现应在 ${e.text ?? ''} 前解决。`,
        merged: `@{${e.by}} 将 ${e.text ?? ''} 标记为此上报的重复：其申请人和关注人现已关注此上报。`,
        claim: `@{${e.by}} 认领了此上报。`,
        assign: `@{${e.by}} 将此上报分配给 @{${e.text ?? ''}}。`,
        waiting: `@{${e.by}} 正在等待申请人回复：“${e.text ?? ''}”`,
        resolve: `@{${e.by}} 已解决：${e.text ?? ''}`,
        reopen: `@{${e.by}} 重新打开了此上报。`,
        duplicate: `@{${e.by}} 将其标记为 ${e.text ?? ''} 的重复。`,
        reminder: '提醒。',
        breach: '已超过时限。',
        relayed: `@{${e.by}}：${e.text ?? ''}`,
      })[e.action],
    toPerson: ({ id, resolution, duplicateOf }, e) =>
      ({
        filed: `您的上报 ${id} 已提交。`,
        followed: `您已关注 ${id}。`,
        noted: `您的备注已添加到 ${id}。`,
        urgency_raised: `${id} 现为紧急。`,
        deadline_urgent: `${id} 现为紧急：申报截止日临近。`,
        merged: `${e.text ?? ''} 现在在 ${id} 中处理；您已关注 ${id}。`,
        claim: `财务已认领 ${id}，正在处理。`,
        assign: `${id} 已分配给 @{${e.text ?? ''}}，由其负责处理。`,
        waiting: `财务需要您为 ${id} 补充信息：\n“${e.text ?? ''}”\n请在此对话中回复，我会转告财务。`,
        resolve: `${id} 已解决。\n原因：${zh.escalations.cause(resolution?.cause ?? 'other')}\n${e.text ?? ''}`,
        reopen: `${id} 已重新打开。`,
        duplicate: `${id} 与 ${duplicateOf ?? ''} 是同一问题，将在 ${duplicateOf ?? ''} 中处理；您现已关注 ${duplicateOf ?? ''}。`,
        reminder: `${id}：提醒。`,
        breach: `${id}：已超过时限。`,
        relayed: `${id}——@{${e.by}}（${e.as === 'admin' ? '管理员' : '财务'}）：${e.text ?? ''}`,
      })[e.action],
    toFollower: (esc, e) =>
      e.action === 'waiting'
        ? `财务正在等待 ${esc.id} 的申请人回复；有进展时我会通知您。`
        : e.action === 'resolve'
          ? `${esc.id} 已解决。\n原因：${zh.escalations.cause(esc.resolution?.cause ?? 'other')}`
          : zh.escalations.toPerson(esc, e),
    reminder: (id, r, due) =>
      r.kind === 'near'
        ? `⏰ ${id}：${r.target === 'first' ? '首次响应' : '解决'}时限为 ${due}。`
        : `🚨 ${id}：${r.target === 'first' ? '首次响应' : '解决'}时限（${due}）已过，请尽快处理。`,
    filed: (id, due) => `我已将此问题上报财务，编号 ${id}。财务负责人应在 ${due} 前响应；有任何进展我会通知您。`,
    toAssignee: (id, invoice, by, link) =>
      `@{${by}} 将 ${id}（发票 ${invoice}）分配给了您。${link ? `打开上报帖子处理：${link}` : ''}`,
    progress: (status, assignee) =>
      status === 'open'
        ? '待处理，尚无人认领'
        : status === 'claimed'
          ? `已由 @{${assignee ?? ''}} 认领`
          : status === 'waiting'
            ? '财务正在等待申请人回复'
            : zh.escalations.status(status),
    followed: (id, progress) => `这张发票已上报为 ${id}（${progress}）。我已将您加为关注人，有进展时会通知您。`,
    repeated: (id, progress, noted, raisedDue) =>
      `您已将这张发票上报为 ${id}（${progress}）。${noted ? '我已添加您的备注。' : ''}${raisedDue ? `现已标为紧急：应在 ${raisedDue} 前解决。` : ''}`,
    urgentHow: '请在 “urgent” 后写明原因，例如 `/invoice 上报 26112000000000100010 urgent 申报截止前需要`。',
    waitingUsage: '请写明需要申请人提供什么：`/invoice escalation waiting ESC-… <问题>`——申请人会收到您的原话。',
    resolveNext: (id, n, label) =>
      `原因：${label}。请告诉申请人做了什么处理：\`/invoice escalation resolve ${id} ${n} <说明>\`。`,
    assigneeNotAllowed: (user) => `不能分配给 @{${user}}：只有财务负责人和管理员可以处理上报。`,
    duplicateSelf: '上报不能与自身重复。',
    alreadyOpen: (id, open) =>
      `无法重新打开 ${id}：同一张发票已有未结的上报 ${open}，问题在那里继续处理。如需回到 ${id}，请先将 ${open} 标记为 ${id} 的重复。`,
    differentInvoice: (id, of, invoice, other) =>
      `${of} 涉及的是发票 ${other}，而不是 ${invoice}。如果 ${id} 确实是同一问题，请注明原因：\`/invoice escalation duplicate ${id} ${of} <原因>\`。`,
    legend: '🟢 正常 · 🟠 一小时内到期 · 🔴 已超时 · ⚡ 紧急',
    pastTarget: (first, due) => `${first ? '首次响应' : '解决'}时限为 ${due}`,
    chooseUrgency: '紧急程度？「紧急」表示需要在申报截止前解决。',
    normal: '普通',
    urgent: '紧急',
    claim: '认领',
    waiting: '等待申请人',
    resolve: '解决',
    reopen: '重新打开',
    assign: '分配给…',
    duplicate: '与…重复',
    actionForm: {
      title: '上报处理',
      submit: '保存',
      cause: '原因',
      note: '处理说明（会发给申请人）',
      assignee: '分配给',
      original: '重复的上报编号（ESC-…）',
      noteRequired: '请告诉申请人做了什么处理。',
      badOriginal: '请输入另一个上报的编号，如 ESC-20261127-001。',
      question: '需要申请人提供什么？（原话发给申请人）',
      questionRequired: '请写明需要申请人提供什么。',
      reason: '原因（原上报涉及其他发票时必填）',
      reasonHint: '该上报涉及另一张发票：如仍要标记为重复，请注明原因。',
    },
    view: '打开',
    details: '详情',
    listMine: '您的上报：',
    listQueue: '待处理的上报（最早的在前）：',
    listAll: '全部上报（最早的在前）：',
    listStatus: (status) => `状态为「${status}」的上报（最早的在前）：`,
    none: '没有可显示的上报。',
    refused: '抱歉，只有财务负责人和管理员可以处理上报。',
    notFound: (id) => `没有上报 ${id}。`,
    invalid: (from, action) => `现在不能这样操作：该上报的状态为「${from}」（尝试：${action}）。`,
    done: (id, status) => `${id} 现在的状态为「${status}」。`,
    usage:
      '用法：`/invoice 上报 <发票号码> [urgent] [备注]`（紧急须写明原因），`/invoice 上报列表 [全部]`；财务：`/invoice 处理上报 认领|重开 ESC-…`，`等待 ESC-… <问题>`，`解决 ESC-… <原因> <说明>`，`指派 ESC-… <@用户>`，`重复 ESC-… ESC-… [原因]`（也可用英文 claim、reopen、waiting、resolve、assign、duplicate）。',
    form: {
      title: '上报财务',
      submit: '上报',
      cancel: '取消',
      invoice: '发票号码',
      urgency: '紧急程度',
      note: '给财务的备注',
      notePlaceholder: '您需要什么？什么时候需要？',
      badInvoice: '请输入 20 位数电号码，或税控发票的代码和号码。',
      urgentNeedsNote: '紧急上报请说明原因（例如申报截止日期）。',
    },
    relayedToFinance: (id) => `已转告财务（${id}）。`,
    relayRefused: '只有财务负责人和管理员能在这个话题里回复申请人，所以您的回复没有转告。如需申请人知道，请联系财务。',
    weekly: (missing, overdue, windows) =>
      `🗓 每周检查：${missing} 张发票超过时限仍未出现，${overdue} 个上报已超过时限（首次响应或解决），未来一周有 ${windows} 次系统维护。`,
    weeklyMissing: '仍未出现：',
    weeklyOverdue: '已超时限：',
    weeklyWindows: '即将维护：',
    digest: (count, overdue, dueSoon) =>
      `📋 每日汇总：${count} 个待处理的上报（最早的在前）——${overdue} 个已超时，${dueSoon} 个一小时内到期（首次响应或解决）。`,
    calendarMissing: (year) =>
      `⚠️ 缺少 ${year} 年的节假日数据，时限按周一至周五计算。请将国务院的放假安排填入 DATA_DIR/workdays.json（holidays、workdays、years），或升级 chinese-days。`,
    resolveUsage: (causes) =>
      `用法：\`/invoice escalation resolve ESC-… <原因> <给申请人的说明>\`，原因用编号：${causes}。`,
  },
  notices: {
    system: (s) => ({ etax: '电子税务局', einvoice: '电子发票服务平台', erp: '公司 ERP', other: '其他系统' })[s],
    fn: (f) =>
      ({
        issuing: '开票',
        red_letter: '红字',
        verification: '查验',
        deduction: '勾选',
        delivery: '交付',
        sync: '同步/导入',
      })[f] ?? f,
    status: (s) => ({ scheduled: '已安排', in_progress: '进行中', completed: '已结束', cancelled: '已取消' })[s],
    heading: (system, status) => `🛠 系统维护：${system}——${status}`,
    window: (from, to) => `时间：${from} – ${to}`,
    affects: (functions) => `影响：${functions}`,
    event: (e, time) =>
      ({
        scheduled: `已于 ${time} 安排。`,
        reminder: `提醒：将在 ${e.minutesBefore && e.minutesBefore >= 60 ? `${Math.round(e.minutesBefore / 60)} 小时` : `${e.minutesBefore} 分钟`}后开始。`,
        started: '维护现已开始。期间开具的发票可能会延迟显示。',
        completed: '维护已结束。发票可能还需要一点时间才能显示。',
        updated: `更新：${e.text ?? ''}`,
        extended: `已延长至 ${time}。`,
        ended_early: `已于 ${time} 提前结束。`,
        cancelled: '本次维护已取消。',
      })[e.kind],
    problem: (p) =>
      ({
        end_before_start: '结束时间必须晚于开始时间（已开始的维护，结束时间必须在将来）。',
        start_in_past: '开始时间已经过去。如果维护已在进行，请勾选「已开始」。',
        started_in_future: '勾选了「已开始」，但开始时间在将来。',
        too_long: '维护时间最长 7 天——请检查结束日期。',
        no_channel: '请至少选择一个频道。',
        empty_message: '请填写中文或英文说明（或两者）。',
        no_function: '请至少选择一项受影响的功能。',
        no_invoice_kind: '请至少选择一种受影响的发票种类。',
        bad_link: '链接必须是以 http:// 或 https:// 开头的网址。',
        policy_has_no_end: '政策变动没有结束时间：请更新说明或撤回。',
      })[p.code],
    kind: (k) => ({ maintenance: '维护窗口', policy: '税收政策变动' })[k],
    invoiceKinds: (kinds) =>
      `${kinds.map((k) => ({ digital: '数电', legacy: '税控', special: '专用', ordinary: '普通', red: '红字' })[k]).join('')}发票`,
    policyHeading: (status, effective) =>
      status === 'cancelled'
        ? '📜 税收政策变动——已撤回'
        : status === 'scheduled'
          ? `📜 税收政策变动——${effective} 起施行`
          : `📜 税收政策变动——自 ${effective} 起施行`,
    policyAffects: (kinds, functions) => `影响：${kinds}${functions ? ` · ${functions}` : ''}`,
    link: (url) => `详情：${url}`,
    policyInEffect: '本项政策变动现已施行。',
    policyListTitle: '近期及即将施行的税收政策变动：',
    policyContext: (effective, kinds, explanation) => `📜 ${effective} 起施行的政策变动影响${kinds}：${explanation}`,
    weeklyPolicies: '即将施行的政策变动：',
    badKind: (t) => `「${t}」不是发票种类：请用 digital、legacy、special、ordinary 或 red。`,
    none: '目前没有已安排或进行中的维护。',
    listTitle: '进行中和即将开始的维护：',
    usage:
      '管理员：`/invoice 公告` 打开表单。文字格式：`notice schedule 2026-11-28T22:00..2026-11-29T06:00 issuing,delivery [system=einvoice] 说明`，`notice update|extend|end|cancel NTC-… [内容|新的结束时间]`；税收政策变动：`notice policy 2026-12-01T00:00 digital,red [functions=red_letter] [link=https://…] 说明`。',
    preview: '预览——尚未发送：',
    send: '发送',
    discard: '放弃',
    discarded: '已放弃，没有发送任何内容。',
    report: (id, okCount, failed) =>
      `${id} 已安排。已发送到 ${okCount} 个频道${failed > 0 ? `，${failed} 个失败` : ''}：`,
    channelOk: (c) => `✅ ${c}`,
    channelFailed: (c, error) => `❌ ${c}：${error}`,
    changed: (id, status) => `${id} 现为「${status}」；各频道的公告已更新，并在话题中说明了变更。`,
    notFound: (id) => `没有公告 ${id}。`,
    finished: (id, status) => `${id} 已经「${status}」，不能再修改。`,
    badTime: (t) => `「${t}」不是时间：请使用 2026-11-28T22:00（机器人的时区）。`,
    badFunction: (t) => `「${t}」不是功能：请使用 issuing、red_letter、verification、deduction、delivery 或 sync。`,
    refused: '抱歉，只有管理员可以发布或修改维护公告。',
    draftGone: '该预览已失效，请重新填写公告。',
    form: {
      title: '维护公告',
      previewTitle: '确认并发送',
      preview: '预览',
      send: '发送',
      cancel: '取消',
      system: '系统',
      functions: '受影响的功能',
      starts: '开始时间',
      ends: '结束时间',
      started: '已经开始？',
      startedOption: '维护已在进行中',
      messageEn: '英文说明（English）',
      messageZh: '中文说明',
      channels: '频道',
      reminders: '开始前提醒',
      reminder: (m) => (m >= 60 ? `提前 ${m / 60} 小时` : `提前 ${m} 分钟`),
      kind: '公告类型',
      effective: '施行时间',
      invoiceKinds: '受影响的发票种类',
      link: '链接（可选）',
      policyTitle: '政策变动公告',
    },
  },
  checklist: {
    intro: (id) => `我们来逐步排查 ${id}。记录已能回答的步骤会直接标记为完成。`,
    resumed: (id) => `继续上次 ${id} 的排查。`,
    stepHeader: (n, total, title) => `第 ${n}/${total} 步 · ${title}`,
    checked: (what) => `我检查了${what}。`,
    ruledOut: '✅ 已排除',
    likely: '⚠️ 可能原因',
    ask: '❓ 需要您提供信息',
    ruledOutReason: (step) =>
      ({
        maintenance: '开票时（及开票前不久）没有会影响它的更新或维护',
        sync: '同步时间不能解释这个问题',
        entry: '号码与我方记录一致，台账与税务数据也一致',
        issue: 'ERP 显示已开具',
        status: '未作废、未红冲，也没有失控或异常标记',
        buyer: '购买方与我方记录一致',
      })[step],
    askDay: '您在税务系统中用哪个开票日期查询？请回复日期，如 2026-03-02、20260302 或 2026年3月2日。',
    askTotal: '您用哪个价税合计查询？请回复金额，如 1130.00。',
    badDay: (t) => `「${t}」不是我能识别的日期。请回复如 2026-03-02、20260302 或 2026年3月2日 的日期。`,
    badTotal: (t) => `「${t}」不是我能识别的金额。请回复最多两位小数的数字，如 1130.00。`,
    dayDiffers: (said, actual) =>
      actual
        ? `您用开票日期 ${said} 查询，但它的开票日期是 ${actual}。请用 ${actual} 查询。`
        : `您查询用的开票日期（${said}）与记录不一致。请核对发票上印的开票日期。`,
    totalDiffers: (said, actual) =>
      actual
        ? `您用价税合计 ${said} 查询，但它的价税合计是 ${actual}。请用 ${actual} 查询。`
        : `您查询用的价税合计（${said}）与记录不一致。请核对发票上印的价税合计。`,
    amountDiffers: (said, actual) =>
      actual
        ? `二维码上的金额（不含税）是 ${said}，但记录中是 ${actual}。请用 ${actual} 查询。`
        : `二维码上的金额（不含税）（${said}）与记录不一致。`,
    dayMatches: (said) => `您查询用的开票日期（${said}）与记录一致。`,
    totalMatches: (said) => `您查询用的价税合计（${said}）与记录一致。`,
    amountMatches: (said) => `二维码上的金额（不含税）（${said}）与记录一致。`,
    searchMatches: '您的查询条件与记录一致，不是录入错误。',
    qr: {
      dayDiffers: (said, actual) =>
        actual
          ? `二维码上的开票日期是 ${said}，但记录中是 ${actual}。请用 ${actual} 查询。`
          : `二维码上的开票日期（${said}）与记录不一致。请核对发票上印的开票日期。`,
      totalDiffers: (said, actual) =>
        actual
          ? `二维码上的价税合计是 ${said}，但记录中是 ${actual}。请用 ${actual} 查询。`
          : `二维码上的价税合计（${said}）与记录不一致。请核对发票上印的价税合计。`,
      dayMatches: (said) => `二维码上的开票日期（${said}）与记录一致。`,
      totalMatches: (said) => `二维码上的价税合计（${said}）与记录一致。`,
      searchMatches: '二维码上的信息与记录一致，不是录入错误。',
    },
    allClear: '所有检查都已完成，都不能解释这个问题。如果仍然看不到，请上报，财务会跟进。',
    allClearFinance: (next) => `所有检查都已完成，都不能解释这个问题。${next}`,
    foundEarlier: (step, title, cause) =>
      `第 ${step} 步（${title}）找到了可能的原因：${cause}其他检查没有发现更多问题。`,
    idMatches: '号码与我们的记录一致',
    issuedPerTax: '税务系统中有这张发票，说明已经开具',
    change: '修改我的回答',
    solved: '问题已解决',
    next: '下一步',
    escalate: '上报财务',
    watch: '出现时通知我',
    skip: '跳过此步',
    restart: '重新开始',
    solvedReply: '很高兴问题解决了。我已记录是哪一步解决的。',
    watchReply: (id) => `已记录：${id} 出现在税务数据中时通知您。`,
    watchExists: (id) => `您已经在等待 ${id} 出现了。`,
    alreadyDone: '这一步已经完成——请看下面较新的消息。',
    ended: (status) => `这次排查已经结束（${status}）。`,
    expired: (hours) => `这次排查已超过 ${hours} 小时未操作，已失效。`,
    missing: '找不到这次排查了。',
    whichInvoice:
      '要排查哪张发票？请发送号码——20 位数电号码，或发票代码加号码，例如 `/invoice 排查 26112000000000100010`。',
    lost: '发票丢了',
  },
  stats: statsZh,
};
