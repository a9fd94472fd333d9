// Kinga's speed test page script: loads M-Lab's ndt7 client (unchanged) when a person starts the
// test, runs it against this server, shows the figures as they come, then offers the save form.
// Plain ES2017, no build step; the page works without it (it explains what else to do).
(function () {
  'use strict';

  var lang = document.documentElement.lang || 'en';
  var numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });

  function text(app, name, value) {
    var template = app.getAttribute('data-text-' + name) || '';
    return value === undefined ? template : template.replace('{value}', numbers.format(value));
  }

  // Six decimals (about 0.1 m): the server finds the map cells of the position as measured, then
  // keeps only the cells; a position rounded here would land in a neighbouring cell half the time.
  function coordinate(value) {
    return value.toFixed(6);
  }

  // The save form: "use my location" asks the browser once.
  function wireForm(form, app) {
    function field(name) {
      return form.querySelector('[data-field="' + name + '"]');
    }
    form.addEventListener('change', function (event) {
      var target = event.target;
      if (!target || target.name !== 'place' || target.value !== 'location') return;
      var status = document.getElementById('speedtest-status');
      var say = function (message) {
        if (status) status.textContent = message;
      };
      if (!navigator.geolocation) return;
      say(app ? text(app, 'locating') : '');
      navigator.geolocation.getCurrentPosition(
        function (position) {
          field('lat').value = coordinate(position.coords.latitude);
          field('lon').value = coordinate(position.coords.longitude);
          field('accuracy').value = String(Math.round(Math.max(position.coords.accuracy || 0, 0)));
          say(app ? text(app, 'located') : '');
        },
        function () {
          var none = form.querySelector('input[name="place"][value="none"]');
          if (none) none.checked = true;
          say(app ? text(app, 'location-denied') : '');
        },
        { enableHighAccuracy: false, maximumAge: 600000, timeout: 20000 },
      );
    });
  }

  function loadClient(src) {
    return new Promise(function (resolve, reject) {
      if (window.ndt7) return resolve(window.ndt7);
      var script = document.createElement('script');
      script.src = src;
      script.addEventListener('load', function () {
        resolve(window.ndt7);
      });
      script.addEventListener('error', reject);
      document.head.appendChild(script);
    });
  }

  // The server stores its record when the connection closes; `wait=1` lets it wait for it.
  function fetchSummary(id) {
    return fetch('/api/v1/quality/ndt7-tests/' + encodeURIComponent(id) + '?wait=1', { headers: { accept: 'application/json' } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .catch(function () {
        return null;
      });
  }

  function start(app) {
    var button = document.getElementById('speedtest-start');
    var status = document.getElementById('speedtest-status');
    var shown = {
      download: document.getElementById('speedtest-download'),
      upload: document.getElementById('speedtest-upload'),
      latency: document.getElementById('speedtest-latency'),
    };
    var state = { download: '', upload: '', clientDownloadKbps: '', clientUploadKbps: '', failed: false };
    var say = function (message) {
      status.textContent = message;
    };
    function serverFigure(test, data) {
      if (!data || !data.AppInfo || !data.ConnectionInfo) return;
      state[test] = data.ConnectionInfo.UUID || state[test];
      var elapsed = data.AppInfo.ElapsedTime;
      if (elapsed > 0) shown[test].textContent = text(app, 'mbps', (data.AppInfo.NumBytes * 8) / elapsed);
    }
    function clientFigure(test, data) {
      if (data && typeof data.MeanClientMbps === 'number')
        state['client' + (test === 'download' ? 'Download' : 'Upload') + 'Kbps'] = String(Math.round(data.MeanClientMbps * 1000));
    }

    button.disabled = true;
    say(text(app, 'starting'));
    loadClient(app.getAttribute('data-client'))
      .then(function (ndt7) {
        return ndt7.test(
          {
            server: location.host,
            protocol: location.protocol === 'https:' ? 'wss' : 'ws',
            // Kinga's own server, not M-Lab's platform: M-Lab's data policy does not apply.
            mlabDataPolicyInapplicable: true,
            downloadworkerfile: app.getAttribute('data-download-worker'),
            uploadworkerfile: app.getAttribute('data-upload-worker'),
            metadata: { client_name: 'kinga-web', client_version: '1' },
          },
          {
            error: function () {
              state.failed = true;
            },
            downloadStart: function () {
              say(text(app, 'download'));
            },
            downloadMeasurement: function (m) {
              if (m.Source === 'server') serverFigure('download', m.Data);
              else clientFigure('download', m.Data);
            },
            uploadStart: function () {
              say(text(app, 'upload'));
            },
            uploadMeasurement: function (m) {
              if (m.Source === 'server') serverFigure('upload', m.Data);
              else clientFigure('upload', m.Data);
            },
          },
        );
      })
      .then(function () {
        return Promise.all([state.download ? fetchSummary(state.download) : null, state.upload ? fetchSummary(state.upload) : null]);
      })
      .then(function (summaries) {
        var download = summaries[0];
        var upload = summaries[1];
        if (download) shown.download.textContent = text(app, 'mbps', download.kbps / 1000);
        if (upload) shown.upload.textContent = text(app, 'mbps', upload.kbps / 1000);
        var rtts = [download && download.minRttMs, upload && upload.minRttMs].filter(function (x) {
          return typeof x === 'number';
        });
        if (rtts.length > 0) shown.latency.textContent = text(app, 'ms', Math.min.apply(null, rtts));
        if (!download && !upload && state.failed) {
          say(text(app, 'error'));
          button.disabled = false;
          return;
        }
        say(
          text(app, 'done') +
            ' ' +
            shown.download.textContent +
            ' / ' +
            shown.upload.textContent +
            ' / ' +
            shown.latency.textContent +
            '. ' +
            text(app, 'save-now'),
        );
        offerSave(app, state);
      })
      .catch(function () {
        say(text(app, 'error'));
        button.disabled = false;
      });
  }

  function offerSave(app, state) {
    var region = document.getElementById('speedtest-save');
    var template = document.getElementById('speedtest-save-form');
    if (!region || !template || region.querySelector('form')) return;
    region.appendChild(template.content.cloneNode(true));
    var form = region.querySelector('form');
    ['download', 'upload'].forEach(function (test) {
      form.querySelector('[data-field="' + test + 'Test"]').value = state[test];
    });
    form.querySelector('[data-field="clientDownloadKbps"]').value = state.clientDownloadKbps;
    form.querySelector('[data-field="clientUploadKbps"]').value = state.clientUploadKbps;
    wireForm(form, app);
    region.hidden = false;
    document.getElementById('speedtest-save-title').focus();
  }

  function init() {
    var app = document.getElementById('speedtest-app');
    if (app) {
      if (!window.Worker || !window.WebSocket || !window.fetch) return;
      var fallback = document.getElementById('speedtest-nojs');
      if (fallback) fallback.hidden = true;
      app.hidden = false;
      document.getElementById('speedtest-start').addEventListener('click', function () {
        start(app);
      });
      return;
    }
    // The form page shown again after a mistake: only the location choice needs the script.
    var form = document.querySelector('form[action="/speedtest/results"]');
    if (form) wireForm(form, null);
  }

  init();
})();
