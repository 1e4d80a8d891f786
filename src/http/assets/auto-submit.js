// Submits a form marked data-auto-submit as soon as the page loads, once: the visible unsubscribe
// link of a digest then takes one click. Its GET alone changes nothing (mail scanners that only
// fetch links unsubscribe nobody); without JavaScript the form's button does the same by hand.
(function () {
  var form = document.querySelector('form[data-auto-submit]');
  if (!form || form.getAttribute('data-submitted')) return;
  form.setAttribute('data-submitted', '1');
  var status = form.querySelector('[data-auto-status]');
  if (status) status.textContent = status.getAttribute('data-auto-status');
  form.submit();
})();
