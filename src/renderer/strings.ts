import type { Locale } from '../core/model/content';
import type { HotlineRole } from '../core/content/hotlines';
import type { Region } from '../core/model/region';

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
  /** "Saved ¥50,000 by stopping in time", in place of a zero loss. */
  readonly amountSaved: string;
  readonly quizTitle: string;
  readonly quizAnswer: string;
  readonly emergency: string;
  readonly localPolice: string;
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
  amountSaved: '成功劝阻，保住',
  quizTitle: '考考你',
  quizAnswer: '答案',
  emergency: '紧急求助',
  localPolice: '辖区派出所',
};

const zhTW: UiStrings = {
  police: '報案',
  antiFraudLine: '反詐騙專線',
  caseOfTheDay: '今日案例',
  amountLost: '被騙金額',
  lesson: '防騙提示',
  source: '來源',
  colon: '：',
  scanForHelp: '掃描 QR Code 取得協助',
  standbyTitle: '防詐提醒',
  standbyText: '遇到可疑電話、簡訊、連結，請先查證。',
  alertTitle: '緊急警訊',
  amountSaved: '及時攔阻，保住',
  quizTitle: '考考你',
  quizAnswer: '答案',
  emergency: '緊急求助',
  localPolice: '轄區派出所',
};

const zhHK: UiStrings = {
  police: '報警',
  antiFraudLine: '防騙熱線',
  caseOfTheDay: '今日個案',
  amountLost: '損失金額',
  lesson: '防騙貼士',
  source: '來源',
  colon: '：',
  scanForHelp: '掃描二維碼求助',
  standbyTitle: '防騙提提你',
  standbyText: '可疑來電、短訊、連結：收線、核實、搵求助。',
  alertTitle: '緊急警示',
  amountSaved: '及時截停，保住',
  quizTitle: '考考你',
  quizAnswer: '答案',
  emergency: '緊急求助',
  localPolice: '區內警署',
};

const en: UiStrings = {
  police: 'Police',
  antiFraudLine: 'Anti-scam line',
  caseOfTheDay: 'Case of the day',
  amountLost: 'Amount lost',
  lesson: 'Lesson',
  source: 'Source',
  colon: ': ',
  scanForHelp: 'Scan for help',
  standbyTitle: 'Stay alert to fraud',
  standbyText: 'Suspicious call, message or link? Verify first.',
  alertTitle: 'Urgent warning',
  amountSaved: 'Stopped in time, saved',
  quizTitle: 'Quick quiz',
  quizAnswer: 'Answer',
  emergency: 'Emergency',
  localPolice: 'Local police',
};

const STRINGS: Readonly<Record<Locale, UiStrings>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, 'zh-HK': zhHK, en };

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

/** The label of a hotline: Hong Kong's and Taiwan's anti-scam lines go by their own names. */
export function hotlineLabel(locale: Locale, region: Region, role: HotlineRole): string {
  const text = STRINGS[locale];
  switch (role) {
    case 'police':
      return text.police;
    case 'emergency':
      return text.emergency;
    case 'local-police':
      return text.localPolice;
    case 'anti-fraud':
      return region === 'hk' ? (locale === 'en' ? 'ADCC Anti-Scam Helpline' : '防騙易熱線') : text.antiFraudLine;
  }
}
