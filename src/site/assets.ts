/**
 * The portal's stylesheet and script: plain CSS and ES5-level JavaScript, no libraries, so
 * the pages open from disk (file://) and from GitHub Pages alike.
 */

export const SITE_CSS = `:root{--fg:#24292f;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--link:#0969da;--err:#d1242f;--warn:#9a6700;--ok:#1a7f37}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}
header{display:flex;gap:1rem;align-items:center;padding:.6rem 1.5rem;border-bottom:1px solid var(--line);background:var(--soft);position:relative}
header .brand{font-weight:600}
.search{margin-left:auto;position:relative}
.search input{width:18rem;padding:.3rem .5rem;border:1px solid var(--line);border-radius:6px;font:inherit}
#results{position:absolute;right:0;top:2.2rem;z-index:5;background:var(--bg);border:1px solid var(--line);border-radius:6px;margin:0;padding:.3rem 0;list-style:none;width:28rem;max-height:60vh;overflow:auto}
#results:empty{display:none}
#results li{padding:.2rem .8rem}
main{padding:1rem 1.5rem 3rem;max-width:1400px}
small,.muted{color:var(--muted)}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:14px}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:var(--soft)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:0 .4rem;border-radius:1rem;font-size:12px;border:1px solid var(--line)}
.badge.error{color:var(--err);border-color:var(--err)}.badge.warning{color:var(--warn);border-color:var(--warn)}.badge.ok{color:var(--ok);border-color:var(--ok)}
.layer{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
ul.tree{list-style:none;padding-left:1.2rem}ul.tree>li{margin:.2rem 0}
.diagram{border:1px solid var(--line);border-radius:6px;margin:.5rem 0 1rem}
.controls{display:flex;gap:.4rem;align-items:center;padding:.3rem .5rem;border-bottom:1px solid var(--line);background:var(--soft)}
.controls button{font:inherit;min-width:2rem;border:1px solid var(--line);border-radius:4px;background:var(--bg);cursor:pointer}
.viewport{overflow:hidden;cursor:grab;touch-action:none}
.viewport svg{display:block;width:100%;height:auto;max-height:75vh}
.bar{display:inline-block;height:.7rem;background:#e16f24;vertical-align:middle}
pre.diff{background:var(--soft);padding:1rem;overflow:auto;border:1px solid var(--line);border-radius:6px}
`;

export const SITE_JS = `(function () {
  'use strict';
  var base = document.body.getAttribute('data-base') || '';
  var norm = function (s) { return String(s).normalize('NFKC').toLowerCase(); };

  // Search over process and step names (any script: substring match after NFKC).
  var input = document.getElementById('search');
  var list = document.getElementById('results');
  var index = window.CRMFLOW_SEARCH || [];
  if (input && list) {
    var noMatch = list.getAttribute('data-none') || 'No match';
    input.addEventListener('input', function () {
      var q = norm(input.value.trim());
      list.textContent = '';
      if (!q) return;
      var shown = 0;
      for (var i = 0; i < index.length && shown < 40; i++) {
        var e = index[i];
        if (norm(e[0]).indexOf(q) < 0 && norm(e[3]).indexOf(q) < 0) continue;
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = base + e[1];
        a.textContent = e[0];
        var s = document.createElement('small');
        s.textContent = ' ' + e[2];
        li.appendChild(a);
        li.appendChild(s);
        list.appendChild(li);
        shown++;
      }
      if (!shown) {
        var none = document.createElement('li');
        none.className = 'muted';
        none.textContent = noMatch;
        list.appendChild(none);
      }
    });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') { var first = list.querySelector('a'); if (first) window.location.href = first.href; }
      if (ev.key === 'Escape') { input.value = ''; list.textContent = ''; }
    });
  }

  // Diagram: zoom with the buttons or the wheel, pan by dragging (the SVG's viewBox moves).
  var viewport = document.querySelector('.viewport');
  var svg = viewport && viewport.querySelector('svg');
  if (!svg) return;
  var vb0 = svg.getAttribute('viewBox').split(/[ ,]+/).map(Number);
  var vb = vb0.slice();
  var apply = function () { svg.setAttribute('viewBox', vb.map(function (v) { return Math.round(v * 10) / 10; }).join(' ')); };
  var zoom = function (factor, fx, fy) {
    var w = vb[2] * factor, h = vb[3] * factor;
    if (w < vb0[2] / 20 || w > vb0[2] * 4) return;
    vb[0] += (vb[2] - w) * fx; vb[1] += (vb[3] - h) * fy; vb[2] = w; vb[3] = h;
    apply();
  };
  var buttons = document.querySelectorAll('[data-zoom]');
  for (var b = 0; b < buttons.length; b++) {
    buttons[b].addEventListener('click', function (ev) {
      var what = ev.currentTarget.getAttribute('data-zoom');
      if (what === 'in') zoom(0.8, 0.5, 0.5);
      else if (what === 'out') zoom(1.25, 0.5, 0.5);
      else { vb = vb0.slice(); apply(); }
    });
  }
  viewport.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect();
    zoom(ev.deltaY < 0 ? 0.9 : 1.1, (ev.clientX - r.left) / r.width, (ev.clientY - r.top) / r.height);
  }, { passive: false });
  var drag = null;
  viewport.addEventListener('pointerdown', function (ev) {
    if (ev.target.closest && ev.target.closest('a')) return;
    drag = { x: ev.clientX, y: ev.clientY, vb: vb.slice() };
    viewport.setPointerCapture(ev.pointerId);
  });
  viewport.addEventListener('pointermove', function (ev) {
    if (!drag) return;
    var r = svg.getBoundingClientRect();
    vb[0] = drag.vb[0] - (ev.clientX - drag.x) * vb[2] / r.width;
    vb[1] = drag.vb[1] - (ev.clientY - drag.y) * vb[3] / r.height;
    apply();
  });
  var stop = function () { drag = null; };
  viewport.addEventListener('pointerup', stop);
  viewport.addEventListener('pointercancel', stop);

  // Heat overlay: each step's share of cycle time as a translucent box over the step.
  var data = document.getElementById('heat-data');
  var toggle = document.getElementById('heat');
  if (!data || !toggle) return;
  var heat = JSON.parse(data.textContent);
  var max = 0;
  for (var k in heat) if (heat[k] > max) max = heat[k];
  var boxes = [];
  var steps = svg.querySelectorAll('g.step[data-step]');
  for (var i = 0; i < steps.length; i++) {
    var g = steps[i];
    var v = heat[g.getAttribute('data-step')];
    if (!v || !max) continue;
    var bb = g.getBBox();
    var rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    rect.setAttribute('class', 'heat');
    rect.setAttribute('x', bb.x - 3); rect.setAttribute('y', bb.y - 3);
    rect.setAttribute('width', bb.width + 6); rect.setAttribute('height', bb.height + 6);
    rect.setAttribute('rx', 4);
    rect.setAttribute('fill', 'hsl(' + Math.round(50 - 50 * v / max) + ',95%,50%)');
    rect.setAttribute('fill-opacity', String(0.2 + 0.4 * v / max));
    rect.setAttribute('pointer-events', 'none');
    var t = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    t.textContent = Math.round(v * 1000) / 10 + ' %';
    rect.appendChild(t);
    g.appendChild(rect);
    boxes.push(rect);
  }
  var show = function () { for (var j = 0; j < boxes.length; j++) boxes[j].style.display = toggle.checked ? '' : 'none'; };
  toggle.addEventListener('change', show);
  show();
})();
`;
