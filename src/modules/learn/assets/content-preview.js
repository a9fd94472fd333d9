// The editor's live preview: while staff type Markdown, the server renders it (the same renderer
// and sanitiser as publishing) and the preview region shows the result. Without this script the
// form's "Preview" button does the same by posting the form. Served from 'self', as the
// Content-Security-Policy requires; it adds no inline script or style.
(function () {
  'use strict';
  var form = document.querySelector('form[data-preview-url]');
  if (!form) return;
  var body = form.querySelector('textarea[name="body"]');
  var region = document.getElementById('content-preview');
  var token = form.querySelector('input[name="_csrf"]');
  if (!body || !region || !token) return;
  var url = form.getAttribute('data-preview-url');
  var timer = null;
  var sent = 0;

  function render() {
    var asked = ++sent;
    var data = new URLSearchParams();
    data.set('_csrf', token.value);
    data.set('body', body.value);
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: data.toString(),
      credentials: 'same-origin',
    })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        // An older answer arriving after a newer one is dropped.
        if (html === null || asked !== sent) return;
        region.innerHTML = html;
        region.hidden = false;
      })
      .catch(function () {
        // The preview button still works; nothing to tell.
      });
  }

  body.addEventListener('input', function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(render, 400);
  });
})();
