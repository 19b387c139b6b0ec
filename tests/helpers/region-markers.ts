import type { Region } from '../../src/core/model/region';

/**
 * What only another region's viewer would understand: its currency, hotlines, apps and
 * institutions. An English line on a screen may name none of another region's.
 */
export const ONLY_IN: Readonly<Record<Region, RegExp>> = {
  // Case-sensitive: "Yuan" is also a surname. "Mainland" is allowed: Hong Kong scams impersonate mainland officials.
  cn: /\byuan\b|\bRMB\b|\bCNY\b|CN¥|¥|\bQQ\b|WeChat|Alipay|96110|12381|Anti-Fraud Cent(?:er|re)|\bChina\b|\bETC\b|[Pp]ublic [Ss]ecurity|[Cc]ivil [Aa]ffairs/,
  tw: /NT\$|\bTWD\b|\b165\b|Financial Supervisory Commission|\bFSC\b|Money Laundering Control Act|\bLINE\b|Taiwan/,
  hk: /HK\$|\bHKD\b|18222|\b999\b|Scameter|Theft Ordinance|\bFPS\b|\bHKMA\b|Hong Kong/,
};

