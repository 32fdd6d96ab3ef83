// Refreshes the page's live table from the JSON rows the server renders it from (no innerHTML: texts stay text).
(function () {
  'use strict';
  var table = document.getElementById('live');
  if (!table) {
    return;
  }
  // (the live tables; the connectivity test and the test passage follow in their own functions below)
  var api = table.getAttribute('data-api');
  var body = table.tBodies[0];
  var empty = document.getElementById('empty');
  var stamp = document.getElementById('refreshed');

  function render(rows) {
    var fresh = document.createElement('tbody');
    rows.forEach(function (row) {
      var tr = document.createElement('tr');
      tr.className = row.state;
      row.cells.forEach(function (cell, i) {
        var td = document.createElement('td');
        if (i === row.cells.length - 1 && row.images.length > 0) {
          row.images.forEach(function (url) {
            var a = document.createElement('a');
            a.href = url;
            a.target = '_blank';
            var img = document.createElement('img');
            img.src = url;
            img.alt = '';
            a.appendChild(img);
            td.appendChild(a);
          });
        } else {
          td.textContent = cell;
        }
        tr.appendChild(td);
      });
      fresh.appendChild(tr);
    });
    table.replaceChild(fresh, body);
    body = fresh;
    if (empty) {
      empty.hidden = rows.length > 0;
    }
  }

  function refresh() {
    fetch(api, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (r) {
        if (r.status === 401) {
          window.location.assign('/login');
          throw new Error('logged out');
        }
        if (!r.ok) {
          throw new Error('HTTP ' + r.status);
        }
        return r.json();
      })
      .then(function (data) {
        render(data.rows);
        stamp.textContent = '已刷新 refreshed ' + new Date().toLocaleTimeString();
        stamp.className = '';
      })
      .catch(function (e) {
        stamp.textContent = '刷新失败 refresh failed: ' + e.message;
        stamp.className = 'error';
      })
      .finally(function () {
        window.setTimeout(refresh, 2000);
      });
  }
  refresh();
})();

