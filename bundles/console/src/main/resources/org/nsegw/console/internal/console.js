// Refreshes the page's live table from the JSON rows the server renders it from (no innerHTML: texts stay text).
(function () {
  'use strict';
  var table = document.getElementById('live');
  if (!table) {
    return;
  }
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
