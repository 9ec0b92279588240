"""The page ``jxlint serve`` shows: pick or drop tables, choose categories and the fail
level, see the report. Everything (style, script) is inline: the page fetches nothing but
this server's own /api/check, and downloads are made in the browser from the response."""

from __future__ import annotations

from html import escape

from .. import __version__
from ..docs import CATEGORY_LABEL
from ..readers import EXTENSIONS

FAIL_LABEL = {"error": "错误", "warning": "警告", "info": "提示", "never": "从不（只出报告）"}

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:14px 24px}header h1{margin:0;font-size:21px}header p{margin:4px 0 0;opacity:.8;font-size:13px}
main{padding:12px 24px;max-width:1240px;margin:auto}
.box{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:12px 0}
#drop{border:2px dashed #8c959f;border-radius:8px;padding:22px;text-align:center;cursor:pointer;background:#fff}
#drop.over{border-color:#0969da;background:#ddf4ff}#drop b{font-size:17px}
#chosen{list-style:none;padding:0;margin:8px 0}#chosen li{padding:2px 0}#chosen button{margin-left:8px;font-size:12px}
.row{display:flex;gap:18px;flex-wrap:wrap;align-items:center;margin:8px 0}
.cats label{display:inline-block;margin:2px 10px 2px 0;white-space:nowrap}
button.primary{background:#1f883d;color:#fff;border:0;border-radius:6px;padding:8px 22px;font-size:16px;cursor:pointer}
button.primary:disabled{background:#8c959f}
#error{background:#ffebe9;border:1px solid #ff8182;color:#82071e;border-radius:8px;padding:10px 14px;margin:12px 0;white-space:pre-wrap}
#status{color:#57606a}.hidden{display:none}
table.reading{border-collapse:collapse;width:100%;font-size:14px}table.reading th,table.reading td{border-bottom:1px solid #d8dee4;padding:4px 8px;text-align:left}
table.reading td.n{text-align:right;font-variant-numeric:tabular-nums}
#downloads a{display:inline-block;margin:4px 10px 4px 0;padding:5px 12px;border:1px solid #d0d7de;border-radius:6px;background:#f6f8fa;color:#0969da;text-decoration:none}
#verdict.failed{color:#cf222e}#verdict.passed{color:#1a7f37}
iframe#report{width:100%;height:88vh;border:1px solid #d0d7de;border-radius:8px;background:#fff}
"""

SCRIPT = """
(function(){
  const $ = id => document.getElementById(id);
  const LIMIT = Number(document.body.dataset.limit);
  const EXTS = document.body.dataset.exts.split(' ');
  let chosen = [];
  function ext(name){ const i = name.lastIndexOf('.'); return i < 0 ? '' : name.slice(i).toLowerCase(); }
  function mb(n){ return (n / 1e6).toFixed(n < 1e6 ? 2 : 1) + ' MB'; }
  function showError(msg){ const e = $('error'); e.textContent = msg; e.classList.toggle('hidden', !msg); }
  function render(){
    const ul = $('chosen'); ul.innerHTML = '';
    chosen.forEach((f, i) => {
      const li = document.createElement('li');
      li.textContent = f.name + '（' + mb(f.size) + '）';
      const b = document.createElement('button'); b.type = 'button'; b.textContent = '移除';
      b.onclick = () => { chosen.splice(i, 1); render(); };
      li.appendChild(b); ul.appendChild(li);
    });
    $('check').disabled = chosen.length === 0;
  }
  function add(files){
    const bad = [];
    for (const f of files) {
      if (ext(f.name) === '.toml') { setConfig(f); continue; }
      if (!EXTS.includes(ext(f.name))) { bad.push(f.name); continue; }
      chosen = chosen.filter(c => c.name !== f.name || c.size !== f.size); chosen.push(f);
    }
    showError(bad.length ? '不支持的文件类型：' + bad.join('、') + '（可用 ' + EXTS.join(' ') + '）' : '');
    render();
  }
  let config = null;
  function setConfig(f){ config = f; $('config-name').textContent = f ? f.name : '未选择（使用默认设置）'; }
  $('files').addEventListener('change', e => { add(e.target.files); e.target.value = ''; });
  $('config').addEventListener('change', e => { setConfig(e.target.files[0] || null); e.target.value = ''; });
  $('pick-config').addEventListener('click', () => $('config').click());
  const drop = $('drop');
  drop.addEventListener('click', () => $('files').click());
  ['dragenter','dragover'].forEach(ev => drop.addEventListener(ev, e => { e.preventDefault(); drop.classList.add('over'); }));
  ['dragleave','drop'].forEach(ev => drop.addEventListener(ev, e => { e.preventDefault(); drop.classList.remove('over'); }));
  drop.addEventListener('drop', e => add(e.dataTransfer.files));
  function download(name, blob){
    const a = document.createElement('a'); a.href = URL.createObjectURL(blob); a.download = name;
    a.textContent = name; return a;
  }
  function fromBase64(data){
    const bin = atob(data), bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }
  function cell(tr, text, cls){ const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td); return td; }
  function show(b){
    const s = b.report.summary, sev = s.by_severity;
    $('verdict').textContent = '共 ' + s.total + ' 条发现（错误 ' + sev.error + '，警告 ' + sev.warning + '，提示 ' + sev.info + '）— '
      + (s.failed ? '未通过' : '通过') + '（不通过级别：' + $('fail_on').selectedOptions[0].textContent + '）';
    $('verdict').className = s.failed ? 'failed' : 'passed';
    const body = $('reading-rows'); body.innerHTML = '';
    b.reading.forEach(r => {
      const tr = document.createElement('tr'); tr.dataset.file = r.file;
      cell(tr, r.file); cell(tr, r.format_label); cell(tr, r.layout + (r.budget_year ? '；' + r.budget_year + ' 年度' : ''));
      cell(tr, r.units.toLocaleString('zh-CN'), 'n units'); cell(tr, r.projects.toLocaleString('zh-CN'), 'n projects');
      cell(tr, r.indicators.toLocaleString('zh-CN'), 'n indicators'); cell(tr, r.unplaced.toLocaleString('zh-CN'), 'n unplaced');
      body.appendChild(tr);
    });
    const d = $('download-links'); d.innerHTML = '';
    b.annotated.forEach(w => { const a = download(w.name, new Blob([fromBase64(w.data)], {type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'})); a.dataset.kind = 'annotated'; d.appendChild(a); });
    const json = download('jxlint-报告.json', new Blob([JSON.stringify(b.report, null, 2)], {type: 'application/json'})); json.dataset.kind = 'json'; d.appendChild(json);
    const sarif = download('jxlint.sarif', new Blob([b.sarif], {type: 'application/sarif+json'})); sarif.dataset.kind = 'sarif'; d.appendChild(sarif);
    const html = download('jxlint-报告.html', new Blob([b.html], {type: 'text/html'})); html.dataset.kind = 'html'; d.appendChild(html);
    $('report').srcdoc = b.html;
    $('result').classList.remove('hidden');
  }
  $('check').addEventListener('click', async () => {
    showError('');
    const cats = [...document.querySelectorAll('.cats input')];
    const picked = cats.filter(c => c.checked).map(c => c.value);
    if (!picked.length) { showError('请至少选择一个检查类别'); return; }
    const size = chosen.reduce((n, f) => n + f.size, 0) + (config ? config.size : 0);
    if (size > LIMIT) { showError('上传的文件合计 ' + mb(size) + '，超过 ' + mb(LIMIT) + ' 的上限；请分批检查'); return; }
    const fd = new FormData();
    chosen.forEach(f => fd.append('files', f, f.name));
    if (config) fd.append('config', config, config.name);
    if (picked.length < cats.length) fd.append('select', picked.join(','));
    fd.append('fail_on', $('fail_on').value);
    $('check').disabled = true; $('result').classList.add('hidden');
    const started = performance.now();
    $('status').textContent = '正在检查……';
    try {
      const resp = await fetch('api/check?format=bundle', {method: 'POST', body: fd});
      let data = null;
      try { data = await resp.json(); } catch (e) { data = null; }
      if (!resp.ok || !data || data.error) { showError((data && data.error) || ('检查失败（HTTP ' + resp.status + '）')); $('status').textContent = ''; return; }
      show(data);
      $('status').textContent = '检查完成，用时 ' + ((performance.now() - started) / 1000).toFixed(1) + ' 秒';
    } catch (e) {
      showError('无法连接 jxlint serve：请确认命令行窗口中的服务仍在运行'); $('status').textContent = '';
    } finally { $('check').disabled = chosen.length === 0; }
  });
  render();
})();
"""


def render_page(categories: list[str], limit: int) -> str:
    exts = sorted({e for e in EXTENSIONS if e not in (".text", ".xlsm", ".yml")})  # the list shown; all are taken
    boxes = "".join(
        f'<label><input type="checkbox" value="{escape(c)}" checked> {escape(CATEGORY_LABEL.get(c, c))}</label>' for c in categories
    )
    fail = "".join(f'<option value="{k}">{v}</option>' for k, v in FAIL_LABEL.items())
    accept = ",".join(sorted(EXTENSIONS)) + ",.toml"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>jxlint 绩效目标表检查</title><style>{CSS}</style></head>
<body data-limit="{limit}" data-exts="{' '.join(sorted(EXTENSIONS))}">
<header><h1>绩效目标表检查</h1><p>jxlint {__version__} · 在本机检查，文件不会离开这台电脑，检查完即删除</p></header>
<main>
<section class="box">
<div id="drop"><b>把表格拖到这里，或点击选择文件</b><br>
<span>可一次选多个：{escape(" ".join(exts))}；单次合计不超过 {limit / 1e6:g} MB</span></div>
<input id="files" type="file" multiple accept="{accept}" class="hidden">
<ul id="chosen"></ul>
<div class="row"><span>配置文件 jxlint.toml（可选）：<button id="pick-config" type="button">选择配置文件</button>
<input id="config" type="file" accept=".toml" class="hidden"> <span id="config-name">未选择（使用默认设置）</span></span></div>
<div class="row cats"><b>检查类别：</b>{boxes}</div>
<div class="row"><label><b>不通过级别：</b><select id="fail_on">{fail}</select></label>
<button id="check" class="primary" type="button" disabled>检查</button><span id="status"></span></div>
</section>
<div id="error" class="hidden"></div>
<div id="result" class="hidden">
<section class="box"><h2 id="verdict"></h2>
<h3>读取情况</h3>
<table class="reading"><thead><tr><th>文件</th><th>格式</th><th>指标值列</th><th>单位</th><th>项目</th><th>指标</th><th>无法归位的行</th></tr></thead>
<tbody id="reading-rows"></tbody></table>
<h3>下载</h3><div id="downloads"><span id="download-links"></span></div>
</section>
<iframe id="report" name="report" title="检查报告"></iframe>
</div>
</main>
<script>{SCRIPT}</script></body></html>
"""
