import type { ListFormat } from '../../core/import/official-list';
import type { Locale } from '../../core/model/content';

/** The "Import official list" page's words, kept beside the main tables so they merge cleanly. */
export interface ImportListStrings {
  readonly title: string;
  readonly intro: string;
  readonly format: string;
  readonly formats: Readonly<Record<ListFormat, { readonly name: string; readonly columns: string }>>;
  readonly file: string;
  readonly fileHint: string;
  readonly submit: string;
  readonly sending: string;
  readonly tooLarge: string;
  readonly refused: string;
  readonly created: string;
  readonly counts: string;
  readonly next: string;
  readonly openLibrary: string;
}

const zhCN: ImportListStrings = {
  title: '导入官方名单',
  intro: '把官方公布的诈骗网站名单转成草稿幻灯片：网址以不可点击的形式显示（example[.]com），附名单日期和来源；草稿和其他内容一样需要审批后才会发布。有问题的文件会整份拒绝，不会建立任何内容。',
  format: '名单格式',
  formats: {
    'tw-165-sites': { name: '台湾 165 每周假投资（博弈）网站', columns: '政府开放资料的栏位：網站名稱、網址、件數、統計起始日期、統計結束日期' },
    'hkma-websites': { name: '香港金管局：虚假银行网站', columns: 'issue_date、alleged_name、scam_type、pr_url、fraud_website_address' },
    'generic-csv': { name: '通用 CSV', columns: '标题行须有 domain 栏，可选 name、reported（日期）' },
    'tw-165-line-ids': { name: '台湾 165 诈骗 LINE ID', columns: '政府开放资料的栏位：帳號、通報日期' },
    'tw-165-scam-domains': { name: '台湾 165 遭停止解析涉诈网站（最新一个月）', columns: '政府开放资料的栏位：民國年月、網域、網站性質、法律依據、聲請單位' },
  },
  file: 'CSV 文件（UTF-8）',
  fileHint: 'Big5/GBK 文件请先另存为“CSV UTF-8”',
  submit: '导入',
  sending: '正在导入…',
  tooLarge: '文件有 {size}，控制台最多接受 {max}：请拆分，或在服务器上用 kiosk import-list 导入。',
  refused: '文件被拒绝，没有建立任何内容。原因：',
  created: '已建立 {n} 份草稿',
  counts: '{sites} 个网站；去除重复 {duplicates} 个；无法识别而跳过 {skipped} 行。',
  next: '打开草稿检查后提交审批：',
  openLibrary: '在素材库中查看',
};

const zhTW: ImportListStrings = {
  title: '匯入官方名單',
  intro: '把官方公布的詐騙網站名單轉成草稿投影片：網址以不可點擊的形式顯示（example[.]com），附名單日期與來源；草稿和其他內容一樣需經審核才會發布。有問題的檔案會整份拒絕，不會建立任何內容。',
  format: '名單格式',
  formats: {
    'tw-165-sites': { name: '165 每週公布的假投資（博弈）網站', columns: '政府資料開放平臺的欄位：網站名稱、網址、件數、統計起始日期、統計結束日期' },
    'hkma-websites': { name: '香港金管局：偽冒銀行網站', columns: 'issue_date、alleged_name、scam_type、pr_url、fraud_website_address' },
    'generic-csv': { name: '通用 CSV', columns: '標題列須有 domain 欄，可選 name、reported（日期）' },
    'tw-165-line-ids': { name: '165 公布的詐騙 LINE ID', columns: '政府資料開放平臺的欄位：帳號、通報日期' },
    'tw-165-scam-domains': { name: '165 遭停止解析涉詐網站（最新一個月）', columns: '政府資料開放平臺的欄位：民國年月、網域、網站性質、法律依據、聲請單位' },
  },
  file: 'CSV 檔案（UTF-8）',
  fileHint: 'Big5 檔案請先另存為「CSV UTF-8」',
  submit: '匯入',
  sending: '匯入中…',
  tooLarge: '檔案有 {size}，主控台最多接受 {max}：請分割，或在伺服器上用 kiosk import-list 匯入。',
  refused: '檔案被拒絕，沒有建立任何內容。原因：',
  created: '已建立 {n} 份草稿',
  counts: '{sites} 個網站；去除重複 {duplicates} 個；無法辨識而略過 {skipped} 列。',
  next: '開啟草稿檢查後送審：',
  openLibrary: '在素材庫中查看',
};

const en: ImportListStrings = {
  title: 'Import official list',
  intro: 'Turns an official list of scam websites into draft slides: the domains shown so nothing can open them (example[.]com), with the list\'s date and source. The drafts need approval like any item. A bad file is refused whole and creates nothing.',
  format: 'List format',
  formats: {
    'tw-165-sites': { name: 'Taiwan 165: weekly fake investment (gambling) sites', columns: 'the open-data columns: 網站名稱, 網址, 件數, 統計起始日期, 統計結束日期' },
    'hkma-websites': { name: 'HKMA: fraudulent bank websites', columns: 'issue_date, alleged_name, scam_type, pr_url, fraud_website_address' },
    'generic-csv': { name: 'Generic CSV', columns: 'a header row with a domain column; name and reported (a date) optional' },
    'tw-165-line-ids': { name: 'Taiwan 165: scam LINE IDs', columns: 'the open-data columns: 帳號, 通報日期' },
    'tw-165-scam-domains': { name: 'Taiwan 165: stopped-resolution scam domains (newest month)', columns: 'the open-data columns: 民國年月, 網域, 網站性質, 法律依據, 聲請單位' },
  },
  file: 'CSV file (UTF-8)',
  fileHint: 'save Big5 or GBK files as "CSV UTF-8" first',
  submit: 'Import',
  sending: 'Importing…',
  tooLarge: 'The file is {size}; the console takes up to {max}: split it, or use kiosk import-list on the server.',
  refused: 'The file was refused and nothing was created. Reason: ',
  created: '{n} draft(s) created',
  counts: '{sites} sites; {duplicates} duplicates dropped; {skipped} rows without a readable site skipped.',
  next: 'Open the drafts, check them and submit them for approval:',
  openLibrary: 'See them in the library',
};

const TABLES: Readonly<Record<Locale, ImportListStrings>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, 'zh-HK': zhTW, en };

export const importListStrings = (locale: Locale): ImportListStrings => TABLES[locale];
