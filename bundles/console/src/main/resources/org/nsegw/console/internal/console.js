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
