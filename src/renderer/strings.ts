import type { FraudType, Locale } from '../core/model/content';

/** Fixed texts of the renderer, in every locale the pack and fonts cover. */
export interface UiStrings {
  readonly police: string;
  readonly antiFraudLine: string;
  readonly caseOfTheDay: string;
  readonly amountLost: string;
  readonly lesson: string;
  readonly source: string;
  /** ': ' in English, a full-width colon in Chinese. */
  readonly colon: string;
  readonly scanForHelp: string;
  readonly standbyTitle: string;
  readonly standbyText: string;
  readonly alertTitle: string;
  readonly fraudTypes: Readonly<Record<FraudType, string>>;
}

const zhCN: UiStrings = {
  police: '报警',
  antiFraudLine: '反诈专线',
  caseOfTheDay: '今日案例',
  amountLost: '被骗金额',
  lesson: '防骗提示',
  source: '来源',
  colon: '：',
  scanForHelp: '扫码获取帮助',
  standbyTitle: '反诈提醒',
  standbyText: '遇到可疑电话、短信、链接，请先核实。',
  alertTitle: '紧急预警',
  fraudTypes: {
    'sms-fake-prize-or-bill': '短信中奖/账单诈骗',
    'hijacked-chat-account': '冒充好友借钱',
    'impersonating-police': '冒充公检法',
    'impersonating-bank': '冒充银行',
    'online-shopping-rebate': '网购返利诈骗',
    'atm-trick': 'ATM 取款陷阱',
    'job-or-study-abroad-bait': '招工/留学诱饵',
    'fake-company-contract': '虚假合同诈骗',
    'brushing-part-time-job': '刷单兼职诈骗',
    'high-interest-loan': '高息借贷',
    'door-to-door-fake-goods': '上门推销假货',
    'sympathy-scam': '博同情诈骗',
    'stolen-student-data': '冒充老师/学校',
    'investment-tip-group': '荐股投资群',
    'online-loan': '网络贷款诈骗',
    'fake-customer-service-refund': '冒充客服退款',
    'impersonating-boss': '冒充领导',
    'cheap-goods-bait': '低价商品诱饵',
  },
};

const zhTW: UiStrings = {
  police: '報警',
  antiFraudLine: '反詐專線',
  caseOfTheDay: '今日案例',
  amountLost: '被騙金額',
  lesson: '防騙提示',
  source: '來源',
  colon: '：',
  scanForHelp: '掃碼獲取幫助',
  standbyTitle: '反詐提醒',
  standbyText: '遇到可疑電話、簡訊、連結，請先核實。',
  alertTitle: '緊急預警',
  fraudTypes: {
    'sms-fake-prize-or-bill': '簡訊中獎/帳單詐騙',
    'hijacked-chat-account': '冒充好友借錢',
    'impersonating-police': '冒充公檢法',
    'impersonating-bank': '冒充銀行',
    'online-shopping-rebate': '網購返利詐騙',
    'atm-trick': 'ATM 取款陷阱',
    'job-or-study-abroad-bait': '招工/留學誘餌',
    'fake-company-contract': '虛假合約詐騙',
    'brushing-part-time-job': '刷單兼職詐騙',
    'high-interest-loan': '高息借貸',
    'door-to-door-fake-goods': '上門推銷假貨',
    'sympathy-scam': '博同情詐騙',
    'stolen-student-data': '冒充老師/學校',
    'investment-tip-group': '薦股投資群',
    'online-loan': '網路貸款詐騙',
    'fake-customer-service-refund': '冒充客服退款',
    'impersonating-boss': '冒充主管',
    'cheap-goods-bait': '低價商品誘餌',
  },
};

const en: UiStrings = {
  police: 'Police',
  antiFraudLine: 'Anti-fraud line',
  caseOfTheDay: 'Case of the day',
  amountLost: 'Amount lost',
  lesson: 'Lesson',
  source: 'Source',
  colon: ': ',
  scanForHelp: 'Scan for help',
  standbyTitle: 'Stay alert to fraud',
  standbyText: 'Suspicious call, message or link? Verify first.',
  alertTitle: 'Urgent warning',
  fraudTypes: {
    'sms-fake-prize-or-bill': 'Fake prize / bill SMS',
    'hijacked-chat-account': 'Hijacked chat account',
    'impersonating-police': 'Fake police / court',
    'impersonating-bank': 'Fake bank staff',
    'online-shopping-rebate': 'Shopping rebate trap',
    'atm-trick': 'ATM trick',
    'job-or-study-abroad-bait': 'Job / study-abroad bait',
    'fake-company-contract': 'Fake contract',
    'brushing-part-time-job': 'Order-brushing job',
    'high-interest-loan': 'High-interest loan',
    'door-to-door-fake-goods': 'Door-to-door fake goods',
    'sympathy-scam': 'Sympathy scam',
    'stolen-student-data': 'Stolen student data',
    'investment-tip-group': 'Investment tip group',
    'online-loan': 'Online loan scam',
    'fake-customer-service-refund': 'Fake refund service',
    'impersonating-boss': 'Fake boss',
    'cheap-goods-bait': 'Too-cheap goods',
  },
};

const STRINGS: Readonly<Record<Locale, UiStrings>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

export const uiStrings = (locale: Locale): UiStrings => STRINGS[locale];

/**
 * The built-in fallback slide, shown when the playlist is broken or empty or the state
 * cannot be fetched. Hard-coded so it needs nothing from disk or network.
 */
export const FALLBACK = {
  organisation: '反电信网络诈骗宣传',
  title: { 'zh-CN': '防范电信网络诈骗', en: 'Beware of telecom and online fraud' },
  rules: [
    { 'zh-CN': '未知链接不点击', en: "Unknown links: don't click" },
    { 'zh-CN': '陌生来电不轻信', en: "Calls from strangers: don't trust" },
    { 'zh-CN': '个人信息不透露', en: "Personal details: don't disclose" },
    { 'zh-CN': '转账汇款多核实', en: 'Transfers: verify first' },
  ],
  ticker: [
    '未知链接不点击，陌生来电不轻信，个人信息不透露，转账汇款多核实',
    "Unknown links: don't click. Personal details: don't disclose. Transfers: verify first.",
    '凡是自称公检法要求转账汇款的，都是诈骗',
    'Anyone claiming to be police and asking you to transfer money is a fraudster.',
  ],
} as const;

export const HOTLINES = { police: '110', antiFraud: '96110' } as const;
