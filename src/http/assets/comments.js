// Comment forms, as progressive enhancement (they work without it): opening "Reply" focuses its
// text box and Ctrl+Enter (or Cmd+Enter) sends a comment (busy.js keeps it from being sent twice).
// A time marked data-local-time (the end of a comment's edit window) is shown in the reader's own
// time zone rather than UTC, with the zone's short name ("15:05 GMT+9", "3:05 PM EST") so that
// it cannot be read as UTC.
(function () {
  document.querySelectorAll('time[data-local-time]').forEach(function (el) {
    var at = new Date(el.getAttribute('datetime') || '');
    if (!isNaN(at.getTime())) el.textContent = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  });
  document.addEventListener('toggle', function (e) {
    var details = e.target;
    if (!(details instanceof HTMLDetailsElement) || !details.open || !details.classList.contains('reply')) return;
    var box = details.querySelector('textarea');
    if (box) box.focus();
  }, true);
  document.addEventListener('keydown', function (e) {
    var box = e.target;
    if (!(box instanceof HTMLTextAreaElement) || e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
    var form = box.closest('form.comment-form');
    if (!form || !box.value.trim()) return;
    e.preventDefault();
    form.requestSubmit();
  });
})();
