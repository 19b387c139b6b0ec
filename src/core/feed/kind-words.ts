import { FraudType } from '../model/content';
import type { FeedKind } from '../model/feed-config';

const KIND_WORDS: Readonly<Record<string, FeedKind>> = {
  slogan: 'slogan', slogans: 'slogan', 标语: 'slogan', 標語: 'slogan', 口号: 'slogan', 口號: 'slogan',
  case: 'case', cases: 'case', 案例: 'case', 典型案例: 'case',
  video: 'video', videos: 'video', 视频: 'video', 視頻: 'video', 影片: 'video',
  alert: 'alert', alerts: 'alert', warning: 'alert', 预警: 'alert', 預警: 'alert', 警报: 'alert', 警報: 'alert',
  notice: 'notice', notices: 'notice', 通知: 'notice', 公告: 'notice',
};

export function kindOfWord(word: string): FeedKind | undefined {
  return KIND_WORDS[word.trim().toLowerCase()];
}

/** The first recognised kind word wins; categories that are not kind words become tags. */
export function kindFromCategories(
  explicit: string | undefined,
  categories: readonly string[],
): FeedKind | undefined {
  const first = explicit === undefined ? undefined : kindOfWord(explicit);
  return first ?? categories.map(kindOfWord).find((k) => k !== undefined);
}

const FRAUD_KEYWORDS: readonly (readonly [FraudType, RegExp])[] = [
  ['impersonating-police', /公检法|公安|警察|民警|检察|法院|通缉|police|prosecutor/i],
  ['fake-customer-service-refund', /客服|退款|理赔|customer service|refund/i],
  ['brushing-part-time-job', /刷单|兼职|点赞|part-time|brushing/i],
  ['investment-tip-group', /投资|理财|股票|炒股|荐股|虚拟币|investment|stock/i],
  ['online-loan', /网贷|贷款|征信|loan/i],
  ['impersonating-boss', /冒充领导|冒充老板|老板|领导|boss/i],
  ['hijacked-chat-account', /QQ|微信好友|盗号|冒充好友|hijack/i],
  ['impersonating-bank', /银行|銀行|bank/i],
  ['online-shopping-rebate', /网购|返利|购物|rebate|shopping/i],
  ['sms-fake-prize-or-bill', /中奖|短信|积分兑换|prize|sms/i],
  ['stolen-student-data', /孩子|住院|家长|学生信息|your child/i],
  ['job-or-study-abroad-bait', /出国|留学|招聘|高薪|abroad/i],
  ['cheap-goods-bait', /低价|便宜|cheap/i],
];

/** A published fraud type, a category naming one, or a guess from the words of the story. */
export function fraudTypeOf(
  explicit: string | undefined,
  categories: readonly string[],
  text: string,
): FraudType | undefined {
  for (const candidate of [explicit, ...categories]) {
    const parsed = FraudType.safeParse(candidate?.trim().toLowerCase());
    if (parsed.success) return parsed.data;
  }
  return FRAUD_KEYWORDS.find(([, re]) => re.test(text))?.[0];
}
