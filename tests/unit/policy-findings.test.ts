import { describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/core/policy/plain-text';
import { checkItem, policyConfig } from '../../src/core/policy/content-policy';
import type { ContentItem } from '../../src/core/model/content';

// Issue 8, section 3: the policy must judge what a viewer reads, not the bytes the feed sent.
const policy = policyConfig({
  blockedTerms: [],
  allowedPhones: ['0571-12345678', '+852 18222'],
  allowedLinkHosts: ['*.gov.cn', 'police.example.org'],
});
const slogan = (text: string): ContentItem => ({ kind: 'slogan', id: 's1', locale: 'zh-CN', text });
const notice = (text: string, qr: string): ContentItem => ({ kind: 'notice', id: 'n1', locale: 'zh-CN', variant: 'notice', title: 'T', text, qr });
const reasonOf = (item: ContentItem): string => {
  const r = checkItem(item, policy);
  return r.ok ? 'shown' : r.error;
};

describe('phone numbers in the forms scammers write them', () => {
  it.each([
    ['full-width digits', '客服１３８００１３８０００退款', '13800138000'],
    ['dots', '联系 138.0013.8000 领取', '138.0013.8000'],
    ['brackets and +86', '热线（+86）138-0013-8000', '+86)138-0013-8000'],
    ['0086 prefix', '致电0086 138 0013 8000', '0086 138 0013 8000'],
    ['Hong Kong', 'WhatsApp +852 9123 4567 now', '+852 9123 4567'],
    ['Taiwan', '請撥 +886 912-345-678', '+886 912-345-678'],
    ['Chinese numerals', '加我一三八零零一三八零零零', '一三八零零一三八零零零'],
    ['financial numerals', '电话壹叁捌〇〇壹叁捌〇〇〇', '壹叁捌〇〇壹叁捌〇〇〇'],
    ['mixed numerals', '号码138零零13八000', '138零零13八000'],
    ['invisible separators', '热线138\u200b0013\u20608000', '13800138000'],
    ['middle dots', '客服 138·0013·8000', '138·0013·8000'],
    ['en dashes', 'call 400–123–4567', '400–123–4567'],
    ['grouped like a date', '客服 1920-12-34567', '1920-12-34567'],
    ['followed by a unit-like word', '13800138000人工客服', '13800138000'],
    ['dashed, followed by a unit-like word', '拨 400-123-4567号', '400-123-4567'],
  ])('%s: the reason names the number', (_form, text, shown) => {
    const reason = reasonOf(slogan(text));
    expect(reason).toMatch(/^phone number/);
    expect(reason).toContain(shown);
  });

  it('keeps the config-allowed numbers however they are written', () => {
    expect(reasonOf(slogan('咨询电话 (0571) 1234 5678'))).toBe('shown');
    expect(reasonOf(slogan('咨询电话 +86 571 1234 5678'))).toBe('shown');
    expect(reasonOf(slogan('香港防骗易热线 18222'))).toBe('shown');
    expect(reasonOf(slogan('拨打一一零报警，或拨打 96110'))).toBe('shown');
    expect(reasonOf(slogan('Call 110, 96110'))).toBe('shown');
  });
});

describe('QQ and WeChat ids after their keywords', () => {
  it.each([
    ['加QQ：12345678领取', 'QQ id "12345678"'],
    ['扣扣 2345678 客服', 'QQ id "2345678"'],
    ['企鹅号 987654', 'QQ id "987654"'],
    ['加微信 abc_12345 返利', 'WeChat id "abc_12345"'],
    ['VX：kefu888', 'WeChat id "kefu888"'],
    ['V信 tuikuan-01', 'WeChat id "tuikuan-01"'],
    ['薇信号：fanli2026', 'WeChat id "fanli2026"'],
    ['加LINE ID: scam_tw', 'LINE id "scam_tw"'],
  ])('%j', (text, reason) => {
    expect(reasonOf(slogan(text))).toContain(reason);
  });
});

describe('links a viewer could type in', () => {
  it.each([
    ['a new public suffix', '下载 fanli.help 立即到账', 'fanli.help'],
    ['ideographic full stop', '访问 evil。com 领取', 'evil.com'],
    ['full-width dot', '访问 ｅｖｉｌ．ｃｏｍ 领取', 'evil.com'],
    ['written dot', '访问 evil dot com 或 evil[dot]com', 'evil.com'],
    ['dot in brackets', '访问 evil(.)top', 'evil.top'],
    ['spaced dot', '访问 evil . shop', 'evil.shop'],
    ['IP address', '打开 http://45.77.1.2:8080/pay 认证', '45.77.1.2'],
    ['bare IP address', '打开 45.77.1.2/pay 认证', '45.77.1.2'],
    ['link shortener', '详情 t.cn/A6abcd', 'shortener'],
    ['allowed host as subdomain', '官网 www.gov.cn.evil.com', 'imitates'],
    ['homoglyph host', '官网 www.mps.g\u043ev.cn', 'imitates'],
    ['typo-squat', '官网 police.examp1e.org', 'imitates'],
    ['e-mail address', '发送至 refund@evil.com', 'refund@evil.com'],
    ['Cyrillic letters in the suffix', '访问 evil.\u0441\u043em 领取', 'evil.\u0441\u043em'],
  ])('%s', (_form, text, reason) => {
    expect(reasonOf(slogan(text))).toContain(reason);
  });

  it('shows allowed hosts however they are written', () => {
    expect(reasonOf(slogan('官网 www.mps.gov.cn 查看'))).toBe('shown');
    expect(reasonOf(slogan('官网 https://POLICE.example.org/app'))).toBe('shown');
  });
});

describe('blocked terms behind obfuscation', () => {
  it.each([
    ['b.e.t.3.6.5 送彩金', 'bet365'],
    ['博\u200b彩\u2063平台', '博彩'],
    ['赌-场 开业', '赌场'],
    ['ｃａｓｉｎｏ ｂｏｎｕｓ', 'casino bonus'],
    ['b\u0336e\u0336t\u0336365', 'bet365'],
    ['\u0441asino bonus', 'casino bonus'],
    ['百\uFE0F家\u{E0061}乐', '百家乐'],
  ])('%j', (text, term) => {
    expect(reasonOf(slogan(text))).toContain(`blocked term "${term}"`);
  });
});

describe('QR payloads', () => {
  it.each([
    ['sms:10086?body=hi', 'sms:'],
    ['mailto:a@mps.gov.cn', 'mailto:'],
    ['WIFI:S:free;T:WPA;P:x;;', 'WIFI:'],
    ['https://www.mps.gov.cn/ https://evil.com', 'QR code'],
    ['https://www.mps.gov.cn/\ntel:96110', 'QR code'],
    ['http://www.mps.gov.cn/', 'https'],
    ['https://www.mps.gov.cn@evil.com/', 'QR code'],
    ['https://t.cn/abc', 'shortener'],
    ['tel:96110;sms:1', 'QR code'],
  ])('%j is refused', (qr, reason) => {
    expect(reasonOf(notice('扫码了解', qr))).toContain(reason);
  });

  it('accepts one https link on an allowed host, or tel: with an allowed number', () => {
    expect(reasonOf(notice('扫码了解', 'https://www.mps.gov.cn/'))).toBe('shown');
    expect(reasonOf(notice('扫码了解', 'tel:96110'))).toBe('shown');
    expect(reasonOf(notice('扫码了解', 'tel:+86-571-12345678'))).toBe('shown');
  });
});

describe('ordinary text stays visible', () => {
  it.each([
    '涉案金额¥50,000，追回5万元，人均损失3.5万',
    '2026-12-01起施行，12月1日开始宣传',
    '2024—2025年全市破案1,234起',
    '身份证号有18位，银行卡密码6位',
    '上午9:30至11:30，14:00-16:00',
    '诈骗占比85%，同比下降12.5%',
    'Update the app to version 3.12.1 or newer',
    'In 2025, losses fell by 30% to $1,200,000.',
    '一谈银行卡，一律挂掉；一说中奖，一律挂掉',
    '第一个星期五上午9:30举办讲座',
    '陌生人微信发的链接，一律不点',
    'A stranger sends a link on WeChat, never tap it.',
    'Call the anti-fraud line 96110 or the police on 110.',
    '2026年12月1日 09:30',
  ])('%j', (text) => {
    expect(reasonOf(slogan(text))).toBe('shown');
  });
});

describe('invisible characters and character references', () => {
  it.each([
    ['&#99999999999;x', 'x'],
    ['a&#x110000;b', 'ab'],
    ['a&#0000000065;b', 'aAb'],
    ['a&#x000000000041;b', 'aAb'],
    ['a&#55296;b', 'ab'],
    ['a&#150;b', 'a–b'],
    ['a\u{E0041}\u{E0042}b', 'ab'],
    ['a\uFE0F\u{E0100}b', 'ab'],
    ['a\uFDD0\uFFFE\u{10FFFF}b', 'ab'],
    ['a\u180E\u115F\u3164b', 'ab'],
    ['a\u00ADb\u034Fc', 'abc'],
    ['a&#x200B;b&#8203;c', 'abc'],
  ])('%j becomes %j', (input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });
});

describe('second round: forms found while fuzzing', () => {
  it.each([
    ['letters for digits', '客服 138OO138OOO 退款', '138OO138OOO'],
    ['stars between digits', '客服 138*0013*8000', '138*0013*8000'],
    ['keycap digits', '加我 1\uFE0F\u20E33\uFE0F\u20E38\uFE0F\u20E30\uFE0F\u20E30\uFE0F\u20E31\uFE0F\u20E33\uFE0F\u20E38\uFE0F\u20E30\uFE0F\u20E30\uFE0F\u20E30\uFE0F\u20E3', '1⃣3⃣8⃣'],
    ['dingbat digits', '热线 ➊➌➑➀➀➊➌❽⓪⓿⓪', '➊➌➑➀➀➊➌❽'],
    ['radio-call numerals', '报警电话幺拐拐洞洞幺两三四五六', '幺拐拐洞洞幺两三四五六'],
  ])('phone: %s', (_form, text, shown) => {
    const reason = reasonOf(slogan(text));
    expect(reason).toMatch(/^phone number/);
    expect(reason).toContain(shown);
  });

  it.each([
    ['Chinese-character domain', '访问 公安反诈.中国 查询', '公安反诈.中国'],
    ['allowed host glued with a hyphen', '官网 mps.gov.cn-verify.com', 'imitates'],
    ['spaced keyword', '加 Q Q 12345678', 'QQ id "12345678"'],
    ['spaced WeChat keyword', '加微 信：kefu_01', 'WeChat id "kefu_01"'],
    ['pinyin keyword', 'weixin: tuikuan88', 'WeChat id "tuikuan88"'],
  ])('contact: %s', (_form, text, reason) => {
    expect(reasonOf(slogan(text))).toContain(reason);
  });

  it.each([
    ['時時彩 開獎', '时时彩'],
    ['網賭平台招募', '网赌平台'],
    ['澳門威尼斯人 開業', '澳门威尼斯人'],
    ['註冊送彩金', '注册送彩金'],
  ])('traditional-script term %j', (text, term) => {
    expect(reasonOf(slogan(text))).toContain(`blocked term "${term}"`);
  });

  it.each([
    'iOS 17.4 and Android 14 both support call warnings.',
    'Hello, officer Lee: 3 of 10 calls were scams.',
    '兩個人共被騙20萬元',
    '漏洞修补：版本2.0.1',
    'Oil prices rose 10% in 2025.',
  ])('still shown: %j', (text) => {
    expect(reasonOf(slogan(text))).toBe('shown');
  });
});

describe('third round: probing with hand-written inputs', () => {
  it.each([
    ['wechat id: scam_2026', 'WeChat id "scam_2026"'],
    ['加賴 line id: tw_888', 'LINE id "tw_888"'],
    ['s1ot 0nline', 'blocked term "slot online"'],
    ['c4s1no bonus', 'blocked term "casino bonus"'],
    ['Live C@sino 24h', 'blocked term "live casino"'],
    ['8et365', 'blocked term "bet365"'],
  ])('%j', (text, reason) => {
    expect(reasonOf(slogan(text))).toContain(reason);
  });

  it.each(['Version 2.3.4.5 fixes a bug', 'Update to v10.0.2.1 now', 'Call 110 now; 5 scams in 30 days', 'I lost 500 yuan in 2024'])('still shown: %j', (text) => {
    expect(reasonOf(slogan(text))).toBe('shown');
  });
});

describe('fourth round: QR payloads a phone parses differently, named invisible entities', () => {
  it.each(['https://www.mps.gov.cn\\@evil.com/', 'https://www.mps.gov.cn/\u200b', 'https://www.mps.gov.cn/路径'])('QR %j is refused', (qr) => {
    expect(reasonOf(notice('扫码了解', qr))).toContain('QR code');
  });

  it.each([
    ['a&ZeroWidthSpace;b&NoBreak;c', 'abc'],
    ['b&InvisibleTimes;e&InvisibleSeparator;t', 'bet'],
  ])('%j becomes %j', (input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });
});

describe('bounded work per item', () => {
  const story = (text: string): ContentItem => ({
    kind: 'case', id: 'c1', locale: 'en', fraudType: 'impersonating-police', title: 'T', story: text,
    amountLost: 0, currency: 'CNY', lesson: 'L', date: '2026-01-01', source: 'S',
  });

  it('refuses a flood of link-like words unread, naming why', () => {
    expect(reasonOf(story(Array.from({ length: 70 }, (_, i) => `x${i}.zz`).join(' ')))).toBe('more than 64 link-like words: too many to check');
  });

  it('refuses a flood of numbers unread, naming why', () => {
    expect(reasonOf(story(Array.from({ length: 210 }, (_, i) => `${100 + i}年`).join('，')))).toBe('more than 200 numbers: too many to check');
  });

  it('still reads an ordinary story with a dozen numbers and links', () => {
    const text = Array.from({ length: 12 }, (_, i) => `In ${2000 + i}, ${i + 3} cases; see www.mps.gov.cn.`).join(' ');
    expect(reasonOf(story(text))).toBe('shown');
  });
});
