/** The report's stylesheet, inlined so the file opens anywhere without a network. */
export const REPORT_CSS = `
*{box-sizing:border-box}
body{margin:0;background:#eef1f6;color:#1d2433;font:15px/1.5 'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei','PingFang SC',sans-serif}
main{max-width:1040px;margin:0 auto;padding:28px 24px 40px}
header h1{margin:0 0 6px;font-size:28px;line-height:1.25}
h1 span,h2 span,.card .label span,.integrity span{display:block;font-weight:400;color:#5b6476;font-size:.62em}
h2 span{display:inline;font-size:.8em;margin-left:6px}
.org{margin:0 0 4px;font-size:18px;font-weight:600;color:#2f6fdf}
.meta{margin:0 0 12px;color:#4a5365}
.integrity{margin:0 0 18px;padding:10px 14px;border-radius:8px;font-weight:600}
.integrity span{font-size:.86em;margin-top:2px}
.integrity.ok{background:#e3f5ec;color:#1d6b47;border:1px solid #b5e0c9}
.integrity.bad{background:#fde8e8;color:#9b1c1c;border:1px solid #f3b4b4}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;margin-bottom:16px}
.card{background:#fff;border-radius:10px;padding:14px 16px;box-shadow:0 1px 2px rgba(20,30,60,.08)}
.card .label{font-size:15px;font-weight:600;color:#4a5365}
.card .label span{font-size:12px;display:inline;margin-left:6px}
.card .value{font-size:32px;font-weight:700;line-height:1.2;margin-top:4px;font-variant-numeric:tabular-nums}
.card .note{color:#5b6476;font-size:13px}
.panel{background:#fff;border-radius:10px;padding:14px 18px 16px;margin-bottom:16px;box-shadow:0 1px 2px rgba(20,30,60,.08);break-inside:avoid}
.panel h2{margin:0 0 8px;font-size:18px}
.panel h3{margin:14px 0 6px;font-size:15px}
.two{display:grid;grid-template-columns:1fr;gap:0}
.hint{margin:-4px 0 6px;color:#5b6476;font-size:13px}
svg.chart{display:block;font-family:inherit}
.legend{margin:6px 0 0;color:#4a5365;font-size:13px}
.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px 0 14px;vertical-align:-1px}
.legend i:first-child{margin-left:0}
.legend .air{background:#2e9e6b}.legend .standby{background:#c4cad4}.legend .rec{background:#d63c3c}.legend .none{background:#fff;border:1px solid #c4cad4}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e3e7ee}
th{background:#f6f8fb;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.empty{color:#5b6476}
code{background:#f0f2f6;padding:1px 5px;border-radius:4px}
footer{color:#5b6476;font-size:13px;margin-top:8px}
footer .head{margin:0 0 6px;word-break:break-all}
@media print{body{background:#fff}main{padding:0}.panel,.card{box-shadow:none;border:1px solid #d8dde6}}
`;
