import type { Diagnosis } from '../domain/diagnose.js';
import type { Medium } from '../domain/invoice-medium.js';
import type { AdviceContext, Formatters } from './catalog.js';

// How an issuer takes back a wrong invoice, as in en-advice.ts: only a paper invoice can be voided, in its month of
// issue with every copy returned; an electronic one only by a red invoice.
const OUR_UNDO: Record<Medium | 'unknown', string> = {
  electronic: '请红冲（填开红字发票信息确认单；电子发票不能作废）',
  paper: '仍在开具当月且已收回全部联次的，可以作废；否则请红冲（填开红字发票信息确认单）',
  unknown: '请红冲（填开红字发票信息确认单；只有纸质发票可以改为在开具当月作废）',
};
const SELLER_UNDO: Record<Medium | 'unknown', string> = {
  electronic: '请销售方开具红字发票（电子发票不能作废）',
  paper: '请销售方作废（仅限开具当月，并退回全部联次）或开具红字发票',
  unknown: '请销售方开具红字发票',
};

/**
 * The Chinese twin of `adviceEn`: the seller fixes an invoice we received, our finance team one we issued, and a
 * finance lead is told what finance does next, never to escalate to finance. Undefined keeps the description's own step.
 * @example adviceZh({ cause: 'abnormal', statusLabel: '异常' }, { finance: true, direction: 'received' }, f) // '财务（异常凭证…'
 */
export function adviceZh(d: Diagnosis, a: AdviceContext, f: Formatters): string | undefined {
  return a.finance ? forFinance(d, a, f) : forEmployee(d, a, f);
}

