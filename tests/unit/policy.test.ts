import { describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/core/policy/plain-text';
import { checkItem, policyConfig } from '../../src/core/policy/content-policy';
import { findPhones } from '../../src/core/policy/contacts';
import type { ContentItem } from '../../src/core/model/content';

const policy = policyConfig({ blockedTerms: ['cheap rolex'], allowedPhones: ['0571-12345678'], allowedLinkHosts: ['*.gov.cn', 'police.example.org'] });
const slogan = (text: string): ContentItem => ({ kind: 'slogan', id: 's1', locale: 'zh-CN', text });
const notice = (text: string, qr?: string): ContentItem => ({ kind: 'notice', id: 'n1', locale: 'zh-CN', variant: 'notice', title: 'T', text, ...(qr ? { qr } : {}) });

describe('plain text', () => {
  it.each([
    ['<b>bold</b> text', 'bold text'],
    ['safe<script>alert(1)</script> description', 'safe description'],
    ['safe&lt;script&gt;alert(1)&lt;/script&gt; description', 'safe description'],
    ['<img src=x onerror="alert(1)">caption', 'caption'],
    ['<p>line one</p><p>line two</p>', 'line one line two'],
    ['a &amp; b &lt; c &#x4e2d;&#22269; &nbsp;end', 'a & b < c 中国 end'],
    ['zero\u200bwidth\u202eevil\u2066 x', 'zerowidthevil x'],
    ['  many \n\t spaces  ', 'many spaces'],
    ['<![CDATA[<i>cdata</i>]]>', 'cdata'],
    ['<style>body{display:none}</style>visible', 'visible'],
    ['<!-- hidden --><a href="javascript:alert(1)">click</a>', 'click'],
  ])('%j becomes %j', (input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });

  it('never leaves anything that looks like a tag', () => {
    const nasty = '&amp;lt;script&amp;gt;x&amp;lt;/script&amp;gt;<svg/onload=alert(1)><iframe src="//evil">';
    expect(toPlainText(nasty)).not.toMatch(/<[a-z/!]/i);
  });
});

describe('content policy', () => {
  it('quarantines the gambling spam spliced into seed 002', () => {
    const r = checkItem(slogan('Police bet365 online live casino network fraud cases is still high'), policy);
    expect(r).toEqual({ ok: false, error: expect.stringContaining('blocked term') });
  });

  it.each(['博彩平台注册就送', '澳门赌场开业', '百家乐在线', 'B E T 3 6 5 bonus', 'ｂｅｔ３６５', 'cheap ROLEX here'])('blocks %j', (text) => {
    expect(checkItem(slogan(text), policy).ok).toBe(false);
  });

  it('accepts ordinary anti-fraud slogans with the official numbers', () => {
    for (const text of [
      '未知链接不点击、个人信息不透露、境外来电不轻信、转账汇款多核实',
      '遇到诈骗请拨打110报警，咨询请拨打96110',
      '2023年本市挽回损失700,000元，2024-01-15 起开展宣传',
      'Call 96110 if in doubt; a case cost 70万元',
      '咨询电话 0571-12345678',
    ]) {
      expect(checkItem(slogan(text), policy)).toEqual({ ok: true, value: slogan(text) });
    }
  });

  it('quarantines an unknown hotline, short or long', () => {
    expect(checkItem(slogan('客服热线 400-123-4567 退款'), policy)).toEqual({ ok: false, error: expect.stringContaining('phone number "400-123-4567"') });
    expect(checkItem(slogan('请拨打 12345 领取奖品'), policy).ok).toBe(false);
    expect(findPhones('请致电 +86 138 0013 8000')).toEqual(['13800138000']);
  });

  it('quarantines links to hosts that are not allowed, and accepts allowed ones', () => {
    expect(checkItem(slogan('领取补贴 http://evil.example.com/x'), policy).ok).toBe(false);
    expect(checkItem(slogan('下载 www.fake-app.top 立即到账'), policy).ok).toBe(false);
    expect(checkItem(slogan('扫码 evil-bank.cn 认证'), policy).ok).toBe(false);
    expect(checkItem(slogan('官方网站 https://www.mps.gov.cn/ 查看'), policy).ok).toBe(true);
  });

  it('checks QR payloads: allowed host or allowed phone only', () => {
    expect(checkItem(notice('扫码了解', 'https://police.example.org/app'), policy).ok).toBe(true);
    expect(checkItem(notice('扫码了解', 'tel:96110'), policy).ok).toBe(true);
    expect(checkItem(notice('扫码了解', 'https://evil.example.net/pay'), policy)).toEqual({ ok: false, error: expect.stringContaining('QR code') });
    expect(checkItem(notice('扫码了解', 'tel:13800138000'), policy).ok).toBe(false);
    expect(checkItem(notice('扫码了解', 'javascript:alert(1)'), policy).ok).toBe(false);
  });
});