// The connectivity test and the test passage: POSTs carry the session's CSRF token as a form field, like the forms.
(function () {
  'use strict';
  var main = document.querySelector('main[data-csrf]');
  var status = document.getElementById('status');

  function post(api) {
    return fetch(api, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json'},
      body: 'csrf=' + encodeURIComponent(main.getAttribute('data-csrf'))
    }).then(answer);
  }

  function answer(r) {
    if (r.status === 401) {
      window.location.assign('/login');
      throw new Error('logged out');
    }
    return r.json().then(function (body) {
      if (!r.ok) {
        throw new Error(body.error || ('HTTP ' + r.status));
      }
      return body;
    });
  }

  function cell(tr, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    tr.appendChild(td);
  }

  var run = document.getElementById('run-connectivity');
  if (run) {
    var checks = document.getElementById('checks');
    run.addEventListener('click', function () {
      run.disabled = true;
      status.textContent = '测试中 Testing…';
      status.className = 'hint';
      post(run.getAttribute('data-api')).then(function (body) {
        var fresh = document.createElement('tbody');
        var failed = 0;
        body.checks.forEach(function (c) {
          var tr = document.createElement('tr');
          tr.className = 'check-' + c.status.toLowerCase();
          tr.setAttribute('data-check', c.id);
          cell(tr, c.name);
          cell(tr, c.status, 'result');
          cell(tr, c.detail);
          cell(tr, c.fix);
          fresh.appendChild(tr);
          if (c.status === 'FAIL') {
            failed++;
          }
        });
        checks.replaceChild(fresh, checks.tBodies[0]);
        checks.hidden = false;
        status.textContent = (failed === 0 ? '通过 Passed' : failed + ' 项失败 failed') + ' · ' + new Date().toLocaleTimeString();
        status.className = failed === 0 ? 'ok' : 'error';
        status.setAttribute('data-done', 'true');
      }).catch(function (e) {
        status.textContent = '测试失败 The test could not run: ' + e.message;
        status.className = 'error';
      }).finally(function () {
        run.disabled = false;
      });
    });
    run.setAttribute('data-ready', 'true');
  }

  var send = document.getElementById('run-test-passage');
  if (send) {
    var steps = document.getElementById('steps');
    var error = document.getElementById('tp-error');
    var timer = null;

    function render(p) {
      if (p.none) {
        status.textContent = '尚未发送 No test passage yet';
        return false;
      }
      while (steps.firstChild) {
        steps.removeChild(steps.firstChild);
      }
      p.steps.forEach(function (s) {
        var li = document.createElement('li');
        li.className = s.done ? 'done' : 'waiting';
        li.setAttribute('data-step', s.id);
        var label = document.createElement('strong');
        label.textContent = (s.done ? '✔ ' : '… ') + s.label;
        li.appendChild(label);
        if (s.detail) {
          li.appendChild(document.createTextNode(' — ' + s.detail));
        }
        steps.appendChild(li);
      });
      error.hidden = !p.error;
      error.textContent = p.error || '';
      status.textContent = p.done ? '完成 VERIFIED · ' + p.caseId : p.error ? '停止 Stopped' : '进行中 In progress…';
      status.className = p.done ? 'ok' : p.error ? 'error' : 'hint';
      return !p.done && !p.error;
    }

    function follow() {
      fetch('/api/test-passage', {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
        .then(answer)
        .then(function (p) {
          if (render(p)) {
            timer = window.setTimeout(follow, 1000);
          } else {
            send.disabled = false;
          }
        })
        .catch(function (e) {
          status.textContent = '刷新失败 refresh failed: ' + e.message;
          status.className = 'error';
          timer = window.setTimeout(follow, 2000);
        });
    }

    send.addEventListener('click', function () {
      send.disabled = true;
      if (timer) {
        window.clearTimeout(timer);
      }
      post(send.getAttribute('data-api')).then(function (p) {
        render(p);
        follow();
      }).catch(function (e) {
        status.textContent = e.message;
        status.className = 'error';
        send.disabled = false;
      });
    });
    send.setAttribute('data-ready', 'true');
    follow();
  }
})();

// The camera page: the camera's latest frame with its regions drawn over it (SVG, coordinates 0..1 of the frame),
// corners dragged, added (double-click an edge), removed (double-click a corner) or typed; saved with a POST that the
// gateway checks with the site compiler. Regions shown are the camera's own: reloaded when nothing is being edited.
(function () {
  'use strict';
  var section = document.getElementById('camera');
  if (!section) {
    return;
  }
  var NS = 'http://www.w3.org/2000/svg';
  var ZONES = ['wheelZone', 'bodyZone', 'roadZone', 'washArea'];
  var cameraId = section.getAttribute('data-camera');
  var csrf = document.querySelector('main[data-csrf]').getAttribute('data-csrf');
  var stage = document.getElementById('stage');
  var img = document.getElementById('frame');
  var noFrame = document.getElementById('no-frame');
  var svg = document.getElementById('regions');
  var info = document.getElementById('frame-info');
  var form = document.getElementById('regions-form');
  var save = document.getElementById('save-regions');
  var undo = document.getElementById('reset-regions');
  var status = document.getElementById('camera-status');
  var inputs = {};
  ZONES.forEach(function (z) {
    inputs[z] = document.getElementById('zone-' + z);
  });
  var width = 0;
  var height = 0;
  var zones = {};        // zone -> [[x, y], ...] as edited; null when its text does not read as corners
  var elements = {};     // zone -> {poly, handles}
  var configured = null; // the camera's regions (corner texts), as last loaded
  var dirty = false;
  var saved = null;      // the texts just saved, until the camera shows them

  function fmt(v) {
    return String(Math.round(v * 1000) / 1000);
  }

  function normal(text) {
    return text.trim().replace(/\s*,\s*/g, ',').split(/\s+/).filter(Boolean).join(' ');
  }

  function parse(text) {
    var parts = normal(text).split(' ').filter(Boolean);
    var points = [];
    for (var i = 0; i < parts.length; i++) {
      var xy = parts[i].split(',');
      if (xy.length !== 2 || xy[0] === '' || xy[1] === '' || !isFinite(Number(xy[0])) || !isFinite(Number(xy[1]))) {
        return null;
      }
      points.push([Number(xy[0]), Number(xy[1])]);
    }
    return points.length > 0 ? points : null;
  }

  function cornersText(points) {
    return points.map(function (p) {
      return fmt(p[0]) + ',' + fmt(p[1]);
    }).join(' ');
  }

  function svgPoints(points) {
    return points.map(function (p) {
      return (p[0] * width) + ',' + (p[1] * height);
    }).join(' ');
  }

  // where a pointer is, as fractions of the frame (kept within it)
  function at(evt) {
    var box = svg.getBoundingClientRect();
    var x = Math.min(1, Math.max(0, (evt.clientX - box.left) / box.width));
    var y = Math.min(1, Math.max(0, (evt.clientY - box.top) / box.height));
    return [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];
  }

  function changed(zone) {
    if (zone) {
      inputs[zone].value = cornersText(zones[zone]);
      inputs[zone].classList.remove('invalid');
    }
    dirty = true;
    saved = null;
    save.disabled = false;
    undo.disabled = false;
    status.textContent = '未保存 Not saved yet';
    status.className = 'hint';
    section.removeAttribute('data-applied');
  }

  var drag = null;

  function draw() {
    while (svg.firstChild) {
      svg.removeChild(svg.firstChild);
    }
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('preserveAspectRatio', 'none');
    var r = Math.max(width, height) / 100;
    elements = {};
    ZONES.forEach(function (zone) {
      var points = zones[zone];
      if (!points) {
        return;
      }
      var poly = document.createElementNS(NS, 'polygon');
      poly.setAttribute('class', 'zone zone-' + zone);
      poly.setAttribute('data-zone', zone);
      poly.setAttribute('points', svgPoints(points));
      poly.addEventListener('dblclick', function (evt) {
        addCorner(zone, at(evt));
      });
      svg.appendChild(poly);
      elements[zone] = {poly: poly, handles: []};
    });
    ZONES.forEach(function (zone) {
      var points = zones[zone];
      if (!points) {
        return;
      }
      points.forEach(function (p, i) {
        var c = document.createElementNS(NS, 'circle');
        c.setAttribute('class', 'handle zone-' + zone);
        c.setAttribute('data-zone', zone);
        c.setAttribute('data-corner', String(i));
        c.setAttribute('r', String(r));
        c.setAttribute('cx', String(p[0] * width));
        c.setAttribute('cy', String(p[1] * height));
        c.addEventListener('pointerdown', function (evt) {
          evt.preventDefault();
          drag = {zone: zone, corner: i};
        });
        c.addEventListener('dblclick', function () {
          if (zones[zone].length > 3) {
            zones[zone].splice(i, 1);
            changed(zone);
            draw();
          }
        });
        svg.appendChild(c);
        elements[zone].handles.push(c);
      });
    });
  }

  // a new corner on the edge nearest to where the installer double-clicked
  function addCorner(zone, p) {
    var points = zones[zone];
    var best = 0;
    var bestDistance = Infinity;
    for (var i = 0; i < points.length; i++) {
      var a = points[i];
      var b = points[(i + 1) % points.length];
      var ax = a[0] * width, ay = a[1] * height, bx = b[0] * width, by = b[1] * height;
      var px = p[0] * width, py = p[1] * height;
      var len = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
      var t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len));
      var dx = ax + t * (bx - ax) - px, dy = ay + t * (by - ay) - py;
      var d = dx * dx + dy * dy;
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    points.splice(best + 1, 0, p);
    changed(zone);
    draw();
  }

  window.addEventListener('pointermove', function (evt) {
    if (!drag) {
      return;
    }
    var p = at(evt);
    zones[drag.zone][drag.corner] = p;
    var e = elements[drag.zone];
    e.poly.setAttribute('points', svgPoints(zones[drag.zone]));
    e.handles[drag.corner].setAttribute('cx', String(p[0] * width));
    e.handles[drag.corner].setAttribute('cy', String(p[1] * height));
    changed(drag.zone);
  });
  window.addEventListener('pointerup', function () {
    drag = null;
  });

  ZONES.forEach(function (zone) {
    inputs[zone].addEventListener('input', function () {
      zones[zone] = parse(inputs[zone].value);
      inputs[zone].classList.toggle('invalid', zones[zone] === null && inputs[zone].value.trim() !== '');
      changed(null);
      draw();
    });
  });

  // the camera's regions into the form and the drawing
  function regionsFromCamera() {
    ZONES.forEach(function (zone) {
      var corners = configured[zone] || [];
      inputs[zone].value = corners.join(' ');
      inputs[zone].classList.remove('invalid');
      zones[zone] = corners.length > 0 ? parse(inputs[zone].value) : null;
    });
    dirty = false;
    save.disabled = true;
    undo.disabled = true;
    draw();
  }

  function sameAsSaved() {
    return saved !== null && ZONES.every(function (zone) {
      return normal((configured[zone] || []).join(' ')) === saved[zone];
    });
  }

  function show(camera) {
    var sizeChanged = false;
    var w = camera.frame ? camera.frame.width : camera.frameWidth > 0 ? camera.frameWidth : 1280;
    var h = camera.frame ? camera.frame.height : camera.frameHeight > 0 ? camera.frameHeight : 720;
    if (w !== width || h !== height) {
      width = w;
      height = h;
      stage.style.aspectRatio = w + ' / ' + h;
      sizeChanged = true;
    }
    if (camera.frame) {
      if (img.getAttribute('src') !== camera.frame.url) {
        img.src = camera.frame.url;
      }
      img.hidden = false;
      noFrame.hidden = true;
      info.textContent = '最新画面 latest frame ' + new Date(camera.frame.time).toLocaleTimeString() + ' · ' + w + '×' + h;
      section.setAttribute('data-frame', camera.frame.time);
    } else {
      img.hidden = true;
      noFrame.hidden = false;
      noFrame.textContent = '相机尚无画面 The camera has no frame yet: the regions are drawn on an empty ' + w + '×' + h
          + (camera.frameWidth > 0 ? ' canvas (frame.width × frame.height).' : ' canvas (no frame size configured).');
      info.textContent = '无画面 no frame';
      section.removeAttribute('data-frame');
    }
    var regions = JSON.stringify(camera.regions);
    var fresh = configured === null || JSON.stringify(configured) !== regions;
    configured = camera.regions;
    if (!dirty && (fresh || sizeChanged)) {
      regionsFromCamera();
    }
    if (sameAsSaved()) {
      saved = null;
      status.textContent = '相机已使用新区域 The camera now uses the saved regions.';
      status.className = 'ok';
      section.setAttribute('data-applied', 'true');
    }
  }

  function answer(r) {
    if (r.status === 401) {
      window.location.assign('/login');
      throw new Error('logged out');
    }
    return r.json().then(function (body) {
      if (!r.ok) {
        throw new Error(body.error || ('HTTP ' + r.status));
      }
      return body;
    });
  }

  function refresh() {
    fetch('/api/camera?id=' + encodeURIComponent(cameraId), {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(answer)
      .then(show)
      .catch(function (e) {
        info.textContent = '刷新失败 refresh failed: ' + e.message;
      })
      .finally(function () {
        window.setTimeout(refresh, 2000);
      });
  }

  undo.addEventListener('click', function () {
    regionsFromCamera();
    status.textContent = '';
  });

  form.addEventListener('submit', function (evt) {
    evt.preventDefault();
    var body = 'csrf=' + encodeURIComponent(csrf) + '&camera=' + encodeURIComponent(cameraId);
    var texts = {};
    ZONES.forEach(function (zone) {
      body += '&' + encodeURIComponent('regions.' + zone) + '=' + encodeURIComponent(inputs[zone].value);
      texts[zone] = normal(inputs[zone].value);
    });
    save.disabled = true;
    status.textContent = '保存中 Saving…';
    status.className = 'hint';
    section.removeAttribute('data-refused');
    fetch('/api/camera/regions', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json'},
      body: body
    }).then(answer).then(function (r) {
      dirty = false;
      undo.disabled = true;
      if (r.changed.length === 0) {
        status.textContent = '没有改变 Nothing changed.';
        status.className = 'hint';
        return;
      }
      saved = texts;
      status.textContent = '已保存 Saved (' + r.changed.join(', ') + '); 相机以新区域重新启动 the camera restarts with them…';
      status.className = 'ok';
    }).catch(function (e) {
      status.textContent = '未保存 Not saved: ' + e.message;
      status.className = 'error';
      section.setAttribute('data-refused', 'true');
      save.disabled = false;
    });
  });

  save.setAttribute('data-ready', 'true');
  refresh();
})();