function forFinance(d: Diagnosis, a: AdviceContext, f: Formatters): string | undefined {
  const issued = a.direction === 'issued';
  const received = a.direction === 'received';
  const ourUndo = OUR_UNDO[a.medium ?? 'unknown'];
  const sellerUndo = SELLER_UNDO[a.medium ?? 'unknown'];
  const electronic = a.medium === 'electronic';
  const ifAbsent = issued
    ? '查不到就核对开票记录并重新开具'
    : received
      ? '查不到就向销售方确认是否已开给我方税号'
      : '查不到的：我方开具的请核对开票记录，我方收到的请向销售方确认是否已开给我方税号';
  const lookInPlatform = `请在平台的全量发票查询${received ? '和勾选列表' : ''}中查找；查得到就导出「发票基础信息」并执行 \`/invoice 同步\`，${ifAbsent}`;
  switch (d.cause) {
    case 'invalid_id':
      return undefined;
    case 'not_found':
      return d.nearMatches.length > 0
        ? undefined
        : '财务：请在平台的全量发票查询（及 ERP）中查找；查得到就导出并执行 `/invoice 同步`，查不到就请申请人向开票方核对号码。';
    case 'not_issued':
      return '财务：请在 ERP 中审核并开具；开具前税务系统里不会有它。';
    case 'issue_failed':
      return '财务：请查看 ERP 中的错误信息，更正数据后重新开具。';
    case 'upload_failed':
      return a.digital
        ? '财务：请从 ERP 重新推送到电子发票服务平台（乐企或平台接口），然后在全量发票查询中核对。'
        : '财务：请在税控设备（税控盘/UKey）上重新上传，然后在全量发票查询中核对。';
    case 'voided':
      if (electronic)
        return `财务：电子发票不能作废，这个状态需要核实：请在全量发票查询中查看它的实际状态（可能已红冲），并更正我方记录${issued ? '；如需重开，请在 ERP 中开具' : received ? '；如需重开，请销售方开具' : ''}。`;
      return issued
        ? '财务：作废的发票无法恢复；如果是误作废，请在 ERP 中重新开具。'
        : received
          ? '财务：作废的发票不能抵扣；如仍需要发票，请销售方重新开具。'
          : '财务：请在全量发票查询中确认是我方开具还是收到的：我方开具且误作废的，请在 ERP 中重新开具；我方收到的，请销售方重新开具。';
    case 'red_reversed':
      return issued
        ? '财务：请核对该红字发票；如需重开，请在 ERP 中开具。'
        : received
          ? '财务：请核对该红字发票；原发票已抵扣的，请将冲销部分做进项税额转出；如需重开，请销售方开具。'
          : '财务：请在全量发票查询中核对该红字发票：原发票是我方开具的，如需重开请在 ERP 中开具；是我方收到的，请销售方重开。';
    case 'partially_red_reversed':
      return issued
        ? '财务：只有剩余金额计入我方销项；如还需冲销，请再填开一份红字发票信息确认单。'
        : received
          ? '财务：只能抵扣剩余金额（已全额抵扣的，请将冲销部分做进项税额转出）；如果冲销有误，请与销售方沟通。'
          : '财务：只有剩余金额有效；请在全量发票查询中对照约定核对该红字发票。';
    case 'red_invoice':
      if (!d.reverses) return '财务：请在全量发票查询中根据其备注或红字发票信息确认单找到它冲销的蓝字发票。';
      return issued
        ? `财务：它冲减我方开具当期的销项税额；请核对 ${f.id(d.reverses)} 是否显示已冲销。`
        : received
          ? `财务：${f.id(d.reverses)} 已抵扣的，请在这张红字发票所属期将冲销部分做进项税额转出。`
          : `财务：请查询 ${f.id(d.reverses)} 的剩余金额，并在红字发票所属期内计入。`;
    case 'out_of_control':
      return issued
        ? '财务：我方开具的发票被标记为「失控」——请立即联系我方主管税务机关查明原因（例如税控设备丢失或未申报）并解除，同时告知购买方，解除前对方不能抵扣。'
        : received
          ? '财务（失控发票处理）：不得抵扣，已抵扣的做进项税额转出；请销售方与其主管税务机关处理，并由主管税务机关核实（国税函〔2008〕607号）。'
          : '财务（失控发票处理）：我方收到的，不得抵扣（已抵扣的做进项税额转出），并请销售方与其主管税务机关处理（国税函〔2008〕607号）；我方开具的，请联系我方主管税务机关解除。';
    case 'abnormal':
      return issued
        ? '财务（异常凭证，国家税务总局公告2019年第38号）：我方开具的发票被列为异常凭证——请向我方主管税务机关问明原因（例如未申报或比对不符），更正后告知购买方。'
        : received
          ? '财务（异常凭证，国家税务总局公告2019年第38号）：尚未抵扣的不得抵扣，已抵扣的做进项税额转出；纳税信用A级纳税人可自接到通知之日起10个工作日内向主管税务机关申请核实。请销售方与其主管税务机关处理。'
          : '财务（异常凭证，国家税务总局公告2019年第38号）：我方收到的，尚未抵扣的不得抵扣，已抵扣的做进项税额转出；我方开具的，请向我方主管税务机关问明原因并更正。';
    case 'maintenance':
      return `财务：${f.time(d.expectedBy)} 之前无需处理——平台正在维护。之后${lookInPlatform}。`;
    case 'sync_window':
      return `财务：暂时无需处理——预计 ${f.time(d.expectedBy)} 前到达平台。之后请导出「发票基础信息」并执行 \`/invoice 同步\` 重新导入。`;
    case 'not_synced_yet':
      return '财务：请从电子税务局导出覆盖其开票日期的「发票基础信息」，并执行 `/invoice 同步`。';
    case 'overdue':
      return `财务：${lookInPlatform}。`;
    case 'wrong_buyer':
      return issued
        ? `财务：${ourUndo}，然后重新开给正确的购买方。`
        : received
          ? `财务：${sellerUndo}，然后重新开给正确的购买方。`
          : `财务：由开票方收回并重新开给正确的购买方——我方开具的，${ourUndo}；我方收到的，${sellerUndo}。`;
    case 'mismatch':
      return issued
        ? `财务：如果只是我方台账有误，请更正台账；如果发票有误，${ourUndo}，然后开具正确的发票。`
        : received
          ? `财务：如果只是我方台账有误，请更正台账；如果发票有误，${sellerUndo}，然后重新开具正确的发票。`
          : `财务：如果只是我方台账有误，请更正台账；如果发票有误：我方开具的，${ourUndo}，再开具正确的发票；我方收到的，${sellerUndo}，再重新开具。`;
    case 'tax_only':
      return issued
        ? `财务：它以我方税号开具，但不在 ERP 中：请在平台的开具记录中查明开票人并在 ERP 中登记；如果是误开，${ourUndo}。`
        : received
          ? `财务：请在 ERP 台账中登记；如果我们并没有这笔采购，${sellerUndo}。`
          : '财务：请在全量发票查询中确认它是否属于我方；是的话在 ERP 台账中登记。';
    case 'too_old':
      return '财务：请从会计档案中调取存档的副本交给申请人。';
    case 'other_region': {
      const place = `它在我方注册在${d.regionName ?? d.region}的主体的税务账户里，归当地税务局管理：由该主体在当地勾选抵扣（北京主体不能抵扣）`;
      return issued
        ? `财务：${place}。如果应开给北京主体，${ourUndo}，再重新开给北京主体的税号。`
        : `财务：${place}。如果应由北京主体取得，${sellerUndo}，再开给北京主体的税号。`;
    }
    case 'visible':
      return '财务：无需更正——平台中有这张发票。如果申请人仍然找不到，请在全量发票查询中按开票日期、在正确的主体下、不加状态筛选查找。';
  }
}

