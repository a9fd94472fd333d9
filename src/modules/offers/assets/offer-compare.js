// The comparison form's script: home internet plans have no call minutes or text messages, so
// choosing home internet clears those fields and sets them aside (a disabled fieldset is not sent).
// Plain ES2017, no build step; without it the form works the same, since the server ignores them.
(function () {
  'use strict';

  var form = document.querySelector('form[data-compare]');
  if (!form) return;
  var type = form.querySelector('select[name="type"]');
  var mobileOnly = form.querySelector('fieldset[data-mobile-only]');
  if (!type || !mobileOnly) return;

  function apply(isCleared) {
    var isFixed = type.value === 'fixed';
    if (isFixed && isCleared) {
      Array.prototype.forEach.call(mobileOnly.querySelectorAll('input'), function (input) {
        input.value = '';
      });
    }
    mobileOnly.disabled = isFixed;
  }

  type.addEventListener('change', function () {
    apply(true);
  });
  apply(false);
})();