function forEmployee(d: Diagnosis, a: AdviceContext, f: Formatters): string | undefined {
  const issued = a.direction === 'issued';
  const received = a.direction === 'received';
  const electronic = a.medium === 'electronic';
  const paper = a.medium === 'paper';
  switch (d.cause) {
    case 'voided':
      if (electronic)
        return received
          ? '电子发票不能作废，这个状态需要核实：请向销售方确认是否已红冲；如仍需要发票，请销售方重新开具。'
          : '电子发票不能作废，这个状态需要核实——请上报，由财务查看。';
      return received
        ? '作废的发票无效。如果仍需要发票，请销售方重新开具。'
        : issued
          ? '如果是误作废，由我方财务重新开具——请联系财务。'
          : undefined;
    case 'red_reversed':
      return received
        ? '请查询该红字发票。如果仍需要发票，请销售方重新开具。'
        : issued
          ? '请查询该红字发票。如需重开，由我方财务开具——请联系财务。'
          : undefined;
    case 'partially_red_reversed':
      return received
        ? '只有剩余金额可以抵扣；冲销部分请查询红字发票。如果冲销有误，请联系销售方。'
        : issued
          ? '只有剩余金额仍然有效；冲销部分请查询红字发票。'
          : undefined;
    case 'red_invoice':
      return !d.reverses && received ? '请向销售方确认它冲销的是哪张发票。' : undefined;
    case 'out_of_control':
      return issued
        ? '我方开具的这张发票被标记为「失控」，需要我方财务与税务机关处理——请上报以便财务处理。'
        : received
          ? '销售方与其税务机关处理之前，它不能抵扣；我方的处理由财务负责——请上报以便财务处理。'
          : undefined;
    case 'abnormal':
      return issued
        ? '我方开具的这张发票被列为异常凭证，需要我方财务与税务机关处理——请上报以便财务处理。'
        : received
          ? '销售方与其税务机关处理之前，它不得抵扣；我方的处理由财务负责——请上报以便财务处理。'
          : undefined;
    case 'maintenance':
      return received
        ? `请稍候：预计 ${f.time(d.expectedBy)} 前可以查到。之后仍查不到，请向销售方确认是否已开给我方税号，再上报。`
        : undefined;
    case 'overdue':
      return received
        ? '请向销售方确认是否已开给我方税号；对方确认已开的，请点击下方按钮上报，由财务在平台中核查。'
        : undefined;
    case 'wrong_buyer':
      return received
        ? '它在对方的税务账户里。请销售方红冲后重新开给我方税号。'
        : issued
          ? `它在对方购买方的税务账户里：由我方财务${paper ? '作废（仅限开具当月）或红冲' : '红冲'}后重新开给正确的购买方——请上报以便财务处理。`
          : undefined;
    case 'mismatch':
      return received
        ? `请按税务系统的信息查询。如果发票有误，${paper ? '请销售方作废（仅限开具当月）或开具红字发票，再重新开具' : '请销售方开具红字发票后重新开具——电子发票不能作废'}。`
        : issued
          ? `请按税务系统的信息查询。如果发票有误，由我方财务${paper ? '作废（仅限开具当月）或红冲' : '红冲'}后重新开具——请上报以便财务处理。`
          : undefined;
    case 'other_region': {
      const place = `它在我方位于${d.regionName ?? d.region}的主体的税务账户里：请联系该主体的财务。`;
      return issued
        ? `${place}如果应开给北京主体，由我方财务重新开具——请上报以便财务处理。`
        : `${place}如果应由北京主体取得，请销售方重新开给北京主体的税号。`;
    }
  }
  return undefined;
}
